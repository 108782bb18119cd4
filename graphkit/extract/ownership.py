"""Whether the paper introduces a name: the rules of issue 9 that decide ``introduced``.

Discovery rules (each a function over a :class:`~graphkit.extract.rules.Discovery`, run
after :data:`graphkit.extract.rules.RULES`, see :data:`RULES`) and the resolution steps
that reconcile the flag between mentions and between a name and its variants:

- :func:`own_appositive`: ``Kimi k1.5, our latest multi-modal LLM`` -> introduced;
- :func:`our_name_noun`: ``our vsGRPO-2B model``, ``our proposed LongAudioBench``;
- :func:`intro_coordination`: ``we introduce BlobData for training and BlobBench for evaluation``;
- :func:`own_naming`: ``The resulting method is termed LASER-D``;
- :func:`carry_introduced`: a mention a rule saw proposed keeps the flag when another
  rule's mention of the same span (a gazetteer variant, a shape token) wins the span;
- :func:`propagate_introduced`: ``X-7B``/``X-Coding`` of an introduced ``X`` is
  introduced, and so is ``X`` when the paper introduces ``X-7B``;
- :func:`graphkit.extract.discovery.object_of_preposition`: ``we build on X`` / ``we present
  results on X`` does not propose X (intro_direct skips it).

>>> names(own_appositive, "A Study", "We report on the training of Kimi-Z, our latest multi-modal LLM.")
['Kimi-Z']
"""

from __future__ import annotations

import re
from typing import Callable

from graphkit.extract import discovery as D
from graphkit.extract import rules as R
from graphkit.extract.candidates import Candidate
from graphkit.extract.generality import noun_then_digit_name, own_enumerated_parts, own_naming_apposition

# "X, our latest model": the words after "our" name what X is ...
_OUR_HEAD = re.compile(r"(?:(?:latest|new|newest|novel|proposed|own|final|flagship|open|first|best)[ \t]+)?"
                       r"(?:[\w\-]+[ \t]+){0,3}?(?:model|method|approach|framework|agent|system|policy|algorithm|benchmark|"
                       r"dataset|simulator|architecture|pipeline|suite|family|series|llm|mllm|vlm|vla|release|contribution|"
                       r"solution|tool|toolkit|library|platform|environment|recipe|technique|strategy)s?\b(?P<next>[ \t]+\w+)?", re.I)
# ... unless they open a clause: "combined with the pi0 VLA, our method can scale"
_CLAUSE_VERB = re.compile(r"[ \t]+(?:can|could|will|would|may|might|is|are|was|were|has|have|had|also|further|still|"
                          r"consistently|significantly|not|only|\w+s)$")
# "Trained on top of Llama 3, our model ...": X is what the paper's model starts from
_FROM_BEFORE = re.compile(r"\b(?:top[ \t]+of|with|on|upon|from|using|via|over|than|against|to|into|atop|like)[ \t]+(?:the[ \t]+)?$")
_NAME_JOINER = re.compile(r"^.*[ \t](?:by|with|using|via|on|in|from|for|to|of|as)[ \t]+")


def own_appositive(d: R.Discovery) -> None:
    """``X, our latest model`` / ``X, our proposed benchmark``: X is the paper's own (a
    known name too: the paper releases this version); not when "our ..." starts a clause
    of its own ("with the pi0 VLA, our method can ...").

    >>> names(own_appositive, "A Study", "We report on the training of Kimi-Z, our latest multi-modal LLM trained with RL.")
    ['Kimi-Z']
    >>> names(own_appositive, "A Study", "Combined with the Pi0-Z VLA, our method can scale. Overall, our model wins.")
    []
    """
    text = d.text
    if ", our " not in text:
        return
    starts = set(d.st.starts)
    i = text.find(", our ")
    while i >= 0:
        m = D.NAME_BEFORE.search(text, max(0, i - 80), i)
        h = _OUR_HEAD.match(text, i + 6)
        if m is not None and h is not None and not (h.group("next") and _CLAUSE_VERB.search(h.group("next"))):
            name = _NAME_JOINER.sub("", m.group("name"))  # "Powered by DynaMem" -> "DynaMem"
            at = m.end() - len(name)
            first = name.split()[0]
            if not (at in starts and not D.is_shape(first)) and not _FROM_BEFORE.search(text, max(0, at - 30), at):
                d.add(name, "own_appositive", True, strong=True)
        i = text.find(", our ", i + 1)


