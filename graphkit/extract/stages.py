"""The rule stages, one function each, over a :class:`DocState` (plain text offsets).

Each spaCy component in :mod:`graphkit.extract.components` calls one of these.

>>> from graphkit.extract.gazetteer import Gazetteer
>>> st = new_state("Robix: A Unified Model", "We present Robix, tested with GPT-4o on LIBERO.")
>>> split_sentences(st); match_gazetteer(st, Gazetteer.load())
>>> sorted(c.text for c in st.candidates)
['GPT-4o', 'LIBERO']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from graphkit.extract import discovery as D
from graphkit.extract import rules as R
from graphkit.extract.abbreviations import find_abbreviations
from graphkit.extract.candidates import Candidate, DocState
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.generality import (dash_before_article, drop_known_inside_long_form, join_soft_hyphens,
                                         drop_metric_names, novel_parts_sentence,
                                         own_name_extensions, placeholder_macro, variant_definition_is_new,
                                         vote_modified_nouns)
from graphkit.extract.normalize import fold, name_key, singular_key
from graphkit.extract.ownership import RULES as OWN_RULES, own_stop_acronym
from graphkit.extract.vocabulary import VARIANT_PARTS, VARIANT_WORDS
from graphkit.extract.sentences import sentence_of, sentence_starts
from graphkit.extract.typecues import subject_after_adverbial, variant_weight, vote_once
from graphkit.latex import compose_accent

MAX_CHARS = 20_000  # longer abstracts are extracted in windows of this size (api.windows)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # + lone surrogates (spaCy cannot hash them)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_DOMAIN_HINT = re.compile(r"\.(?:github\.io|com|org|net|ai|io|edu)\b|@")
_HINT_LITERALS = (".com", ".org", ".net", ".ai", ".io", ".edu")  # every _DOMAIN_HINT match but "@" starts with one
# = any(t in text for t in _HINT_LITERALS), 5x faster than the six str.find (measured on 3,724 abstracts:
# 2.3 us vs 11 us a text): the regex engine skips to each "." in C (a literal first character)
_HINT_ANY = re.compile(r"\.(?:com|org|net|ai|io|edu)")
_DOMAIN = re.compile(r"[\w.\-]*\.(?:github\.io|com|org|net|ai|io|edu)\b(?:/\S*)?|\S+@\S+\.\w+")
_COMPARE = re.compile(r"\b(?:compar\w*|baselines?|outperform\w*|than|such as|prior|existing|previous|"
                      r"state-of-the-art|SOTA|e\.g\.|including|like|over|versus|vs\.?|against|built (?:up)?on|"
                      r"based on|using|leverag\w*|adopt\w*|follow\w*|extend\w*|inspir\w*|borrow\w*|from)\b", re.IGNORECASE)


_PLAIN_PHRASE = re.compile(r"^[A-Z][a-z]+(?:[ \-][A-Za-z][a-z]+)+$")
_CAP_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?!The |A |An |Our |We |In |On |For |With |Via |And |Of )[A-Z][a-z]+\s+$")


_SUFFIX = re.compile(r"(?:-\w+(?:\.\d\w*)*)+")  # a dot only before a digit: "UI-TARS-1.5.To" ends at 1.5
_VERSION = r"[vV]?\d{1,4}(?:\.\d+)*"
# " 2.0", " 2024", " v0.1", " Pro", " Verified" after a known name (not "256 x 256", "3 tasks", "7B")
_SPACE_TAIL = re.compile(rf"(?: (?:{_VERSION}(?!\w|\.\d)(?!\s*(?:x\b|×|%|[a-z]+s\b|times\b|of\b|to\b|-\w))"
                         rf"|(?:{'|'.join(VARIANT_WORDS)})(?![\w\-])))+")


# precompiled (module-level re.* calls cost a cache lookup each)
_WORD_HYPHEN_END = re.compile(r"([\w]+)-$")
_DIGIT = re.compile(r"\d")
_CAP_PARTICIPLE = re.compile(r"^[A-Z][a-z]+ed$")
_OUR_OR_NEW = re.compile(r"\b[Oo]ur\b|\b(?:new|novel)\s+$")


def _blank(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def _blank_domains(text: str) -> str:
    """``_DOMAIN.sub`` applied only to the whitespace-free runs holding a hint.

    Neither alternative of ``_DOMAIN`` can cross whitespace and each needs a hint
    (``.com``-like or ``@``) inside its run, so the result equals a sub over the whole text.
    """
    if "@" not in text and not _HINT_ANY.search(text):
        return text  # (a literal-led regex is 5x faster than the hint regex on a text without any)
    out, last = [], 0
    for h in _DOMAIN_HINT.finditer(text):
        if h.start() < last:
            continue
        a = h.start()
        while a > last and not text[a - 1].isspace():
            a -= 1
        b = h.end()
        n = len(text)
        while b < n and not text[b].isspace():
            b += 1
        out.append(text[last:a])
        out.append(_DOMAIN.sub(_blank, text[a:b]))
        last = b
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


# LaTeX in abstracts: "\textsc{AIEV-Instruct}", "{\it Shallow UNet}", "\GitChameleon{}", "Pok\'eChamp"
_TEX_FORMAT = re.compile(r"\\(?:text(?:sc|bf|it|tt|rm|sf|normal)?|emph|math(?:rm|bf|it|sf|tt|cal)|url|mbox)\{([^{}]*)\}"
                         r"|\{\\(?:it|bf|sc|tt|em|rm|sf)\s+([^{}]*)\}")
_TEX_NAME = re.compile(r"\\([A-Za-z]+)(?:\{\})?")
_TEX_ACCENT = re.compile(r"\{?\\(['\"`^~])\{?([AEIOUYaeiouyNnCc])\}?\}?")  # not "LLM\\'s"


def _tex_keep(m: re.Match) -> str:
    inner = m.group(1) if m.group(1) is not None else m.group(2)
    i = m.start(1) if m.group(1) is not None else m.start(2)
    return " " * (i - m.start()) + inner + " " * (m.end() - i - len(inner))


def _accents(text: str, moved: list[tuple[int, list[int]]] | None) -> str:
    """Accent macros in each non-blank run: ``Pok\\'eChamp`` -> ``PokéChamp`` + padding.
    ``moved`` gets (run start, original offset of each character of the new run)."""
    def word(m: re.Match) -> str:
        out, src, i = [], [], m.start()
        for a in _TEX_ACCENT.finditer(text, m.start(), m.end()):
            out.append(text[i:a.start()])
            src.extend(range(i, a.start()))
            out.append(compose_accent(a.group(1), a.group(2)))  # the readers' LaTeX normaliser
            src.append(a.start())
            i = a.end()
        out.append(text[i:m.end()])
        src.extend(range(i, m.end()))
        w = "".join(out)
        src = src[:len(w)] + [m.end()] * (m.end() - m.start() - len(w))  # padding: the run's end
        if moved is not None:
            moved.append((m.start(), src))
        return w + " " * (m.end() - m.start() - len(w))
    return _TEX_RUN.sub(word, text)


def strip_latex(text: str, moved: list[tuple[int, list[int]]] | None = None) -> str:
    """LaTeX macros around names become spaces; offsets are kept except inside a word
    with an accent macro (its letters move left and the word is padded after; ``moved``
    collects where each of its characters came from, see :func:`new_state`).

    >>> strip_latex(r"we introduce \\GitChameleon{}, a {\\it new} set; Pok\\'eChamp wins").split()
    ['we', 'introduce', 'GitChameleon', ',', 'a', 'new', 'set;', 'PokéChamp', 'wins']
    """
    if "\\" not in text:
        return text
    text = _TEX_FORMAT.sub(_tex_keep, text)
    if "\\'" in text or '\\"' in text or "\\`" in text or "\\^" in text or "\\~" in text:
        text = _accents(text, moved)
    return _TEX_NAME.sub(lambda m: " " * (m.end() - m.start()) if placeholder_macro(m.group(1)) else
                         " " + m.group(1) + " " * (m.end() - m.start() - 1 - len(m.group(1))), text)


_TEX_RUN = re.compile(r"\S*\\['\"`^~]\S*")


_GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
          "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
          "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω"}
_GREEK_NAMES = "|".join(_GREEK)
# "$\pi_0$", "\pi_{0.5}", "π_{0.5}", "$\tau$-bench": a Greek letter (macro or character) with an
# optional subscript, spelled as the name is written in plain text ("π0", "π0.5", "τ-bench")
_ANY_GREEK = re.compile(r"[\u0391-\u03c9]")
_MATH_RUN = re.compile(rf"\S*?(?:\\(?:{_GREEK_NAMES})(?![A-Za-z])|[\u0391-\u03c9]\$?_|\$[\u0391-\u03c9])\S*")
_GREEK_MACRO = re.compile(rf"\\(?:{_GREEK_NAMES})(?![A-Za-z])")
_MATH_NAME = re.compile(rf"\$?(?:\\(?P<name>{_GREEK_NAMES})(?![A-Za-z])\s?|(?P<ch>[\u0391-\u03c9]))\$?"
                        rf"(?:_\{{?(?P<sub>\d+(?:\.\d+)?)\}}?)?\$?")


def greek_names(text: str, moved: list[tuple[int, list[int]]] | None = None) -> str:
    """LaTeX spellings of Greek-letter names in their plain form: ``$\\pi_{0.5}$`` -> ``π0.5``,
    padded after the run (``moved`` as in :func:`strip_latex`).

    >>> greek_names(r"we fine-tune $\\pi_0$ and π_{0.5} on $\\tau$-bench.").split()
    ['we', 'fine-tune', 'π0', 'and', 'π0.5', 'on', 'τ-bench.']
    """
    if ("\\" not in text or not _GREEK_MACRO.search(text)) and (text.isascii() or not _ANY_GREEK.search(text)):
        return text  # every _MATH_RUN match holds a Greek macro or letter (the run regex is slow)

    def run(m: re.Match) -> str:
        out, src, i = [], [], m.start()
        for g in _MATH_NAME.finditer(text, m.start(), m.end()):
            if not (g.group("name") or g.group("sub") or "$" in g.group()):
                continue
            out.append(text[i:g.start()])
            src.extend(range(i, g.start()))
            out.append(_GREEK[g.group("name")] if g.group("name") else g.group("ch"))
            src.append(g.start())
            if g.group("sub"):
                out.append(g.group("sub"))
                src.extend(range(g.start("sub"), g.end("sub")))
            i = g.end()
        out.append(text[i:m.end()])
        src.extend(range(i, m.end()))
        w = "".join(out)
        n = m.end() - m.start()
        if moved is not None and w != m.group():
            moved.append((m.start(), src[:len(w)] + [m.end()] * (n - len(w))))
        return w + " " * (n - len(w))
    return _MATH_RUN.sub(run, text)


def has_ascii_control(text: str) -> bool:
    """For an ASCII ``text``: True when ``_CTRL`` matches in it (a control character other
    than tab, newline and carriage return), by ``str.isprintable`` (5x faster than the regex).

    >>> has_ascii_control("a\\tb\\r\\n\\nc"), has_ascii_control("a\\x0cb"), has_ascii_control("a\\x7f")
    (False, True, True)
    """
    return not text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()


def clean_text(text: str, moved: list[tuple[int, list[int]]] | None = None) -> str:
    """Control characters and lone surrogates become spaces (offsets are kept); LaTeX Greek
    names and accents are composed (``moved`` says where their letters came from)."""
    if not text.isascii() or has_ascii_control(text):
        text = _CTRL.sub(" ", text)
    text = strip_latex(greek_names(dash_before_article(join_soft_hyphens(text, moved)), moved), moved)
    if "http" in text or "www." in text:
        i = min(j for j in (text.find("http"), text.find("www.")) if j >= 0)  # no URL starts before
        text = text[:i] + _URL.sub(_blank, text[i:])
    return _blank_domains(text)


def _last(rx: re.Pattern, s: str) -> int:
    """Where the last match of ``rx`` in ``s`` starts (-1 = none)."""
    pos = -1
    for m in rx.finditer(s):
        pos = m.start()
    return pos


def new_state(title: str, abstract: str) -> DocState:
    raw = f"{title}\n\n{abstract}" if abstract else title
    moved: list[tuple[int, list[int]]] = []
    text = clean_text(raw, moved)
    st = DocState(text=text, title_end=min(len(title), len(text)), lower=fold(text))
    if moved or (text != raw and _CTRL.search(raw)):
        # accent macros moved letters, or control characters were blanked: mention texts
        # and offsets map back to the raw text (provenance quotes what the input holds)
        st.source_text = raw
        st.offsets = list(range(len(text) + 1))
        o = st.offsets
        for start, src in moved:  # in the order applied: later steps map through earlier ones
            o[start:start + len(src)] = [o[s] for s in src]
    return st


def _add(st: DocState, c: Candidate) -> Candidate:
    c.sentence = sentence_of(st.starts, c.start)
    st.candidates.append(c)
    return c


def split_sentences(st: DocState) -> None:
    """Sentence starts (title = 0) and which sentences say 'we propose/introduce ...'."""
    st.starts = sentence_starts(st.text)
    if st.title_end < len(st.text) and (len(st.starts) < 2 or st.starts[1] != st.title_end + 2):
        st.starts = sorted(set(st.starts) | {min(st.title_end + 2, len(st.text) - 1)})
    low, starts, intro = st.lower, st.starts, st.intro_sentences
    for i, j in D.literal_hits(low, D.INTRO_SUBJECTS, words=st.word_set()):
        s = bisect_right(starts, i) - 1  # = sentence_of
        if s not in intro and D.INTRO_AFTER_SUBJECT.match(low, j):  # (a sentence counts once)
            intro.add(s)
    if "our " in low:
        for m in D.OUR_CUE.finditer(low):
            intro.add(bisect_right(starts, m.start()) - 1)


def lower_words_of_joined_name(surface: str, forms: list[str]) -> bool:
    """Lower-case words that a gazetteer name writes joined are an ordinary phrase: "an open
    VLA model" is no OpenVLA, "meta world knowledge" no Meta-World ("Open VLA" still is).

    >>> lower_words_of_joined_name("open VLA", ["OpenVLA"]), lower_words_of_joined_name("Open VLA", ["OpenVLA"])
    (True, False)
    """
    if " " not in surface or not surface[:1].islower():
        return False
    k = name_key(surface)
    same = [f for f in forms if name_key(f) == k]
    return bool(same) and all(" " not in f for f in same)


def match_gazetteer(st: DocState, gaz: Gazetteer) -> None:
    """Every gazetteer mention; ``X-7B``-style suffixes make a distinct variant of X."""
    text = st.text
    starts, cands = st.starts, st.candidates
    for g in gaz.find(text, st.word_pieces()):
        start, end = g.start, g.end
        if " " in g.text and _PLAIN_PHRASE.match(g.text) and _CAP_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Streaming Diffusion Policy": part of a longer capitalised name
        if " " in g.text and lower_words_of_joined_name(g.text, [g.entry.name, *g.entry.aliases]):
            continue
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            # part of a bigger hyphenated token ("Octo-RT-2"): accepted only after "pre-", "non-"...
            left = _WORD_HYPHEN_END.search(text[max(0, start - 20):start])
            if left and not left.group(1).islower():
                continue
        after = text[end:end + 2]
        m = _SUFFIX.match(text, end, end + 40) if after[:1] == "-" else None
        if m:
            suffix = m.group(0)
            # keep "-based"/"-style", extend on versions and sizes ("-7B-Instruct", "-X")
            parts = suffix.split("-")[1:]
            keep = []
            for p in parts:
                if (p.islower() or D.NOT_NAME_WORD.match(p) or _CAP_PARTICIPLE.match(p)) and not _DIGIT.search(p) \
                        and p.lower() not in VARIANT_PARTS:
                    break  # "-based", "-Guided" ("Fast Text-Guided" is no FastText variant); "-Verified" stays
                keep.append(p)
            if keep and g.entry.type == "Topic":
                continue  # "RL-VLM-F" is not a variant of RL: the shape rule takes the token
            if keep:
                variant = text[start:end] + "-" + "-".join(keep)
                if gaz.lookup(variant) is None and not gaz.is_stop(variant):
                    _add(st, Candidate(variant, start, start + len(variant), "variant", rule="gazetteer_variant"))
                    vote_once(st, singular_key(variant), g.entry.type, variant_weight(g.entry.type), f"variant of:{g.entry.name}")
                    continue
        elif after[:1] == " " and (after[1:].isdigit() or after[1:].isupper() or after[1:] == "v") \
                and g.entry.type not in ("Topic", "Robot"):
            t = _SPACE_TAIL.match(text, end, end + 40)
            if t:
                variant = text[start:t.end()]
                if gaz.lookup(variant) is None and not gaz.is_stop(variant):
                    _add(st, Candidate(variant, start, t.end(), "variant", rule="gazetteer_version"))
                    vote_once(st, singular_key(variant), g.entry.type, variant_weight(g.entry.type), f"variant of:{g.entry.name}")
                    continue
        # = _add(st, Candidate(...)), the sentence given at once (most mentions end here)
        cands.append(Candidate(g.text, start, end, "gazetteer", type=g.entry.type, canonical=g.entry.name,
                               sentence=sentence_of(starts, start), rule="gazetteer"))


# "... and propose Disentangled In-Context Learning (DICL)": the verb defines the long form,
# however long the sentence before it
_VERB_RIGHT_BEFORE = re.compile(r"\b(?:[Ww]e|and|to)[ \t]+(?:propose|introduce|present|develop|design|name|call|term)[sd]?"
                                r"[ \t]+(?:(?:a|an|the)[ \t]+)?(?:(?:new|novel|simple|general)[ \t]+)?$")


def find_definitions(st: DocState, gaz: Gazetteer) -> None:
    """``long form (SHORT)``: both forms become one entity; later uses of SHORT are found."""
    text = st.text
    for a in find_abbreviations(text):
        if gaz.is_stop(a.long) or gaz.is_stop(a.short) and not own_stop_acronym(
                text, st.title_end, st.starts[sentence_of(st.starts, a.long_start)], a.short, a.long, a.long_start):
            continue
        sk = singular_key(a.short)
        st.links.append((sk, singular_key(a.long)))
        st.long_spans.append((a.long_start, a.long_start + len(a.long)))
        st.long_forms.setdefault(sk, a.long)
        sent = sentence_of(st.starts, a.short_start)
        before = text[st.starts[sent]:a.long_start]
        # the last intro word after the last compare cue; "built upon X" is both at once: a use
        intro = (sent in st.intro_sentences or sent == 0 or _OUR_OR_NEW.search(before)
                 or _VERB_RIGHT_BEFORE.search(before) or novel_parts_sentence(before, D.INTRO_WORD))
        if intro:  # (the two scans only when they decide)
            ci, ii = _last(_COMPARE, before), _last(D.INTRO_WORD, fold(before))
            intro = ii > ci or ci < 0
        elif variant_definition_is_new(before, a.short, gaz, _COMPARE):
            intro = True
        _add(st, Candidate(a.short, a.short_start, a.short_start + len(a.short), "abbreviation", introduced=intro,
                           rule="abbreviation_short"))
        _add(st, Candidate(a.long, a.long_start, a.long_start + len(a.long), "abbreviation", introduced=intro,
                           rule="abbreviation_long"))
        # other uses of the short form (the shape rule misses e.g. "Dita" or "SynthER"-like lower forms)
        _occurrences(st, a.short, "abbreviation", skip=a.short_start, rule="abbreviation_use")
        # other uses of the long form ("... via Step-wise Group Relative Policy Optimization" in
        # the title) hold no mention of a known name inside it ("Group Relative Policy Optimization")
        drop_known_inside_long_form(st, a.long, a.long_start)


def _occurrences(st: DocState, name: str, source: str, skip: int = -1, **kw) -> None:
    """Every whole-word occurrence of ``name`` (multi-word names: any case) but at ``skip``."""
    text = st.text
    hay, needle = (text, name) if " " not in name else (st.lower, fold(name))
    i = hay.find(needle)
    n = len(needle)
    while i >= 0:
        j = i + n
        if (i == 0 or not (hay[i - 1].isalnum() or hay[i - 1] in "-_")) and \
                (j >= len(hay) or not (hay[j].isalnum() or hay[j] == "_")) and i != skip:
            _add(st, Candidate(text[i:j], i, j, source, **kw))
        i = hay.find(needle, i + 1)


def discover_names(st: DocState, gaz: Gazetteer) -> None:
    """Names in no list: every rule of :data:`graphkit.extract.rules.RULES`, then every
    occurrence of what they found, then name-shaped tokens (:func:`~graphkit.extract.rules.token_shape`)."""
    d = R.Discovery(st, gaz)
    for rule in R.RULES:
        rule(d)
    for rule in OWN_RULES:  # graphkit.extract.ownership: is the name the paper's own
        rule(d)
    text = st.text
    for n, (rule, intro) in d.found.items():
        source = R.RULE_SOURCE[rule]
        if source != "title" and any(n in text[s:e] for s, e in st.long_spans):
            continue  # part of a defined long form: the abbreviation stage has it
        _occurrences(st, n, source, introduced=intro, rule=rule)
    R.token_shape(st, gaz)
    own_name_extensions(st, D.strip_token)  # "UI-Genie-RM" in "UI-Genie: ..."
    drop_metric_names(st)  # "CLIP Score" is a metric, no mention of CLIP


_BEFORE = re.compile(r"\b(benchmarks?|datasets?|simulators?|robots?)\s+$", re.IGNORECASE)
_BEFORE_WEIGHT = 2.5
# _BEFORE_COMMA needs one of these nouns (any case) in its window: a cheap test first (ASCII windows)
_COMMA_NOUNS = ("benchmark", "dataset", "suite", "corpus", "simulator", "testbed", "engine", "metric", "measure")
# "a new benchmark, LoRA-WiSE, ..." / "the dataset they used, M3W": the type noun, a comma, the name
_BEFORE_COMMA = re.compile(r"\b(?:a|an|new|novel|the|this|these|our|two|three|several)\s+(?:[\w\-]+\s+){0,3}?(benchmark|"
                           r"dataset|suite|corpus|simulator|testbed|engine|metric|measure)s?(?:\s+(?:they|we)\s+\w+)?,\s+$", re.IGNORECASE)
_APPOSITIVE = re.compile(r"\s*(?:\([^()]{1,90}\)\s*)?,\s+(?:a|an|the|our)\s+(?:[\w\-]+,?\s+){0,5}?"
                         r"(benchmarks?|suite|testbed|datasets?|corpus|simulators?|simulation (?:environment|platform)|"
                         r"physics engine|robots?|platform|model|method|framework|algorithm|agent|policy|system|"
                         r"architecture|approach|metric|measure|checklist|(?:evaluation|test|training) set)\b"
                         # the head noun ends the noun phrase ("a robot action tokenizer" is no robot)
                         r"(?=\s*(?:[,.;:()]|$)|\s+(?:of|for|that|which|with|to|in|on|comprising|consisting|"
                         r"containing|built|designed|based|featuring|covering|spanning|and|where|from|by|capable|"
                         r"tailored|including|is|was|aimed|aiming|enabling|specifically|\w+ing)\b)")


def vote_types(st: DocState) -> None:
    """Context around each mention votes for a type ("benchmarks such as X", "dataset X")."""
    text = st.text
    for c in st.candidates:
        if c.source == "gazetteer" or c.start < 2:
            continue
        before = text[max(0, c.start - 12):c.start]
        if before[-1] not in " \n":
            continue
        last = before.rstrip()[-1:]
        if last.isalpha():
            # _BEFORE's nouns end in k, t, r or s (any case; a non-ASCII letter may fold to one)
            m = _BEFORE.search(before) if last in "kKtTrRsS" or not last.isascii() else None
            if m:
                noun = m.group(1).lower()
                st.vote(c.key, D.noun_type(noun) or "Method", _BEFORE_WEIGHT, f"noun before:{noun}")
        elif last == ",":
            w = text[max(0, c.start - 70):c.start]
            if w.isascii():
                w = w.lower()
                if not any(noun in w for noun in _COMMA_NOUNS):
                    continue
            m = _BEFORE_COMMA.search(text, max(0, c.start - 70), c.start)
            if m and not subject_after_adverbial(text, m.start(), c.end):  # "On the X benchmark, NAME achieves"
                noun = m.group(1).lower()
                st.vote(c.key, D.noun_type(noun) or "Method", _BEFORE_WEIGHT, f"noun, name:{noun}")
    vote_modified_nouns(st)  # "the GDELT event database"


def vote_appositives(st: DocState) -> None:
    """The head noun of an appositive types the name before it: "we introduce GitChameleon,
    a novel, manually curated dataset comprising ..." -> Dataset."""
    text = st.text
    if ", " not in text:
        return
    n = len(text)
    for c in st.candidates:
        if c.source == "gazetteer" or c.end >= n or text[c.end] not in ", (\t\n":
            continue
        m = _APPOSITIVE.match(text, c.end, min(n, c.end + 80))
        if not m or (m.group(1) == "suite" and text.startswith(" of ", m.end())):
            continue  # "a suite of ... models": the head noun comes later
        noun = m.group(1)
        typ = D.noun_type(noun) if noun != "platform" else None  # software as often as hardware
        if typ:
            st.vote(c.key, typ, 1.0 if typ == "Method" else 2.0, f"apposition:{noun}")
