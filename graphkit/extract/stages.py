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
from bisect import bisect_right

from graphkit.extract import discovery as D
from graphkit.extract.abbreviations import find_abbreviations
from graphkit.extract.candidates import Candidate, DocState
from graphkit.extract.gazetteer import Gazetteer
from graphkit.extract.normalize import singular_key
from graphkit.extract.sentences import sentence_of, sentence_starts
from graphkit.latex import compose_accent

MAX_CHARS = 20_000  # longer abstracts are cut (a real abstract is < 3,000 characters)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_DOMAIN_HINT = re.compile(r"\.(?:github\.io|com|org|net|ai|io|edu)\b|@")
_DOMAIN = re.compile(r"[\w.\-]*\.(?:github\.io|com|org|net|ai|io|edu)\b(?:/\S*)?|\S+@\S+\.\w+")
_COMPARE = re.compile(r"\b(?:compar\w*|baselines?|outperform\w*|than|such as|prior|existing|previous|"
                      r"state-of-the-art|SOTA|e\.g\.|including|like|over|versus|vs\.?|against|built (?:up)?on|"
                      r"based on|using|leverag\w*|adopt\w*|follow\w*|extend\w*|inspir\w*|borrow\w*|from)\b", re.IGNORECASE)


_PLAIN_PHRASE = re.compile(r"^[A-Z][a-z]+(?:[ \-][A-Za-z][a-z]+)+$")
_CAP_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?!The |A |An |Our |We |In |On |For |With |Via |And |Of )[A-Z][a-z]+\s+$")


_SUFFIX = re.compile(r"(?:-\w+(?:\.\w+)*)+")


# precompiled (module-level re.* calls cost a cache lookup each)
_WORD_HYPHEN_END = re.compile(r"([\w]+)-$")
_DIGIT = re.compile(r"\d")
_OUR_OR_NEW = re.compile(r"\b[Oo]ur\b|\b(?:new|novel)\s+$")
_TITLE_TAIL = re.compile(r"\b(?:with|via|using|through|by)\s+((?:[A-Z][\w\-]*\s*){1,4})$")
_TOOL_NOUN = re.compile(r"librar|packag|tool|languag|softwar|metric|format|compan|organi|institut|countr")
_TRAIN_VERB = re.compile(r"(?:pre-?)?train|fine|collect|learn")
_OUR_OR_WE = re.compile(r"\b(?:our|we)\b", re.IGNORECASE)