_OUR_NAME_NOUN = re.compile(
    rf"ur(?<=[Oo]ur)(?<![\w][Oo]ur)[ \t]+(?:(?:own|proposed|new|novel|resulting|final|trained|released)[ \t]+)?"
    rf"(?P<name>{D._W})(?P<after>[ \t]+(?:[a-z\-]+[ \t]+)?(?:model|method|approach|framework|agent|system|policy|"
    rf"algorithm|benchmark|dataset|simulator|architecture|pipeline|suite|family|series|variant)s?\b)?")
_OUR_PROPOSED = re.compile(r"ur(?<=[Oo]ur)[ \t]+(?:proposed|newly[ \t]+proposed|new|novel|resulting)[ \t]+$")


def _known_family(gaz, name: str) -> bool:
    """``name`` is a known name or a size/suffix variant of one (``Qwen2.5-7B``)."""
    if gaz.lookup(name) is not None:
        return True
    return any(g.start == 0 for g in gaz.find(name))


def our_name_noun(d: R.Discovery) -> None:
    """``our vsGRPO-2B model`` / ``our proposed LongAudioBench``: a name between "our" and a
    type noun, or after "our proposed/new", is the paper's own (not a known family's
    model: "our Qwen2.5-7B model" is the paper's run of Qwen).

    >>> names(our_name_noun, "A Study", "Our vsQuokka-2B model beats GPT-4o on our proposed WombatBench.")
    ['vsQuokka-2B', 'WombatBench']
    """
    if "our " not in d.st.lower:
        return
    for m in _OUR_NAME_NOUN.finditer(d.text):
        name = D.strip_token(m.group("name"))
        before = d.text[m.start() - 1:m.start("name")]
        if not (m.group("after") or _OUR_PROPOSED.search(before)):
            continue
        if not D.is_shape(name) or _known_family(d.gaz, name):
            continue
        d.add(name, "our_name_noun", True)


# "we introduce BlobData for large-scale training and BlobBench for systematic evaluation"
_COORD = re.compile(rf"[ \t]+(?:for|to)[ \t]+(?:[a-z\-]+[ \t]+){{0,5}}?(?:and|as[ \t]+well[ \t]+as)[ \t]+"
                    rf"(?:(?:the|a|an)[ \t]+)?(?P<name>{D._W})(?=[ \t]+(?:for|to|,|that|which)\b|[ \t]*[,.;(])")


# "... to create a GUI-Critic-Train and a GUI-Critic-Test": a second object of the same verb
_AND_NAME = re.compile(rf"[ \t]+and[ \t]+(?:(?:the|a|an)[ \t]+)?(?P<name>{D._W})(?=[ \t]*[,.;(]|[ \t]+(?:for|to|that|which)\b)")


def intro_coordination(d: R.Discovery) -> None:
    """The second name of ``we introduce X for ... and Y for ...`` is proposed as well.

    >>> names(intro_coordination, "A Study", "We introduce QuokkaData for training and QuokkaBench for evaluation.")
    ['QuokkaBench']
    >>> names(intro_coordination, "A Study", "We create a QuokkaTrain and a QuokkaTest.")
    ['QuokkaTest']
    """
    st, text = d.st, d.text
    for s_i in sorted(st.intro_sentences):
        s0 = st.starts[s_i]
        s1 = st.starts[s_i + 1] if s_i + 1 < len(st.starts) else len(text)
        for m, used in d.intro_direct(s_i):  # = D.INTRO_DIRECT.finditer(text, s0, s1)
            if used:  # = D.not_proposed(text, m.start(), m.start("name"))
                continue
            end = m.end("name")
            c = _COORD.match(text, end, s1) or _AND_NAME.match(text, end, s1)
            if c and D.is_shape(c.group("name")):
                d.add(D.strip_token(c.group("name")), "intro_coordination", True, strong=False)


