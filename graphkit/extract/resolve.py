"""Entity resolution: mentions -> one :class:`ExtractedEntity` per distinct entity.

Overlapping mentions keep the longest; case, hyphen and spacing variants, plural
acronyms, abbreviation pairs and gazetteer aliases merge; versions stay distinct.

>>> from graphkit.extract.candidates import Candidate, DocState
>>> st = DocState("x", 0, starts=[0])
>>> st.candidates = [Candidate("Meta-World", 0, 10, "gazetteer", type="Benchmark", canonical="Meta-World"),
...                  Candidate("MetaWorld", 20, 29, "gazetteer", type="Benchmark", canonical="Meta-World")]
>>> [(e.name, e.aliases, e.count) for e in resolve(st)]
[('Meta-World', ['MetaWorld'], 2)]
"""

from __future__ import annotations

import re
from operator import attrgetter

from graphkit.extract.abbreviations import _initials_long
from graphkit.extract.candidates import SOURCE_RANK, Candidate, DocState
from graphkit.extract.normalize import name_key, singular_key
from graphkit.extract.typecues import inherit_family_types
from graphkit.extract.ownership import (carry_introduced, drop_participle_names, propagate_introduced, reference_names,
                                        title_name_tails)
from graphkit.extract.vocabulary import GENERIC_LONG_HEAD as _GENERIC_HEAD
from graphkit.extract.generality import known_acronym_variant, vendor_short_alias
from graphkit.extract.vocabulary import NAME_SHAPE_TYPE, NOT_ENTITY
from graphkit.model import ExtractedEntity, Mention
from graphkit.unionfind import UnionFind

_PLURAL_ACRONYM = re.compile(r"[A-Z0-9]s$")
_HAS_UPPER = re.compile(r"[A-Z]")
_SHAPE_ONLY = {"shape"}
_REPORT = re.compile(r"\b(?:Technical Report|Tech Report|System Card|Model Card)\b", re.I)


def _most_common(items: list[str]) -> str:
    """The most frequent item; the first seen on ties."""
    if len(items) == 1:
        return items[0]
    counts: dict[str, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return max(counts, key=counts.__getitem__)


def _keep_spans(cands: list[Candidate]) -> list[Candidate]:
    """Longest mention wins where mentions overlap; on equal length the more trusted source."""
    # a span found only by context ("the X Y benchmark") never swallows a gazetteer name
    gaz = [(c.start, c.end) for c in cands if c.source == "gazetteer"]
    if gaz:
        cands = [c for c in cands if c.source != "context" or not any(
            s >= c.start and e <= c.end for s, e in gaz)]
    order = sorted(cands, key=_span_order)
    taken = bytearray(max((c.end for c in cands), default=0))  # 1 = character already in a mention
    kept = []
    for c in order:
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=_START)
    return kept


_NEG_RANK = {s: -r for s, r in SOURCE_RANK.items()}
_START = attrgetter("start")


def _span_order(c: Candidate) -> tuple[int, int, int]:
    """Longest first, then the more trusted source, then the earlier."""
    return c.start - c.end, _NEG_RANK.get(c.source, 0), c.start


def _first_start(e: ExtractedEntity) -> int:
    return e.mentions[0].start


def resolve(st: DocState) -> list[ExtractedEntity]:
    """Group the kept mentions into entities; name, type, aliases and ``introduced`` each."""
    kept = _keep_spans(st.candidates)
    carry_introduced(kept, st)
    title_name_tails(kept, st)
    uf = UnionFind()  # the groups are the connected keys, in the order of their first kept mention
    for c in kept:
        if c.canonical:
            uf.union(c.key, singular_key(c.canonical))
        else:
            uf.find(c.key)
    if st.links:
        present = {c.key for c in kept}
        for a, b in st.links:
            if a in present or b in present:
                uf.union(a, b)
    groups: dict[str, list[Candidate]] = {}
    for c in kept:
        groups.setdefault(uf.find(c.key), []).append(c)

    out = []
    for cs in groups.values():
        e = _entity(st, cs)
        if e is not None:
            out.append(e)
    out.sort(key=_first_start)
    out = merge_implicit_acronyms(drop_glued(drop_puns(st.text, out)))
    inherit_family_types(out)  # "MAT-Search" is a setting of the MAT benchmark (typecues)
    propagate_introduced(out)  # "HiconAgent-3B" is a size of the introduced "HiconAgent"
    reference_names(out, st.text, st.title_key, st.title_end)  # "R1-Zero-like training": R1-Zero is not the paper's
    return drop_participle_names(out)