def _blank(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def _blank_domains(text: str) -> str:
    """``_DOMAIN.sub`` applied only to the whitespace-free runs holding a hint.

    Neither alternative of ``_DOMAIN`` can cross whitespace and each needs a hint
    (``.com``-like or ``@``) inside its run, so the result equals a sub over the whole text.
    """
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
    return _TEX_NAME.sub(lambda m: " " + m.group(1) + " " * (m.end() - m.start() - 1 - len(m.group(1))), text)


_TEX_RUN = re.compile(r"\S*\\['\"`^~]\S*")


def clean_text(text: str, moved: list[tuple[int, list[int]]] | None = None) -> str:
    """Control characters become spaces (offsets are kept); overly long text is cut."""
    text = strip_latex(_CTRL.sub(" ", text[:MAX_CHARS]), moved)
    if "http" in text or "www." in text:
        text = _URL.sub(_blank, text)
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
    st = DocState(text=text, title_end=min(len(title), len(text)), lower=text.lower())
    if moved:  # accent macros moved letters: mention offsets map back to the raw text
        st.source_text = raw
        st.offsets = list(range(len(text) + 1))
        for start, src in moved:
            st.offsets[start:start + len(src)] = src
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
    low = st.lower
    for i, j in D.literal_hits(low, D.INTRO_SUBJECTS):
        if D.INTRO_AFTER_SUBJECT.match(low, j):
            st.intro_sentences.add(sentence_of(st.starts, i))
    if "our " in low:
        for m in D.OUR_CUE.finditer(low):
            st.intro_sentences.add(sentence_of(st.starts, m.start()))


def match_gazetteer(st: DocState, gaz: Gazetteer) -> None:
    """Every gazetteer mention; ``X-7B``-style suffixes make a distinct variant of X."""
    text = st.text
    for g in gaz.find(text):
        start, end = g.start, g.end
        if " " in g.text and _PLAIN_PHRASE.match(g.text) and _CAP_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Streaming Diffusion Policy": part of a longer capitalised name
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            # part of a bigger hyphenated token ("Octo-RT-2"): accepted only after "pre-", "non-"...
            left = _WORD_HYPHEN_END.search(text[max(0, start - 20):start])
            if left and not left.group(1).islower():
                continue
        m = _SUFFIX.match(text, end, end + 40) if text.startswith("-", end) else None
        if m:
            suffix = m.group(0)
            # keep "-based"/"-style", extend on versions and sizes ("-7B-Instruct", "-X")
            parts = suffix.split("-")[1:]
            keep = []
            for p in parts:
                if (p.islower() or D.NOT_NAME_WORD.match(p)) and not _DIGIT.search(p):
                    break
                keep.append(p)
            if keep and g.entry.type == "Topic":
                continue  # "RL-VLM-F" is not a variant of RL: the shape rule takes the token
            if keep:
                variant = text[start:end] + "-" + "-".join(keep)
                if gaz.lookup(variant) is None and not gaz.is_stop(variant):
                    _add(st, Candidate(variant, start, start + len(variant), "variant"))
                    st.vote(singular_key(variant), g.entry.type, 1.5)
                    continue
        _add(st, Candidate(g.text, start, end, "gazetteer", type=g.entry.type, canonical=g.entry.name))


def find_definitions(st: DocState, gaz: Gazetteer) -> None:
    """``long form (SHORT)``: both forms become one entity; later uses of SHORT are found."""
    text = st.text
    for a in find_abbreviations(text):
        if gaz.is_stop(a.short) or gaz.is_stop(a.long):
            continue
        sk = singular_key(a.short)
        st.links.append((sk, singular_key(a.long)))
        st.long_spans.append((a.long_start, a.long_start + len(a.long)))
        st.long_forms.setdefault(sk, a.long)
        sent = sentence_of(st.starts, a.short_start)
        before = text[st.starts[sent]:a.long_start]
        intro = (sent in st.intro_sentences or sent == 0 or _OUR_OR_NEW.search(before)) \
            and _last(D.INTRO_WORD, before.lower()) >= _last(_COMPARE, before)
        _add(st, Candidate(a.short, a.short_start, a.short_start + len(a.short), "abbreviation", introduced=intro))
        _add(st, Candidate(a.long, a.long_start, a.long_start + len(a.long), "abbreviation", introduced=intro))
        # other uses of the short form (the shape rule misses e.g. "Dita" or "SynthER"-like lower forms)
        _occurrences(st, a.short, "abbreviation", skip=a.short_start)


def _occurrences(st: DocState, name: str, source: str, skip: int = -1, **kw) -> None:
    """Every whole-word occurrence of ``name`` (multi-word names: any case) but at ``skip``."""
    text = st.text
    hay, needle = (text, name) if " " not in name else (st.lower, name.lower())
    i = hay.find(needle)
    n = len(needle)
    while i >= 0:
        j = i + n
        if (i == 0 or not (hay[i - 1].isalnum() or hay[i - 1] in "-_")) and \
                (j >= len(hay) or not (hay[j].isalnum() or hay[j] == "_")) and i != skip:
            _add(st, Candidate(text[i:j], i, j, source, **kw))
        i = hay.find(needle, i + 1)


def _title_phrases(title: str) -> list[str]:
    """Where a title names its method without a colon: the whole title ("Policy-Guided
    Diffusion") or its capitalised tail after with/via/using ("... with Procedure Cloning")."""
    title = title.strip()
    out = []
    words = title.split()
    if 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words):
        out.append(title)
    m = _TITLE_TAIL.search(title)
    if m and len(m.group(1).split()) >= 2:
        out.append(m.group(1).strip())
    return out


def _short_spans(st: DocState) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in st.candidates if c.source == "abbreviation" and c.key in st.long_forms]