_NAMING_VERBS = ("termed", "called", "named", "dubbed", "coined", "denoted")
_OWN_NAMING = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Oo]ur)[ \t]+(?:resulting|proposed|final|overall|complete|full|new)[ \t]+(?:[a-z\-]+[ \t]+){{0,3}}?"
    rf"(?:is|are|was)[ \t]+(?:thus[ \t]+|therefore[ \t]+|hence[ \t]+)?(?:{'|'.join(_NAMING_VERBS)})"
    rf"[ \t]+(?:as[ \t]+)?[\"'“‘`]*(?P<name>{D.NAME})")


def own_naming(d: R.Discovery) -> None:
    """``The resulting method is termed X`` / ``the proposed framework is called X``.

    >>> names(own_naming, "A Study", "The resulting method is termed LASER-Q (Dynamic and Difficulty-aware).")
    ['LASER-Q']
    """
    low = d.st.lower
    words = d.st.word_set()  # _OWN_NAMING holds "is/are/was" and a naming verb whole: a set lookup first
    if words.isdisjoint(_NAMING_VERBS) or words.isdisjoint(("is", "are", "was")):
        return
    if " is " not in low and " are " not in low and " was " not in low:
        return
    if not any(v in d.text for v in _NAMING_VERBS):  # the regex scans the whole text: most have none
        return
    for m in _OWN_NAMING.finditer(d.text):
        d.add(D.list_item(m.group("name")), "own_naming", True)


_PLURAL_S = re.compile(r"s$")
_SURVEY = re.compile(r"\b(?:survey|review|overview|tutorial|primer|position paper)\b")
_TITLE_HEAD = re.compile(r"[ \t]*(?::|[ \t]--?[ \t]|[ \t]—[ \t])")


def title_long_form(d: R.Discovery) -> None:
    """A title without a ``Name:`` prefix that is (or opens with) a long form the abstract
    defines names the paper's own artifact: "Reward Reasoning Model" with "we introduce
    Reward Reasoning Models (RRMs)", "Sample-Efficient Alignment for LLMs" with "named SEA
    (Sample-Efficient Alignment)". The title's words become a mention of the short form.

    >>> st = _defined("Natural Language Reinforcement Learning", "It studies Natural Language Reinforcement "
    ...               "Learning (NLRL) on games.")
    >>> [(c.text, c.introduced) for c in st.candidates if c.rule == "title_long_form"]
    [('Natural Language Reinforcement Learning', True)]
    """
    st, gaz = d.st, d.gaz
    if st.title_key or not st.long_forms or st.title_end == 0:
        return
    title = st.lower[:st.title_end].rstrip(" .!?")
    if _SURVEY.search(title):
        return  # a survey's title names its field
    head = _TITLE_HEAD.split(title, 1)[0]  # "reasoning language models: a blueprint" -> the part before the colon
    for sk, long in list(st.long_forms.items()):
        lf = _PLURAL_S.sub("", long.lower())
        if " " not in lf or not head.startswith(lf) or gaz.lookup(long) is not None:
            continue
        n = len(lf) + (1 if head[len(lf):len(lf) + 1] == "s" else 0)
        if n < len(head) and not head.startswith(" for ", n):
            continue  # the whole head, or "X for Y" ("Real-Time Iteration Scheme for ..." is the scheme's use)
        c = Candidate(d.text[:n], 0, n, "abbreviation", introduced=True, rule="title_long_form")
        st.candidates.append(c)  # sentence 0
        st.links.append((sk, c.key))


def _defined(title: str, abstract: str):
    """A state after sentence splitting and definitions (examples)."""
    from graphkit.extract.stages import find_definitions

    st = R._state(title, abstract)
    find_definitions(st, st.gazetteer)
    title_long_form(R.Discovery(st, st.gazetteer))
    return st


# "a newly curated week-long video QA benchmark, Ego-R1 Bench, which ..."
_NEW_NOUN_NAME = re.compile(
    rf"\b(?:a|an)[ \t]+(?:newly[ \t]+(?:curated|collected|constructed|built|created|designed|developed|introduced|"
    rf"proposed|released)|new|novel)[ \t]+(?:[\w\-]+[ \t]+){{0,4}}?(?P<noun>benchmark|dataset|suite|corpus|testbed|"
    rf"simulator|environment|model|method|framework|algorithm|agent|system|pipeline|architecture)s?,?[ \t]+"
    rf"(?:(?:called|named|dubbed|termed)[ \t]+)?[\"'“‘`]*(?P<name>{D.NAME})")


