"""Rules found on robotics / RL / agent abstracts nobody tuned for (issue 9's held-out
domains), one named function each; the stages and the resolver call them.

Each serves one class of error seen on fresh hand-judged papers:

- :func:`placeholder_macro` -- an unexpanded LaTeX macro (``\\sysName``, ``\\model``) is no name;
- :func:`join_soft_hyphens` -- a line-break hyphen left in a name (``UI- Genie-RM-517k``);
- :func:`dash_before_article` -- a hyphen used as a dash glues a name to its gloss
  (``MetaChain-a Fully-Automated ... framework``);
- :func:`known_acronym_variant` -- ``PF-PPO``, ``L-GRPO``, ``GRPO++``: a defined acronym that
  extends a known method's acronym is a named method, whatever its long form ends in;
- :func:`vendor_short_alias` -- a paper that introduces ``RoboMaster`` or ``G1`` names its
  own artifact, not the vendor's product the gazetteer knows as ``DJI RoboMaster``.
- :func:`drop_known_inside_long_form` -- "... via Step-wise Group Relative Policy Optimization"
  in a title holds no GRPO when the abstract defines that long form for StepGRPO;
- :func:`novel_parts_sentence`, :func:`variant_definition_is_new`, :func:`own_naming_apposition`,
  :func:`own_enumerated_parts` -- introduced: "X introduces two novel rewards: A (..)", "resulting
  in PF-PPO", "the resulting model, dubbed Orsta", "X comprises: (1) Point-Bench, ...";
- :func:`suite_suffix_token`, :func:`own_name_extensions`, :func:`noun_then_digit_name` --
  recall: "Point-Bench", "VLM-Gym", "UI-Genie-RM" (title "UI-Genie: ..."), "a benchmark 3D-POPE";
- :func:`drop_metric_names` -- "CLIP Score" is a metric, no mention of CLIP;
- :func:`vote_modified_nouns` -- typing: "the GDELT event database", "the X manipulation benchmark".

Hand-written regexes and string scans like the rest of the extraction rules (see
:mod:`graphkit.extract.rules`); each is prefiltered by a literal test so most abstracts pay a
few ``str.find`` calls.

>>> dash_before_article("we introduce MetaChain-a Fully-Automated framework")
'we introduce MetaChain,a Fully-Automated framework'
"""

from __future__ import annotations

import re

from graphkit.extract.candidates import Candidate
from graphkit.extract.sentences import sentence_of
from graphkit.extract.vocabulary import VARIANT_PARTS


def placeholder_macro(name: str) -> bool:
    """A LaTeX macro spelled with a lower-case first letter (``\\model``, ``\\sysName``,
    ``\\ours``) is a placeholder the abstract forgot to expand, not the artifact's name;
    names written as macros are capitalised (``\\GitChameleon{}``).

    >>> placeholder_macro("sysName"), placeholder_macro("model"), placeholder_macro("GitChameleon")
    (True, True, False)
    """
    return name[:1].islower()


# "UI- Genie-RM-517k": a capitalised word, a hyphen, one blank (a PDF line break), a capital
_SOFT_HYPHEN = re.compile(r"(?<![\w\-])([A-Z][\w]*)- ([A-Z][\w]*)")