_BARE_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_ACRONYM_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SMALL_WORDS = {"of", "for", "with", "the", "and", "in", "on", "to", "a", "an", "via", "from", "by", "&"}


def _initials(form: str) -> set[str]:
    """The capitals a Title Case form abbreviates to, by words and by hyphen parts."""
    words = [w for w in form.split() if w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return set()
    by_word = "".join(w[0] for w in words).upper()
    by_part = "".join(p[0] for w in words for p in _ACRONYM_PART.findall(w)).upper()
    return {by_word, by_part}


def merge_implicit_acronyms(ents: list[ExtractedEntity]) -> list[ExtractedEntity]:
    """An acronym the paper uses without defining it is an alias of the paper's Title Case
    name it spells: "we introduce Adversarial Data Collection ... ADC adopts"; "Multi-Scale
    Insight Agent (MSI-Agent) ... MSI achieves" (its head word left out).

    >>> a = ExtractedEntity("Adversarial Data Collection", "Method", introduced=True, count=1)
    >>> b = ExtractedEntity("ADC", "Method", count=2, source="shape")
    >>> [(e.name, e.aliases, e.count) for e in merge_implicit_acronyms([a, b])]
    [('Adversarial Data Collection', ['ADC'], 3)]
    """
    shorts = [e for e in ents if _BARE_ACRONYM.match(e.name) and not e.aliases and "gazetteer" not in e.source]
    if not shorts:
        return ents
    gone: set[int] = set()
    for e in shorts:
        for f in ents:
            if f is e or id(f) in gone or "gazetteer" in f.source:
                continue
            spelled = set()
            for form in [f.name, *f.aliases]:
                spelled |= _initials(form)
                if f.name.startswith(e.name + "-") and " " in form:  # "MSI-Agent" = "Multi-Scale Insight Agent"
                    spelled |= {s[:-1] for s in _initials(form)}
            if e.name in spelled:
                # the title's "UCFE: A ... Benchmark" stays the name (and type); else the long name does
                keep, drop = (e, f) if e.mentions and e.mentions[0].start == 0 else (f, e)
                keep.aliases += [a for a in [drop.name, *drop.aliases] if a not in keep.aliases and a != keep.name]
                keep.count += drop.count
                keep.mentions = sorted(keep.mentions + drop.mentions, key=lambda m: m.start)
                keep.introduced = keep.introduced or drop.introduced
                gone.add(id(drop))
                break
    return [e for e in ents if id(e) not in gone]


# one search instead of eight for the many names no NAME_SHAPE_TYPE pattern fits (their alternation
# matches where any of them does; built only when all share the same flags)
def _any_of(patterns: list[re.Pattern]) -> re.Pattern | None:
    if not patterns or len({rx.flags for rx in patterns}) != 1:
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in patterns), patterns[0].flags)
    except re.error:  # e.g. an inline global flag inside one of them
        return None


_ANY_SHAPE = _any_of([rx for rx, _, _, _ in NAME_SHAPE_TYPE])
_MIXED = re.compile(r"^[A-Za-z]{4,}$")
_INNER_CAP = re.compile(r"[a-z][A-Z]+$|^[A-Z]{2,}[a-z]{3,}$")  # "LinK", "detectiON"; "INclusive"
_LOWER_THEN_CAP = re.compile(r"[a-z][A-Z]+$")
_CAPS_TOKEN = re.compile(r"\b[\w\-]*(?:[A-Z][\w\-]*){3,}\b")


def is_pun(text: str, start: int, word: str) -> bool:
    """Capitals that spell a nearby acronym at the end of an ordinary word ("Retrieve and LinK"
    for ReLiK, "detectiON" for LEGION) or, in a title, at its start ("INclusive" for AIN): the
    word is no name of its own (CamelCase names such as "LongVideoBench" are not puns).

    >>> is_pun("ReLiK: Retrieve and LinK, Fast Entity Linking", 20, "LinK")
    True
    >>> is_pun("We compare DualViTok with ILLUME+ on MMBench.", 11, "DualViTok")
    False
    """
    if not _MIXED.match(word) or not _INNER_CAP.search(word):
        return False
    if not _LOWER_THEN_CAP.search(word) and not 0 <= start < text.find("\n\n"):
        return False  # "INclusive"-like capitals are a pun only in a title ("MMstar" in a list is a name)
    caps = [ch for ch in word if ch.isupper()]
    if len(caps) * 2 > len(word):
        return False
    for m in _CAPS_TOKEN.finditer(text, max(0, start - 120), min(len(text), start + len(word) + 120)):
        a = m.group()
        if a == word or m.start() <= start < m.end():
            continue
        it = iter(ch for ch in a if ch.isupper())
        if all(c in it for c in caps):
            return True
    return False