def _new_noun_starts(text: str) -> list[int]:
    """Where a :data:`_NEW_NOUN_NAME` match may start: the "a"/"an" right before the blanks
    before each "new"/"novel" (two ``str.find`` scans; the regex tried at every character
    cost 0.05 ms an abstract, 20x more).

    >>> _new_noun_starts("a new x, an\t novel y, anew z, A new")
    [0, 9]
    """
    out = set()
    for w in ("new", "novel"):
        k = text.find(w)
        while k >= 0:
            j = k
            while j > 0 and (text[j - 1] == " " or text[j - 1] == "\t"):
                j -= 1
            if j < k:
                if text[j - 1:j] == "a":
                    out.add(j - 1)
                elif text[max(0, j - 2):j] == "an":
                    out.add(j - 2)
            k = text.find(w, k + 1)
    return sorted(out)


def new_noun_name(d: R.Discovery) -> None:
    """``a newly curated ... benchmark, X`` / ``a new dataset X``: the paper's own X.

    >>> names(new_noun_name, "A Study", "Our agent is evaluated on a newly curated video QA benchmark, "
    ...       "Quokka Bench, which has QA pairs.")
    ['Quokka Bench']
    """
    low = d.st.lower
    words = d.st.word_set()  # _NEW_NOUN_NAME holds "a"/"an" and "new"/"newly"/"novel" whole: set lookups first
    if words.isdisjoint(("new", "newly", "novel")) or words.isdisjoint(("a", "an")):
        return
    if " new" not in low and " novel " not in low:
        return
    for m in D.matches_at(_NEW_NOUN_NAME, d.text, _new_noun_starts(d.text), len(d.text)):  # = .finditer(d.text)
        name = D.list_item(m.group("name"))
        if D.is_shape(name.split()[0]) or " " in name:
            d.add(name, "new_noun_name", True)


NO_TITLE_NAME = "\x00"  # a title_key no name has: the title names nothing of the paper's own
_SURVEY_TITLE = re.compile(r"\b(?:a|an)[ \t]+(?:[\w\-]+[ \t]+){0,3}?(?:survey|review|overview|tutorial|primer)\b"
                           r"|^(?:survey|review)[ \t]+(?:of|on)\b")


_ENUM = r"\(?(?:i{1,3}|iv|v|[1-5]|[a-e])\)"
# "we introduce a novel training approach, ReLIFT (...)"
_VERB_NOUN_COMMA = re.compile(rf"\b{D._INTRO_VERB}[ \t]+(?:a|an|the|two|three)[ \t]+(?:[a-z][a-z\-]*[ \t]+){{0,5}}?"
                              rf"[a-z][a-z\-]*,[ \t]+(?P<name>{D._W})")
# "proposing (i) RAMDocs (...), a new dataset ...; and (ii) MADAM-RAG, ..."
_VERB_ENUM = re.compile(rf"\b{D._INTRO_VERB}[ \t]+{_ENUM}[ \t]+")
_ENUM_NAME = re.compile(rf"{_ENUM}[ \t]+(?:(?:a|an|the)[ \t]+)?(?P<name>{D._W})")


def intro_noun_then_name(d: R.Discovery) -> None:
    """In a sentence that proposes: ``we introduce a novel approach, X`` and the names of an
    enumeration right after the verb (``proposing (i) X, a dataset, and (ii) Y, a method``).

    >>> names(intro_noun_then_name, "A Study", "We introduce a novel training approach, ReQuokka (Reinforcement "
    ...       "Learning). We propose (i) QuokDocs, a dataset, and (ii) QUOKKA-RAG, a debate method.")
    ['ReQuokka', 'QuokDocs', 'QUOKKA-RAG']
    """
    st, text = d.st, d.text
    for s_i in sorted(st.intro_sentences):
        s0 = st.starts[s_i]
        s1 = st.starts[s_i + 1] if s_i + 1 < len(st.starts) else len(text)
        verbs = d.sentence_verbs(s_i)[2]
        for m in D.matches_at(_VERB_NOUN_COMMA, text, verbs, s1):  # = _VERB_NOUN_COMMA.finditer(text, s0, s1)
            name = D.strip_token(m.group("name"))
            if D.is_shape(name):
                d.add(name, "intro_noun_then_name", True, strong=False)
        v = D.matches_at(_VERB_ENUM, text, verbs, s1, first=True)  # = [_VERB_ENUM.search(text, s0, s1)]
        if v:
            v = v[0]
            for m in _ENUM_NAME.finditer(text, v.start(), s1):
                name = D.strip_token(m.group("name"))
                if D.is_shape(name):
                    d.add(name, "intro_noun_then_name", True, strong=False)