def join_soft_hyphens(text: str, moved: list[tuple[int, list[int]]] | None = None) -> str:
    """``UI- Genie`` becomes ``UI-Genie`` (padded after the run, ``moved`` as in
    :func:`graphkit.extract.stages.strip_latex`) when the joined form is written elsewhere in
    the text: a line-break hyphen, not a suspended one ("pre- and post-training").

    >>> join_soft_hyphens("UI-Genie works. We build UI- Genie-RM-517k data.").split()
    ['UI-Genie', 'works.', 'We', 'build', 'UI-Genie-RM-517k', 'data.']
    >>> join_soft_hyphens("Vision- Language models and Text- Image pairs")
    'Vision- Language models and Text- Image pairs'
    """
    i = text.find("- ")
    while i > 0 and not (text[i - 1].isalnum() and text[i + 2:i + 3].isupper()):
        i = text.find("- ", i + 2)
    if i <= 0:
        return text  # (most texts: no "X- Y" at all; the regex scan is 5x slower than find)
    out, last = [], 0
    for m in _SOFT_HYPHEN.finditer(text):
        if m.start() < last or text.find(f"{m.group(1)}-{m.group(2)}") < 0:
            continue
        a, cut = m.start(), m.start(2) - 1  # cut: the blank
        tail = cut + 1
        while tail < len(text) and not text[tail].isspace():
            tail += 1
        # [a, tail) keeps its length: the run after the blank moves one left, a blank pads it
        out.append(text[last:a])
        out.append(text[a:cut] + text[cut + 1:tail] + " ")
        if moved is not None:
            moved.append((a, [*range(a, cut), *range(cut + 1, tail), tail]))
        last = tail
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


_DASH_ARTICLE = re.compile(r"(?<=[A-Za-z0-9])-(?=(?:a|an|the) [A-Za-z])")
_CAP_WORD_END = re.compile(r"(?:^|[\s(])[A-Z][\w]*$")


def dash_before_article(text: str) -> str:
    """A hyphen between a capitalised name and "a"/"an"/"the" is a dash ("MetaChain-a
    Fully-Automated framework"): it becomes a comma, an apposition (offsets kept).

    >>> dash_before_article("state-of-the-art and plan-a task"), dash_before_article("X-an agent")
    ('state-of-the-art and plan-a task', 'X,an agent')
    """
    if "-a " not in text and "-an " not in text and "-the " not in text:
        return text
    chars = None
    for m in _DASH_ARTICLE.finditer(text):
        if _CAP_WORD_END.search(text, max(0, m.start() - 40), m.start()):
            if chars is None:
                chars = list(text)
            chars[m.start()] = ","
    return text if chars is None else "".join(chars)


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,}")


def known_acronym_variant(short: str, gaz) -> bool:
    """``PF-PPO``, ``L-GRPO``, ``GRPO++``, ``StepGRPO``: the short form holds a known method's
    acronym plus a prefix or suffix, so it names a variant method, even when its long form
    ends in a field's word ("... Policy Optimization").

    >>> from graphkit.extract.gazetteer import Gazetteer
    >>> g = Gazetteer.packaged()
    >>> [known_acronym_variant(s, g) for s in ("PF-PPO", "L-GRPO", "GRPO++", "StepGRPO", "PPO", "NAS", "KANs")]
    [True, True, True, True, False, False, False]
    """
    if gaz is None:
        return False
    for m in _ACRONYM.finditer(short):
        part = m.group()
        if part == short or len(part) < 3 or short in (part + "s", part + "es"):
            continue  # "KANs" is the plural of KAN, no variant
        e = gaz.lookup(part)
        if e is not None and e.type == "Method" and e.name.upper() == part.upper() or \
                e is not None and e.type == "Method" and part in e.aliases:
            return True
    return False


def vendor_short_alias(surface: str, canonical: str) -> bool:
    """``RoboMaster`` for ``DJI RoboMaster``, ``G1`` for ``Unitree G1``: the surface is the
    gazetteer name without its first (vendor) word; a paper that proposes it names its own.

    >>> vendor_short_alias("RoboMaster", "DJI RoboMaster"), vendor_short_alias("G1", "Unitree G1")
    (True, True)
    >>> vendor_short_alias("GPT-4o", "GPT-4o"), vendor_short_alias("Panda", "Franka Emika Panda")
    (False, False)
    """
    head, _, rest = canonical.partition(" ")
    return bool(rest) and " " not in rest and rest == surface and head[:1].isupper()


_NAMING_PARTICIPLE = r"(?:termed|called|named|dubbed|coined)"