def discover_names(st: DocState, gaz: Gazetteer) -> None:
    """Names in no list: the title's name, proposed names, names in lists and before
    'benchmark'/'dataset', and name-shaped tokens (CamelCase, digits, acronyms)."""
    text, title = st.text, st.text[:st.title_end]
    abstract = text[st.title_end:]
    found: dict[str, tuple[str, bool]] = {}  # name -> (source, introduced)

    def add_name(n: str, source: str, intro: bool, typ: str | None = None, weight: float = 2.0,
                 single_ok: bool = True, strong: bool = True) -> None:
        n = D.clean_phrase(n)
        if not D.plausible_name(n) or gaz.is_stop(n) or (not single_ok and len(n.split()) == 1
                                                          and not D.is_shape(n)):
            return
        k = singular_key(n)
        if source != "title" or n != tn:
            inside = next((short for short, long in st.long_forms.items() if n in long), None)
            if inside is not None:  # part of "Long Form (SHORT)": its votes go to SHORT
                if typ:
                    st.vote(inside, typ, weight)
                return
        if typ:
            st.vote(k, typ, weight)
        if gaz.lookup(n) is not None:
            if intro and source in ("intro", "title") and strong:
                st.intro_keys.add(k)
            return
        if n not in found:
            found[n] = (source, intro)
        elif intro and not found[n][1]:
            found[n] = (found[n][0], True)

    sub = D.subtitle_type(title)
    st.subtitle_type = sub or ""
    tn = D.title_name(title, abstract, gaz.is_stop)
    if tn:
        st.title_key = singular_key(tn)
        if not gaz.is_stop(tn):
            add_name(tn, "title", True, sub or "Method", 4.0 if sub else 1.0)

    # "we propose procedure cloning" where the title writes "Procedure Cloning"
    low = st.lower
    phrases = [(p.lower(), p) for p in _title_phrases(title)] if not tn else []
    if any(pl in low[st.title_end:] for pl, _ in phrases):
        for m in D.INTRO_AT.finditer(low, st.title_end):
            for pl, p in phrases:
                if low.startswith(pl, m.end()) and D.AFTER_NAME.match(low, m.end() + len(pl)):
                    add_name(p, "title", True)

    def sentence_at(pos: int) -> int:
        return sentence_of(st.starts, pos)

    called = D.CALLED_NAME.finditer(text) if any(t in low for t in D.CALLED_TRIGGERS) else ()
    for m in called:
        s_i = sentence_at(m.start())
        s0 = st.starts[s_i]
        ours = s_i in st.intro_sentences or bool(_OUR_OR_WE.search(text[s0:m.end()]))
        nb = D.NOUN_BEFORE.search(text, max(s0, m.start() - 40), m.start())
        noun = nb.group("noun") if nb else None
        typ = "Simulator" if noun and noun.startswith("environment") else D.noun_type(noun)
        add_name(m.group("name"), "intro", ours, typ, 1.5)
    for m in D.APPOS_NAME.finditer(text):
        add_name(m.group("name"), "intro", sentence_at(m.start()) in st.intro_sentences)
    for m in (D.OUR_NAME.finditer(text) if "our " in low else ()):
        noun = m.group("noun")
        typ = "Simulator" if noun.startswith("environment") else D.noun_type(noun)
        add_name(m.group("name"), "intro", True, typ, 2.0)
    for s_i in sorted(st.intro_sentences):
        s0 = st.starts[s_i]
        s1 = st.starts[s_i + 1] if s_i + 1 < len(st.starts) else len(text)
        for m in D.INTRO_DIRECT.finditer(text, s0, s1):
            add_name(m.group("name"), "intro", True, strong=False)
        for i, _ in D.literal_hits(text, (", a ", ", an "), s0, s1):
            m = D.NAME_BEFORE.search(text, max(s0, i - 80), i)
            if m:
                add_name(m.group("name"), "intro", True, strong=False, single_ok=False)
        for m in D.PAREN_NAME.finditer(text, s0, s1):
            if D.is_shape(m.group("name")) and not any(m.start() < a <= m.end() + 1 for a, _ in _short_spans(st)):
                add_name(m.group("name"), "intro", True, strong=False, single_ok=False)
        m = D.SENTENCE_START_NAME.match(text, s0, s1)
        if m:
            add_name(m.group("name"), "intro", True)
    for m in D.CONTEXT_NOUN.finditer(text):
        s, lo = m.start(), max(0, m.start() - 120)
        # the list's last name holds a capital or a digit, in the run of non-blanks before s
        if not D.CAP_OR_DIGIT.search(text, max(lo, text.rfind(" ", lo, s) + 1, text.rfind("\t", lo, s) + 1), s):
            continue
        lb = D.LIST_BEFORE.search(text, lo, s)
        if not lb:
            continue
        typ = D.noun_type(m.group("noun")) or "Robot"
        at_start = lb.start() in st.starts
        items = D.LIST_SPLIT.split(lb.group("list"))
        for item in items:
            if at_start and item is items[0] and not D.is_shape(item):
                continue
            add_name(item, "context", False, typ, 2.0, single_ok=typ != "Robot")
    for i, j in D.literal_hits(text, D.EXAMPLE_TRIGGERS):
        m = D.LIST_AT.match(text, j)
        if not m or not m.group("list"):
            continue
        nb = D.NOUN_BEFORE.search(text, max(0, i - 40), i)
        noun = nb.group("noun").lower() if nb else ""
        if _TOOL_NOUN.match(noun):
            continue  # "libraries such as NumPy": tools are not entities
        typ = D.noun_type(noun)
        items = D.LIST_SPLIT.split(m.group("list"))
        for item in items:
            add_name(item, "context", False, typ, 2.0, single_ok=len(items) > 2)
    for i, j in D.literal_hits(text, D.EVAL_TRIGGERS):
        m = D.EVAL_AT.match(text, j)
        if not m:
            continue
        ev = D.EVAL_VERB.search(text, max(st.starts[sentence_at(i)], i - 80), i)
        if not ev:
            continue
        verb = ev.group("verb").lower()
        typ = "Dataset" if _TRAIN_VERB.match(verb) else "Benchmark"
        items = D.LIST_SPLIT.split(m.group("list"))
        for item in items:
            add_name(item, "context", False, typ, 1.2, single_ok=len(items) > 1)

    for n, (source, intro) in found.items():
        if source != "title" and any(n in text[s:e] for s, e in st.long_spans):
            continue  # part of a defined long form: the abbreviation stage has it
        _occurrences(st, n, source, introduced=intro)

    shape_name, cache = gaz.shape_name, gaz._shape_cache
    starts, cands = st.starts, st.candidates
    for m in D.TOKEN.finditer(text):
        t = m.group()
        tok = cache.get(t, False)
        if tok is False:
            tok = shape_name(t)
        if tok:
            c = Candidate(tok, m.start(), m.start() + len(tok), "shape")
            c.sentence = bisect_right(starts, c.start) - 1
            cands.append(c)