def drop_puns(text: str, ents: list[ExtractedEntity]) -> list[ExtractedEntity]:
    """Entities found only by their shape whose every mention :func:`is_pun`."""
    return [e for e in ents if e.source != "shape" or e.introduced
            or not all(is_pun(text, m.start, m.text) for m in e.mentions)]


def drop_glued(ents: list[ExtractedEntity]) -> list[ExtractedEntity]:
    """A shape-only name that is another entity's name glued to a lower-case word
    ("OmniGenis", "ColorBenchcan": a missing space)."""
    names = {e.name for e in ents}
    return [e for e in ents if e.source != "shape" or not any(
        e.name.startswith(n) and len(e.name) - len(n) >= 2 and e.name[len(n):].isalpha() and e.name[len(n):].islower()
        for n in names if n != e.name)]


def _title_own(st: DocState, cs: list[Candidate], keys: set[str]) -> bool:
    """A name in the title is the paper's own only when it is the title's name ("SoS1: O1
    and R1-Like ..." introduces SoS1, not O1) or, in a title without one, opens the title;
    other title names need a sentence of the abstract that proposes them."""
    if any(c.source == "title" for c in cs):
        return True
    if not st.title_key:  # no "Name: subtitle": a name opening the title ("Qwen2-Audio Technical Report")
        return any(c.start == 0 for c in cs)
    return st.title_key in keys


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_WORDS_BEFORE = re.compile(r"[^\s(),;:\"'`]+")
_SKIP_BEFORE = {"or", "i.e.", "aka", "namely", "called", "as"}


def spelled_before(text: str, start: int, name: str) -> bool:
    """True when the acronym ``name`` at ``start`` follows lower-case words whose initials spell
    it, without parentheses: "reasoning pattern reward, RPR", "time to first token, or TTFT".

    >>> spelled_before("a reasoning pattern reward, RPR, which", 28, "RPR")
    True
    >>> spelled_before("We fine-tune Robust Policy Research RPR", 36, "RPR")
    False
    """
    if not _ACRONYM.match(name):
        return False
    words = _WORDS_BEFORE.findall(text, max(0, start - 90), start)
    while words and words[-1].lower() in _SKIP_BEFORE:
        words.pop()
    words = words[-(len(name) + 4):]
    n = _initials_long(name, words) if words else None
    return bool(n) and all(w.islower() for w in words[-n:])