def _own_naming_apposition_re():
    from graphkit.extract import discovery as D  # (discovery imports nothing of this module)
    return re.compile(
        rf"\b(?:[Tt]he|[Oo]ur)[ \t]+(?:resulting|proposed|final|overall|new)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?"
        rf"[a-z][\w\-]*,[ \t]+{_NAMING_PARTICIPLE}[ \t]+[\"'“‘`]*(?P<name>{D.NAME})")


_OWN_NAMING_APPOSITION = None


def own_naming_apposition(d) -> None:
    """``The resulting model, dubbed Orsta (...)``: a participle names the paper's result
    (:func:`graphkit.extract.ownership.own_naming` reads "is termed X").

    >>> from graphkit.extract.ownership import names
    >>> names(own_naming_apposition, "One RL", "The resulting model, dubbed Orsta (One RL to See Them All), wins.")
    ['Orsta']
    """
    global _OWN_NAMING_APPOSITION
    text = d.text
    hits = [i for i in (text.find(", " + p) for p in ("dubbed", "named", "called", "termed", "coined")) if i >= 0]
    if not hits:
        return
    if _OWN_NAMING_APPOSITION is None:
        _OWN_NAMING_APPOSITION = _own_naming_apposition_re()
    from graphkit.extract import discovery as D
    for m in _OWN_NAMING_APPOSITION.finditer(text, max(0, min(hits) - 120)):
        d.add(D.list_item(m.group("name")), "own_naming_apposition", True)


_NOVEL = re.compile(r"\b(?:novel|new)\b")


def novel_parts_sentence(before: str, intro_word: re.Pattern) -> bool:
    """The clause before a definition says a name introduces novel parts ("StepGRPO
    introduces two novel rule-based rewards: Step-wise Reasoning Accuracy Reward (StepRAR)"):
    the parts are the paper's too, though no "we" says so.

    >>> from graphkit.extract.discovery import INTRO_WORD
    >>> novel_parts_sentence("Specifically, StepGRPO introduces two novel rewards: ", INTRO_WORD)
    True
    >>> novel_parts_sentence("Prior work introduces rewards: ", INTRO_WORD)
    False
    """
    return bool(_NOVEL.search(before)) and bool(intro_word.search(before.lower()))


def variant_definition_is_new(before: str, short: str, gaz, compare: re.Pattern) -> bool:
    """``... resulting in Policy Filtration for Proximal Policy Optimization (PF-PPO)``: a
    defined variant of a known method that the gazetteer does not know, with no comparison
    cue just before it, is the paper's own variant.

    >>> from graphkit.extract.gazetteer import Gazetteer
    >>> import re
    >>> cmp = re.compile(r"\\b(?:compar\\w*|than|such as|existing|previous|e\\.g\\.|like|versus|against)\\b")
    >>> g = Gazetteer.packaged()
    >>> variant_definition_is_new("learning, resulting in ", "PF-PPO", g, cmp)
    True
    >>> variant_definition_is_new("we compare with ", "PF-PPO", g, cmp), variant_definition_is_new("via ", "PPO", g, cmp)
    (False, False)
    """
    return known_acronym_variant(short, gaz) and gaz.lookup(short) is None and not compare.search(before[-60:])


_SUITE_TOKEN = re.compile(r"^[A-Z][\w.]*(?:-[\w.]+)*-(?:Bench(?:mark)?|Arena|Eval|Gym|Suite|Leaderboard)"
                          r"(?:-?v?\d+(?:\.\d+)?)?$")


def suite_suffix_token(token: str) -> bool:
    """``Point-Bench``, ``VLM-Gym``, ``Web-Arena``: a capitalised word or acronym hyphenated to a
    suite head is a name, though each part alone is a plain word ("LLM-Based" is none).

    >>> [suite_suffix_token(t) for t in ("Point-Bench", "VLM-Gym", "VPoS-Bench", "LLM-Based", "Multi-Agent", "bench")]
    [True, True, True, False, False, False]
    """
    return "-" in token and _SUITE_TOKEN.match(token) is not None