_BEFORE = re.compile(r"\b(benchmarks?|datasets?|simulators?|robots?)\s+$", re.IGNORECASE)
_BEFORE_WEIGHT = 2.5
_APPOSITIVE = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?,\s+(?:a|an|the|our)\s+(?:[\w\-]+,?\s+){0,5}?"
                         r"(benchmarks?|suite|testbed|datasets?|corpus|simulators?|simulation (?:environment|platform)|"
                         r"physics engine|robots?|platform|model|method|framework|algorithm|agent|policy|system|"
                         r"architecture|approach)\b"
                         # the head noun ends the noun phrase ("a robot action tokenizer" is no robot)
                         r"(?=\s*(?:[,.;:()]|$)|\s+(?:of|for|that|which|with|to|in|on|comprising|consisting|"
                         r"containing|built|designed|based|featuring|covering|spanning|and|where|from|by|capable|"
                         r"tailored|including|is|was|aimed|aiming|enabling|specifically)\b)")


def vote_types(st: DocState) -> None:
    """Context around each mention votes for a type ("benchmarks such as X", "dataset X")."""
    text = st.text
    for c in st.candidates:
        if c.source == "gazetteer" or c.start < 2:
            continue
        before = text[max(0, c.start - 12):c.start]
        if not (before[-1] in " \n" and before.rstrip()[-1:].isalpha()):
            continue
        m = _BEFORE.search(before)
        if m:
            noun = m.group(1).lower().rstrip("s")
            typ = {"benchmark": "Benchmark", "dataset": "Dataset", "simulator": "Simulator",
                   "robot": "Robot"}.get(noun, "Method")
            st.vote(c.key, typ, _BEFORE_WEIGHT)


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
            st.vote(c.key, typ, 1.0 if typ == "Method" else 2.0)