def survey_paper(d: R.Discovery) -> None:
    """A survey or review introduces no named artifact but a name-shaped system in its title
    ("OpenHelix: A Short Survey ... and Open-Source VLA Model"): its title's field ("Neural
    Fields in Robotics: A Survey") is no entity, and "a thorough review of Neural Fields"
    proposes nothing. Runs after every other rule.

    >>> names(survey_paper, "Neural Quokkas in Robotics: A Survey", "We review Neural Quokkas in robotics.")
    []
    """
    st = d.st
    if not _SURVEY_TITLE.search(st.lower, 0, st.title_end):
        return
    tn = d.title_name
    if tn and not any(D.is_shape(w) for w in tn.split()):
        d.found.pop(tn, None)
        d.title_name, tn = None, None
    st.title_key = tn and st.title_key or NO_TITLE_NAME  # and no name opening the title is the paper's own
    for n, (rule, intro) in list(d.found.items()):
        if intro and n != tn:
            d.found[n] = (rule, False)
    st.intro_keys.clear()


_HEADS = (r"(?:method|model|framework|approach|algorithm|agent|system|policy|benchmark|dataset|pipeline|architecture|"
          r"paradigm|strategy|technique|environment|simulator|suite|platform)s?")
_DESCRIPTOR_ACRONYM = re.compile(
    rf"\b(?:propos|introduc|present|develop|design)(?:e|es|ed|ing)?[ \t]+(?:a|an|the)[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,4}}"
    rf"\([A-Z][\w\-]*\)[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,2}}?{_HEADS},?[ \t]+[\"'“‘`]*(?P<name>{D.NAME})")


def intro_descriptor_acronym(d: R.Discovery) -> None:
    """An acronym inside the description does not hide the name after it: "we propose a novel
    reinforcement learning (RL) framework V-ToolRL to train LVLMs".

    >>> names(intro_descriptor_acronym, "A Study", "We propose a novel reinforcement learning (RL) framework "
    ...       "V-QuokkaRL to train LVLMs.")
    ['V-QuokkaRL']
    """
    text, st = d.text, d.st
    if ") " not in text:
        return
    for s_i in sorted(st.intro_sentences):
        s0 = st.starts[s_i]
        s1 = st.starts[s_i + 1] if s_i + 1 < len(st.starts) else len(text)
        if ")" not in text[s0:s1]:
            continue
        for m in D.matches_at(_DESCRIPTOR_ACRONYM, text, d.sentence_verbs(s_i)[2], s1):  # = .finditer(text, s0, s1)
            d.add(D.list_item(m.group("name")), "intro_descriptor_acronym", True)


RULES: list[Callable[[R.Discovery], None]] = [own_appositive, our_name_noun, intro_coordination, own_naming,
                                              title_long_form, new_noun_name, intro_noun_then_name, survey_paper,
                                              intro_descriptor_acronym, own_naming_apposition,
                                              own_enumerated_parts, noun_then_digit_name]
R._INTRO_RULES.update(f.__name__ for f in RULES)  # their names count as introducing (explain, d.add)
R.RULE_SOURCE.update({f.__name__: "intro" for f in RULES})
R._INTRO_RULES.discard(noun_then_digit_name.__name__)  # a context rule: "benchmark 3D-POPE" types, it does not own
R.RULE_SOURCE[noun_then_digit_name.__name__] = "context"