_RUN = re.compile(r"[\w\-.+]+")


def own_name_extensions(st, strip_token) -> None:
    """``UI-Genie-RM`` in a paper titled "UI-Genie: ...": a hyphen token that extends the
    title's one-word name is a name (the shape test alone drops "UI-Genie-RM": "UI", "RM" and
    "Genie" are plain parts).

    >>> from graphkit.extract.rules import _state
    >>> from graphkit.extract.discovery import strip_token
    >>> st = _state("UI-Genie: A Self-Improving Approach", "The reward model, UI-Genie-RM, beats UI-Genie-based ones.")
    >>> own_name_extensions(st, strip_token); [c.text for c in st.candidates]
    ['UI-Genie-RM']
    """
    text, end = st.text, st.title_end
    i = text.find(":", 0, end)
    name = text[:i].strip() if i > 0 else ""
    if not name or " " in name or len(name) < 3:
        return
    needle = name + "-"
    have = {(c.start, c.end) for c in st.candidates}
    j = text.find(needle, end)
    while j >= 0:
        if not (text[j - 1].isalnum() or text[j - 1] in "-_"):
            tok = strip_token(_RUN.match(text, j).group())
            parts = tok[len(needle):].split("-")
            keep = 0  # "Condor-generated", "zip2zip-fied": a lower-case tail describes, it does not name
            while keep < len(parts) and not (parts[keep].islower() and parts[keep] not in VARIANT_PARTS):
                keep += 1
            tok = needle + "-".join(parts[:keep]) if keep else ""
            if len(tok) > len(needle) and (j, j + len(tok)) not in have:
                c = Candidate(tok, j, j + len(tok), "shape", rule="own_name_extension")
                c.sentence = sentence_of(st.starts, j)
                st.candidates.append(c)
        j = text.find(needle, j + 1)


_COMPRISES = re.compile(r"[ \t]+(?:comprises|consists[ \t]+of|includes|contains|features|has)\b[^.:]{0,60}:")
_ENUM_ITEM = None


def own_enumerated_parts(d) -> None:
    """``PointArena comprises three components: (1) Point-Bench, a curated dataset ...; (2)
    Point-Battle, ...``: the named parts of the paper's own artifact (the title's name) are
    introduced too.

    >>> from graphkit.extract.ownership import names
    >>> names(own_enumerated_parts, "QuokkaArena: Probing Pointing",
    ...       "QuokkaArena comprises three components: (1) Quokka-Bench, a curated dataset; (2) Quokka-Battle, "
    ...       "an arena; and (3) a robot system.")
    ['Quokka-Bench', 'Quokka-Battle']
    """
    global _ENUM_ITEM
    if "(1)" not in d.text and "(i)" not in d.text and "(a)" not in d.text:
        return
    from graphkit.extract import discovery as D
    own = d.title_name or D.title_name(d.title, d.abstract, d.gaz.is_stop)  # (set by title_prefix)
    if not own:
        return
    if _ENUM_ITEM is None:
        _ENUM_ITEM = re.compile(rf"\((?:\d|[ivx]{{1,4}}|[a-e])\)[ \t]+(?P<name>{D._W})(?=[ \t]*,)")
    text = d.text
    i = text.find(own, d.st.title_end)
    while i >= 0:
        m = _COMPRISES.match(text, i + len(own))
        if m:
            end = text.find(". ", m.end())
            for it in _ENUM_ITEM.finditer(text, m.end(), end if end >= 0 else len(text)):
                n = it.group("name")
                if D.is_shape(n) or "-" in n and n[0].isupper() and " " not in n:  # "Point-Battle"
                    d.add(n, "own_enumerated_parts", True)
        i = text.find(own, i + 1)


