"""Plain data classes handed from stage to stage.

read  -> :class:`Paper` (+ :class:`ReadReport`)
extract -> :class:`PaperExtraction` (a list of :class:`ExtractedEntity` with :class:`Mention`)
build -> a ``networkx.MultiDiGraph`` following docs/graph-model.md (see :mod:`graphkit.graph`)

Nothing here does I/O; every stage can be called on its own from Python.

:class:`Mention`, :class:`ExtractedEntity` and :class:`PaperExtraction` have
``__slots__`` and pickle as ``(class, field values)``: extraction workers send the parent
millions of them (916k mentions at 100k papers). Measured on 20k papers' extractions:
pickle 1.83 -> 1.60 CPU s, unpickle (the build's parent, one core) 1.15 -> 0.64 s,
28.5 -> 24.0 MB; no ``__dict__`` per object also saves memory in every later stage.
``tests/test_model_pickle.py`` checks round trips and that every field is pickled.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graphkit.ids import entity_id

ENTITY_TYPES: tuple[str, ...] = ("Method", "Benchmark", "Dataset", "Robot", "Simulator")
"""The five scored entity types (GUIDELINES.md)."""

ALL_ENTITY_TYPES: tuple[str, ...] = ENTITY_TYPES + ("Topic",)
"""The scored five plus the optional, unscored ``Topic`` (paradigms)."""


@dataclass
class Paper:
    """One real paper. The same paper read from several inputs is merged into one.

    ``id`` is stable across runs: ``arxiv:<id>`` when known, else ``doi:<doi>``,
    else ``title:<hash of the normalised title>`` (see :func:`graphkit.ids.paper_id`).
    """

    id: str
    title: str
    abstract: str
    arxiv_id: str | None = None
    doi: str | None = None
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None  # "N authors" when names are not given
    date: str | None = None  # ISO date (YYYY-MM-DD) when the year is known
    date_raw: str | None = None  # the text as given, e.g. "Jul 10" (no year)
    year: int | None = None
    upvotes: int | None = None
    url: str | None = None  # the paper page (arXiv abs when the id is known)
    project_url: str | None = None
    code_url: str | None = None
    references: list[str] = field(default_factory=list)  # raw ids / arXiv ids / titles
    sources: list[str] = field(default_factory=list)  # "file:line" of every record merged in

    @property
    def text(self) -> str:
        """The text extraction runs on: title, blank line, abstract."""
        return f"{self.title}\n\n{self.abstract}" if self.abstract else self.title

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Paper":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class Skip:
    """A record (or file) that was not used, and why. Never dropped silently."""

    source: str  # "path:line" or "path" or "path:record N"
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class ReadReport:
    """What reading produced: papers, and an account of everything else."""

    papers: list[Paper] = field(default_factory=list)
    records: int = 0  # records seen (entries, lines, rows) that looked like papers
    duplicates: int = 0  # records merged into an already-read paper
    skipped: list[Skip] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    formats: dict[str, int] = field(default_factory=dict)  # format name -> files

    def skipped_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.skipped:
            key = s.reason.split(":")[0]
            out[key] = out.get(key, 0) + 1
        return out


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in a paper's :attr:`Paper.text`.

    ``start``/``end`` are character offsets into ``Paper.text``; ``sentence`` is the
    index of the sentence (0 = the title).
    """

    text: str
    start: int
    end: int
    sentence: int
    rule: str = ""  # the named rule (or gazetteer) that found this mention
    type_cues: list[str] = field(default_factory=list)  # cues that typed it, e.g. "context:evaluated on"

    def __reduce__(self):  # see the module docstring: pickled as its field values
        return (type(self), (self.text, self.start, self.end, self.sentence, self.rule, self.type_cues))


@dataclass(slots=True)
class ExtractedEntity:
    """A distinct entity a paper mentions (paper level, like the gold)."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    count: int = 0
    mentions: list[Mention] = field(default_factory=list)
    source: str = ""  # how it was found: gazetteer, abbreviation, title, pattern, user ...
    type_votes: dict[str, float] = field(default_factory=dict)  # this paper's evidence per type

    def __reduce__(self):
        return (type(self), (self.name, self.type, self.aliases, self.introduced, self.count, self.mentions,
                             self.source, self.type_votes))

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    def to_dict(self, mentions: bool = True) -> dict[str, Any]:
        """``asdict(self)`` plus ``id`` (same keys, order and copies, without asdict's slow
        recursion); ``mentions=False`` leaves the mentions out."""
        d = {"name": self.name, "type": self.type, "aliases": list(self.aliases), "introduced": self.introduced,
             "count": self.count}
        if mentions:
            d["mentions"] = [{"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence, "rule": m.rule,
                              "type_cues": list(m.type_cues)} for m in self.mentions]
        d["source"] = self.source
        d["type_votes"] = dict(self.type_votes)
        d["id"] = self.id
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ExtractedEntity":
        mentions = [Mention(**m) for m in d.get("mentions", [])]
        return cls(
            name=d["name"],
            type=d["type"],
            aliases=list(d.get("aliases", [])),
            introduced=bool(d.get("introduced", False)),
            count=int(d.get("count", len(mentions))),
            mentions=mentions,
            source=d.get("source", ""),
            type_votes={k: float(v) for k, v in (d.get("type_votes") or {}).items()},
        )


@dataclass(slots=True)
class PaperExtraction:
    """The entities found in one paper."""

    paper_id: str
    title: str
    entities: list[ExtractedEntity] = field(default_factory=list)
    text_hash: str = ""  # hash of Paper.text + extractor version (for the incremental cache)

    def __reduce__(self):
        return (type(self), (self.paper_id, self.title, self.entities, self.text_hash))

    def to_dict(self, mentions: bool = True) -> dict[str, Any]:
        return {
            "id": self.paper_id,
            "title": self.title,
            "text_hash": self.text_hash,
            "entities": [e.to_dict(mentions) for e in self.entities],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "PaperExtraction":
        return cls(
            paper_id=d["id"],
            title=d.get("title", ""),
            text_hash=d.get("text_hash", ""),
            entities=[ExtractedEntity.from_dict(e) for e in d.get("entities", [])],
        )