def _entity(st: DocState, cs: list[Candidate]) -> ExtractedEntity | None:
    text = st.text
    # one pass over the mentions: keys in mention order, not a set (votes, cues and tie-breaks
    # must not depend on PYTHONHASHSEED)
    sources: set[str] = set()
    gaz = []
    keyd: dict[str, None] = {}
    in_title = intro_flag = False
    for c in cs:
        src = c.source
        sources.add(src)
        if src == "gazetteer":
            gaz.append(c)
        keyd[c.key] = None
        if c.sentence == 0:
            in_title = True
        if c.introduced:
            intro_flag = True
    keys = keyd.keys()
    defined = [k for k in keys if k in st.long_forms] if st.long_forms else []
    if not gaz and defined:
        longs = [st.long_forms[k] for k in defined]
        shorts = [c.text for c in cs if c.key in st.long_forms]
        if any(_PLURAL_ACRONYM.search(s) for s in shorts) and not (in_title and (
                st.title_key in keys or not st.title_key.strip("\x00"))):
            return None  # "IDAs", "LLMs", "X: ... in UAVs" (a title naming X): a category, not an artifact
        title = text[:st.title_end].lower()
        if all(_GENERIC_HEAD.search(lf) for lf in longs) \
                and not (in_title or intro_flag or any(lf.lower() in title for lf in longs)) \
                and not any(known_acronym_variant(s, st.gazetteer) for s in shorts):  # "PF-PPO"
            return None  # "Goal-Conditioned Imitation Learning (GCIL)": a paradigm / category
        if all(not _HAS_UPPER.search(lf, 1) for lf in longs) and not (intro_flag or in_title):
            return None  # "success rate (SR)": a generic term with an acronym
    if not gaz and len(keys) == 1 and len(next(iter(keys))) <= 2 and not in_title and not any(
            _HAS_UPPER.search(st.long_forms.get(k, ""), 1) for k in keys):
        return None  # "IK", "CM", "OU": two-letter acronyms are rarely named artifacts
    if not gaz and st.long_spans and sources == _SHAPE_ONLY \
            and any(s <= c.start and c.end <= e for c in cs for s, e in st.long_spans) \
            and all(any(s <= c.start and c.end <= e for s, e in st.long_spans) for c in cs):
        return None  # "REwArd" inside "Outcome REwArd-based ... (OREAL)"
    if not gaz and not defined and sources == _SHAPE_ONLY and not intro_flag and not in_title \
            and any(spelled_before(text, c.start, c.text) for c in cs):
        return None  # "reasoning pattern reward, RPR": the acronym of a generic lower-case phrase

    if gaz and (intro_flag or st.title_key in keys or not st.intro_keys.isdisjoint(keys)) \
            and all(c.canonical and vendor_short_alias(c.text, c.canonical) for c in gaz):
        gaz, intro_flag = [], True  # "we present RoboMaster, a framework": the paper's own, not DJI's RoboMaster

    # name
    if gaz:
        name = _most_common([c.canonical for c in gaz if c.canonical] or [c.text for c in gaz])
        # always the gazetteer's canonical name, so every paper's "Franka", "OXE" or
        # "implicit Q-learning" is the same graph node; the paper's own forms are aliases
    else:
        shorts = [c.text for c in cs if c.key in st.long_forms and c.source == "abbreviation"]
        titled = [c.text for c in cs if c.source == "title"]
        if titled:
            name = titled[0]
        elif shorts:
            name = shorts[0]
        else:
            name = _most_common([c.text for c in cs])
    aliases = []
    for c in cs:
        if c.text != name and c.text not in aliases:
            aliases.append(c.text)

    # type
    if gaz:
        typ = _most_common([c.type for c in gaz])
        votes = {typ: 5.0}
        cues = [f"gazetteer:{name}->{typ}"]
    else:
        votes: dict[str, float] = {"Method": 0.9}
        cues = []
        for k in keys:
            for t, w in st.type_votes.get(k, {}).items():
                votes[t] = votes.get(t, 0.0) + w
            cues += [c for c in st.cues.get(k, ()) if c not in cues]
        if st.subtitle_type and intro_flag and not st.title_key:
            votes[st.subtitle_type] = votes.get(st.subtitle_type, 0.0) + 1.5
            cues.append(f"title:subtitle noun->{st.subtitle_type}")
        forms = [a for a in aliases if " " in a] if aliases else ()  # "Synthetic Customization Dataset (SynCD)"
        shaped = _ANY_SHAPE is None or _ANY_SHAPE.search(name) or any(_ANY_SHAPE.search(f) for f in forms)
        for rx, t, w, label in NAME_SHAPE_TYPE if shaped else ():
            if rx.search(name):
                hit = name
            elif forms:
                hit = next((f for f in forms if rx.search(f)), None)
            else:
                continue
            if hit is not None:
                votes[t] = votes.get(t, 0.0) + w
                cues.append(f"name shape:{label}{'' if hit == name else ' of ' + hit}->{t}")
        typ = max(votes, key=votes.__getitem__)  # the first of equal votes
        if typ == NOT_ENTITY:
            return None  # "a new metric, Trust-Score": metrics are no entities
        if NOT_ENTITY in votes:
            del votes[NOT_ENTITY]
            typ = max(votes, key=votes.__getitem__)
        suffix = "->" + typ
        if not any(c.endswith(suffix) for c in cues):
            cues.append(f"default->{typ}")

    # introduced
    if gaz:
        # a known name is the paper's own when the title names it ("Name: ..."), when it
        # opens a report title ("Qwen2-Audio Technical Report"), or when an intro sentence
        # defines its acronym ("we propose SDP (Streaming Diffusion Policy)")
        introduced = not st.intro_keys.isdisjoint(keys) or (
            st.title_key in keys if st.title_key
            else any(c.start == 0 for c in cs) and bool(_REPORT.search(text, 0, st.title_end))) \
            or any(c.introduced for c in cs if c.source == "abbreviation")
    else:
        introduced = intro_flag or (in_title and _title_own(st, cs, keys))
    if st.offsets is None:
        mentions = [Mention(c.text, c.start, c.end, c.sentence, c.rule, cues) for c in cs]
    else:  # LaTeX accents were composed: provenance points into the raw text
        o, raw = st.offsets, st.source_text
        mentions = [Mention(raw[o[c.start]:o[c.end]], o[c.start], o[c.end], c.sentence, c.rule, cues) for c in cs]
    return ExtractedEntity(name=name, type=typ, aliases=aliases, introduced=introduced, count=len(cs),
                           mentions=mentions, source=src if len(sources) == 1 else "+".join(sorted(sources)),
                           type_votes=votes if gaz else {t: round(w, 3) for t, w in votes.items()})