# "a comprehensive benchmark 3D-POPE", "the dataset 4D-Bench": the type noun, then a name that
# opens with a digit (name-shaped tokens open with a letter) and holds two capitals after it
_NOUN_DIGIT_NAME = re.compile(r"\b(benchmark|dataset|suite|simulator|testbed)[ \t]+"
                              r"(?P<name>\d+[A-Za-z]?-(?=(?:[^A-Z\s]*[A-Z]){2})[A-Za-z][\w\-.+]*[A-Za-z0-9])"
                              r"(?<![a-z]s)(?=[ \t,.;:)]|$)")


def noun_then_digit_name(d) -> None:
    """``we propose a comprehensive benchmark 3D-POPE to ...``: a digit-initial name after a
    type noun (no plural: "3D-LLMs" is a category).

    >>> from graphkit.extract.ownership import names
    >>> names(noun_then_digit_name, "A Study", "We propose a comprehensive benchmark 3D-QPOPE to test 3D-LLMs.")
    ['3D-QPOPE']
    >>> names(noun_then_digit_name, "A Study", "We evaluate on the benchmark 3D-LLMs and a dataset 6-DoF poses.")
    []
    """
    text = d.text
    if "benchmark " not in text and "dataset " not in text and "suite " not in text and "simulator " not in text \
            and "testbed " not in text:
        return
    from graphkit.extract.vocabulary import noun_type
    st = d.st
    for m in _NOUN_DIGIT_NAME.finditer(text, st.title_end):
        name = m.group("name")
        if name.endswith("s") and name[-2:-1].isupper():
            continue
        intro = d.sentence_at(m.start()) in st.intro_sentences
        d.add(name, "noun_then_digit_name", intro, noun_type(m.group(1)), 2.5)


def drop_known_inside_long_form(st, long: str, defined_at: int) -> None:
    """A gazetteer mention strictly inside another use of a defined long form is part of
    that name: "R1-VL: ... via Step-wise Group Relative Policy Optimization" holds no GRPO
    when the abstract defines "Step-wise Group Relative Policy Optimization (StepGRPO)".

    >>> from graphkit.extract.rules import _state
    >>> from graphkit.extract.stages import match_gazetteer
    >>> st = _state("Q: Reasoning via Step-wise Group Relative Policy Optimization", "We train with it.")
    >>> match_gazetteer(st, st.gazetteer); [c.canonical for c in st.candidates]
    ['GRPO']
    >>> drop_known_inside_long_form(st, "Step-wise Group Relative Policy Optimization", 500); st.candidates
    []
    """
    if " " not in long:
        return
    cands = st.candidates
    gaz = [c for c in cands if c.source == "gazetteer" and not (defined_at <= c.start < defined_at + len(long))]
    if not gaz:
        return
    low, needle, n = st.lower, long.lower(), len(long)
    spans = []
    i = low.find(needle)
    while i >= 0:
        if i != defined_at:
            spans.append((i, i + n))
        i = low.find(needle, i + 1)
    if not spans:
        return
    drop = {id(c) for c in gaz if any(s <= c.start and c.end <= e and c.end - c.start < n for s, e in spans)}
    if drop:
        st.candidates[:] = [c for c in cands if id(c) not in drop]


# the noun, not the verb: "CLIP Score, ..." / "CLIP score of 0.3", not "Claude 3 Opus score below 20%"
_METRIC_AFTER = re.compile(r"[ \-]?(?:Score|score|Similarity)(?=[ \t]*(?:[,.;:)]|of\b|metrics?\b|and\b|$))")


def metric_after_name(text: str, end: int) -> bool:
    """A known model's name followed by "Score" names a metric ("CLIP Score", "BERT score"):
    the model is not mentioned.

    >>> t = "benchmarks such as HPS-v2.1, CLIP Score, VideoAlign"; metric_after_name(t, t.index("CLIP") + 4)
    True
    >>> t = "we fine-tune CLIP on it"; metric_after_name(t, t.index("CLIP") + 4)
    False
    >>> t = "LLMs like GPT-4o and Claude 3 Opus score below 20%"; metric_after_name(t, len(t) - 15)
    False
    """
    return _METRIC_AFTER.match(text, end, end + 12) is not None