def names(rule: Callable[[R.Discovery], None], title: str, abstract: str) -> list[str]:
    """:func:`graphkit.extract.rules.names` for these rules."""
    return R.names(rule, title, abstract)


# --- resolution: one flag per entity ---------------------------------------------------

def carry_introduced(kept: list, st) -> None:
    """A kept mention gets ``introduced`` from a dropped mention of exactly its span: a rule
    saw "we present SWE-bench-Live" while the gazetteer variant rule won the span.

    >>> from graphkit.extract.candidates import Candidate, DocState
    >>> v = Candidate("Foo-Live", 0, 8, "variant"); i = Candidate("Foo-Live", 0, 8, "intro", introduced=True)
    >>> st = DocState("Foo-Live", 8, candidates=[v, i]); carry_introduced([v], st); v.introduced
    True
    """
    cands = st.candidates
    spans = {(c.start, c.end) for c in cands if c.introduced and c.source != "context"}
    if not spans:
        return
    for c in kept:  # abbreviations and title names judged their own mention; variants and shapes did not
        if not c.introduced and c.source in ("variant", "shape") and (c.start, c.end) in spans:
            c.introduced = True


_TYPE_TAIL = ("bench", "benchmark", "dataset", "data", "corpus", "suite", "simulator")


def title_name_tails(kept: list, st) -> None:
    """The title's name and the same name with a type noun ("Deceptive Humor: A ... Benchmark
    Dataset" and "the Deceptive Humor Dataset (DHD)") are one entity when the subtitle
    says the name is such an artifact ("Ego-R1: Chain-of-Tool-Thought ..." and its separate
    "Ego-R1 Bench" stay two).

    >>> from graphkit.extract.candidates import Candidate, DocState
    >>> st = DocState("x", 0, title_key="deceptivehumor", subtitle_type="Benchmark")
    >>> title_name_tails([Candidate("Deceptive Humor Dataset", 0, 23, "abbreviation")], st); st.links
    [('deceptivehumor', 'deceptivehumordataset')]
    """
    tk = st.title_key
    if not tk or not st.subtitle_type:
        return
    for c in kept:
        k = c.key
        if k != tk and k.startswith(tk) and k[len(tk):] in _TYPE_TAIL and " " in c.text:
            st.links.append((tk, k))


_PARTICIPLE = re.compile(r"-[A-Z][a-z]+ed$")
_SIZE = re.compile(r"-(?:\d+(?:\.\d+)?[BMK]|[Ss]mall|[Bb]ase|[Ll]arge|[Mm]ini|[Tt]iny)$")


def propagate_introduced(ents: list) -> None:
    """Sizes and parts of an introduced name are introduced ("HiconAgent-3B",
    "MAT-Coding" of the introduced MAT), and a bare name is when the paper introduces
    its sized model ("our vsGRPO-7B model" ... "vsGRPO"). Names of a curated list keep
    their flag (a gazetteer entry is another paper's artifact).

    >>> from graphkit.model import ExtractedEntity as E
    >>> es = [E("Foo", "Method", introduced=True, source="title"), E("Foo-Coding", "Benchmark", source="context"),
    ...       E("Bar-7B", "Method", introduced=True, source="shape"), E("Bar", "Method", source="shape"),
    ...       E("Foo-Stabilized", "Method", source="shape")]
    >>> propagate_introduced(es); [e.introduced for e in es]
    [True, True, True, True, False]
    """
    own = [e.name for e in ents if e.introduced]
    if not own:
        return
    for e in ents:
        if e.introduced or "gazetteer" in e.source or "user" in e.source:
            continue
        if any(e.name.startswith(n + "-") and not _PARTICIPLE.search(e.name, len(n)) for n in own):
            e.introduced = True  # not "C3PO-Stabilized" (an adjective) of the introduced C3PO
        elif e.source == "shape" and any(n.startswith(e.name + "-") and _SIZE.search(n[len(e.name):]) for n in own):
            e.introduced = True


# --- definitions that override a stop word ----------------------------------------------

