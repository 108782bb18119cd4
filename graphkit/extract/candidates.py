"""The mention candidates the spaCy components pass to each other (on ``doc._.graphkit``).

>>> c = Candidate("PPO", 10, 13, "gazetteer", type="Method")
>>> c.key
'ppo'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphkit.extract.normalize import singular_key

# how much each source is trusted when spans overlap (higher wins on ties of length)
SOURCE_RANK = {"user": 6, "gazetteer": 5, "variant": 5, "abbreviation": 4, "title": 4, "intro": 3,
               "context": 2, "shape": 1}


@dataclass(slots=True)
class Candidate:
    """One mention: surface text, offsets, where it came from, and what is known about it."""

    text: str
    start: int
    end: int
    source: str
    type: str | None = None  # known type (gazetteer, definition) or None = infer
    canonical: str | None = None  # gazetteer canonical name
    introduced: bool = False  # a rule saw this mention being proposed
    sentence: int = 0
    aliases: list[str] = field(default_factory=list)
    key: str = ""
    rule: str = ""  # the named rule that found it (see graphkit.extract.rules); default: the source

    def __post_init__(self) -> None:
        self.key = singular_key(self.text)
        if not self.rule:
            self.rule = self.source


@dataclass
class DocState:
    """Everything the components learn about one text."""

    text: str
    title_end: int
    lower: str = ""  # text.lower(), computed once
    starts: list[int] = field(default_factory=list)  # sentence start offsets
    candidates: list[Candidate] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # keys that are one entity
    long_forms: dict[str, str] = field(default_factory=dict)  # short key -> long form
    long_spans: list[tuple[int, int]] = field(default_factory=list)  # where long forms are defined
    intro_sentences: set[int] = field(default_factory=set)
    intro_keys: set[str] = field(default_factory=set)  # known (gazetteer) names a rule saw proposed
    subtitle_type: str = ""  # "A ... Benchmark for ..." in the title
    title_key: str = ""  # key of the paper's own name from the title, when it has one
    type_votes: dict[str, dict[str, float]] = field(default_factory=dict)  # key -> type -> weight
    cues: dict[str, list[str]] = field(default_factory=dict)  # key -> the cues behind its votes
    gazetteer: object = None  # the Gazetteer the pipeline's gazetteer component put here
    entities: list = field(default_factory=list)  # final ExtractedEntity list
    offsets: list[int] | None = None  # text offset -> raw text offset, when cleaning moved letters
    source_text: str = ""  # the raw text, when ``offsets`` is set
    split: tuple[str, list[str]] | None = None  # gazetteer.text_pieces(text), made once (word_pieces)
    words: frozenset[str] | None = None  # the set of its pieces (word_set)

    def word_pieces(self) -> tuple[str, list[str]]:
        """:func:`graphkit.extract.gazetteer.text_pieces` of the text, split once for every stage."""
        if self.split is None:
            from graphkit.extract.gazetteer import text_pieces

            self.split = text_pieces(self.text)
        return self.split

    def word_set(self) -> frozenset[str]:
        """Every word of the text (lower case, letters and digits): a lower-case ASCII word
        that a regex finds between ``\\b`` and a non-word character is in it, so a rule whose
        regex needs such a word can skip a text without it (a set lookup for a whole-text
        ``str.find``: 1-3 us each on an abstract)."""
        if self.words is None:
            self.words = frozenset(self.word_pieces()[1])
        return self.words

    def vote(self, key: str, typ: str, weight: float = 1.0, cue: str = "") -> None:
        """Evidence that ``key`` names a ``typ``; ``cue`` says which ("context:benchmark noun")."""
        d = self.type_votes.setdefault(key, {})
        d[typ] = d.get(typ, 0.0) + weight
        if cue:
            c = f"{cue}->{typ}"
            lst = self.cues.setdefault(key, [])
            if c not in lst:
                lst.append(c)