def _known_method(gaz, c) -> bool:
    if c.type is not None:
        return c.type == "Method"
    e = gaz.lookup(c.text) if gaz is not None else None
    return e is not None and e.type == "Method"


def drop_metric_names(st) -> None:
    """Mentions of a known model's name that name a metric (:func:`metric_after_name`) are
    dropped; a benchmark's score ("a GenEval score of 0.77") still mentions the benchmark.

    >>> from graphkit.extract.rules import _state, token_shape
    >>> st = _state("A Study", "Scores such as CLIP Score and the CLIP model, a GenEval score of 0.7.")
    >>> token_shape(st, st.gazetteer); drop_metric_names(st); [(c.text, c.start) for c in st.candidates]
    [('CLIP', 43), ('GenEval', 57)]
    """
    text, n, gaz = st.text, len(st.text), st.gazetteer
    drop = [c for c in st.candidates if c.end < n and text[c.end] in " -S" and metric_after_name(text, c.end)
            and c.source in ("gazetteer", "shape") and _known_method(gaz, c)]
    if drop:
        ids = {id(c) for c in drop}
        st.candidates[:] = [c for c in st.candidates if id(c) not in ids]


_MODIFIED_NOUN = re.compile(r"[ \t]+(?P<mod>[a-z][a-z\-]{2,20})[ \t]+(?P<noun>benchmark|dataset|database|corpus|suite|"
                            r"simulator|testbed|leaderboard)s?\b")
_NOT_MODIFIER = {"and", "or", "nor", "on", "in", "for", "with", "as", "is", "are", "was", "were", "the", "to", "from",
                 "by", "of", "via", "across", "over", "than", "into", "onto", "its", "their", "our", "this", "that",
                 "new", "each", "every", "any", "all", "both", "other", "such", "has", "have", "had", "uses", "used"}
_ING_MODIFIERS = {"training", "testing", "reasoning", "driving", "planning", "grounding", "coding", "tracking",
                  "learning", "forecasting", "understanding", "manipulation", "benchmarking", "finetuning",
                  "fine-tuning", "pretraining", "pre-training", "matching", "tuning", "modeling", "modelling"}


def modified_noun_type(text: str, end: int) -> str | None:
    """The type noun after a name and one modifier: "the GDELT event database", "the LIBERO
    manipulation benchmark" (not "X and benchmark ...", "X using datasets").

    >>> t = "We refine the GDELT event database."; modified_noun_type(t, t.index("GDELT") + 5)
    'database'
    >>> t = "X and dataset Y, X using datasets"; modified_noun_type(t, 1), modified_noun_type(t, 21)
    (None, None)
    """
    m = _MODIFIED_NOUN.match(text, end, end + 50)
    if m is None:
        return None
    mod = m.group("mod")
    if mod in _NOT_MODIFIER or mod.endswith("ing") and mod not in _ING_MODIFIERS or mod.endswith("ly"):
        return None
    return f"{mod} {m.group('noun')}" if mod in ("benchmark", "evaluation", "test") else m.group("noun")


def vote_modified_nouns(st) -> None:
    """Each unknown name followed by a modifier and a type noun gets that noun's vote
    (:func:`modified_noun_type`)."""
    from graphkit.extract.vocabulary import noun_type

    text = st.text
    if "benchmark" not in text and "data" not in text and "corpus" not in text and "suite" not in text \
            and "simulator" not in text and "testbed" not in text and "leaderboard" not in text:
        return
    n = len(text)
    for c in st.candidates:
        if c.source == "gazetteer" or c.end >= n or text[c.end] not in " \t":
            continue
        noun = modified_noun_type(text, c.end)
        if noun:  # "X benchmark dataset": the two words decide (noun_type reads the last two)
            st.vote(c.key, noun_type(noun), 2.0, f"noun after modifier:{noun}")