# "Our tokenization approach, <Long Form> (FAST)", "we propose <Long Form> (FAST)"
_OWN_RIGHT_BEFORE = re.compile(r"(?:\b[Oo]ur[ \t]+(?:[\w\-]+[ \t]+){0,3}?(?:method|approach|model|framework|agent|"
                               r"system|policy|algorithm|benchmark|dataset|architecture|pipeline|scheme|module|"
                               r"technique|strategy|tokenizer|objective|loss|recipe|paradigm)s?,?"
                               r"|\b(?:[Ww]e|and|to)[ \t]+"
                               r"(?:propose|introduce|present|develop|design|name|call|term)[sd]?"
                               r"(?:[ \t]+(?:a|an|the))?(?:[ \t]+(?:new|novel|simple|general))?)[ \t]+$")
_TITLE_CASE_WORD = re.compile(r"^(?:[A-Z\d][\w\-]*|[a-z]{1,3})$")  # "Frequency-space", "of", "3D"


def own_stop_acronym(text: str, title_end: int, sent_start: int, short: str, long: str, long_start: int) -> bool:
    """An acronym that is a stop word elsewhere ("FAST", "BEST", "SLM") is the paper's own name
    when the paper proposes it under a Title Case long form, right after "our ...", an intro
    verb, or as the title's ``NAME:`` prefix.

    >>> t = "FAST: Action Tokenization\\n\\nOur approach, Frequency-space Action Sequence Tokenization (FAST), wins."
    >>> i = t.index("Frequency"); own_stop_acronym(t, 25, 27, "FAST", t[i:t.index(" (FAST")], i)
    True
    >>> t = "A Study\\n\\nOur method improves the Peak Signal-to-Noise Ratio (PSNR) by 5 dB."
    >>> i = t.index("Peak"); own_stop_acronym(t, 7, 9, "PSNR", "Peak Signal-to-Noise Ratio", i)
    False
    """
    if not short.isupper() or len(short) < 3 or len(long.split()) < 2:
        return False
    if not all(_TITLE_CASE_WORD.match(w) for w in long.split()):
        return False
    if text.startswith(short + ":", 0) and title_end > len(short):
        return True
    return bool(_OWN_RIGHT_BEFORE.search(text, sent_start, long_start))


# --- names the paper only refers to ---------------------------------------------------------

_REFERENCE_TAIL = re.compile(r"-(?:[Ll]ike|LIKE|[Ss]tyle)\b")
_CAP_PARTICIPLE = re.compile(r"-([A-Z][a-z]+ed)$")


def reference_names(ents: list, text: str, title_key: str = "", title_end: int | None = None) -> None:
    """A name the title writes as "X-like" or "X-style" is the reference the paper follows, not
    its own ("Understanding R1-Zero-Like Training ... we present a minimalist R1-Zero recipe");
    in the abstract "X-like" may describe the paper's own X ("EFA-like programs").

    >>> from graphkit.model import ExtractedEntity as E, Mention
    >>> t = "Understanding R1-Zero-Like Training. We present a minimalist R1-Zero recipe."
    >>> es = [E("R1-Zero", "Method", introduced=True, mentions=[Mention("R1-Zero", 14, 21, 0)])]
    >>> reference_names(es, t, title_end=35); es[0].introduced
    False
    """
    from graphkit.extract.normalize import singular_key

    end = len(text) if title_end is None else title_end
    for e in ents:
        if e.introduced and singular_key(e.name) != title_key and any(
                m.end <= end and _REFERENCE_TAIL.match(text, m.end) for m in e.mentions):
            e.introduced = False


def drop_participle_names(ents: list) -> list:
    """"C3PO-Stabilized" of "C3PO-Stabilized Reinforcement Learning" is an adjective made of
    the paper's C3PO, no name ("SWE-bench-Verified"-like release words stay).

    >>> from graphkit.model import ExtractedEntity as E
    >>> [e.name for e in drop_participle_names([E("C3PO", "Method"), E("C3PO-Stabilized", "Method")])]
    ['C3PO']
    """
    from graphkit.extract.vocabulary import VARIANT_PARTS

    names = {e.name for e in ents}
    out = []
    for e in ents:
        m = _CAP_PARTICIPLE.search(e.name)
        if m and m.group(1).lower() not in VARIANT_PARTS and e.name[:m.start()] in names:
            continue
        out.append(e)
    return out
