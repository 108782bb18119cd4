"""Stable identifiers and name normalisation (docs/graph-model.md).

>>> paper_id(arxiv_id="2405.15738v2")
'arxiv:2405.15738'
>>> entity_id("Benchmark", "Meta-World") == entity_id("Benchmark", "MetaWorld")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"\b([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)", re.I)


_WORD = re.compile(r"[^\W_]+")  # letters and digits of every script
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1024)  # reading asks twice per record (the id, then the merge keys)
def normalise_title(title: str) -> str:
    """Case folded, accents dropped, letters and digits (of any script) only, spaces collapsed.

    A title with no letter or digit at all ("!!!") gives ``""``: never a key to merge on.

    >>> normalise_title("Trace is the New AutoDiff -- Unlocking ...")
    'trace is the new autodiff unlocking'
    >>> normalise_title("Über Straße"), normalise_title("机器人学习：综述"), normalise_title("Обучение роботов")
    ('uber strasse', '机器人学习 综述', 'обучение роботов')
    """
    if title.isascii():  # fast path (same result): nothing to fold
        return " ".join(_ASCII_WORD.findall(title.lower()))
    t = unicodedata.normalize("NFKD", title)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    return " ".join(_WORD.findall(t))


_GREEK = str.maketrans({
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "θ": "theta",
    "λ": "lambda", "μ": "mu", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega",
})


@lru_cache(maxsize=1 << 16)  # a corpus repeats its names a lot (every entity id is made of one)
def normalise_name(name: str) -> str:
    """The key entity names are compared on: lower case, letters, digits and ``+`` only.

    Case, hyphen and spacing variants collapse ("Meta-World" = "MetaWorld" =
    "meta world"); versions stay distinct ("GPT-4" != "GPT-4o", "ManiSkill" != "ManiSkill2",
    "ImageNet" != "ImageNet++"); Greek letters are spelled out ("π0" = "pi0").

    >>> normalise_name("π0-FAST")
    'pi0fast'
    >>> normalise_name("ImageNet++")
    'imagenet++'
    """
    if name.isascii():  # fast path (same result): nothing to spell out or fold
        return _NOT_KEY.sub("", name.lower())
    t = unicodedata.normalize("NFKD", name.lower().translate(_GREEK))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return _NOT_KEY.sub("", t)


_NOT_KEY = re.compile(r"[^a-z0-9+]")


def parse_arxiv_id(text: str | None) -> str | None:
    """The arXiv id in ``text`` (a bare id, ``arXiv:...`` or an arxiv.org URL), version dropped."""
    if not text:
        return None
    m = _ARXIV_NEW.search(text)
    if m:
        return m.group(1)
    m = _ARXIV_OLD.search(text)
    return m.group(1) if m else None


def parse_doi(text: str | None) -> str | None:
    if not text:
        return None
    m = _DOI.search(text)
    return m.group(1).rstrip(".,;").lower() if m else None


def title_hash(title: str, abstract: str = "") -> str:
    """Hash of the normalised title; of the exact title and abstract when the title
    normalises to nothing ("!!!"), so such papers do not share one id."""
    key = normalise_title(title) or f"\x00{title}\x00{abstract}"
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]


def paper_id(*, arxiv_id: str | None = None, doi: str | None = None, title: str = "",
             abstract: str = "") -> str:
    """``arxiv:<id>``, else ``doi:<doi>``, else ``title:<sha1 of the normalised title>``."""
    if arxiv_id:
        return f"arxiv:{parse_arxiv_id(arxiv_id) or arxiv_id}"
    if doi:
        return f"doi:{doi.lower()}"
    return f"title:{title_hash(title, abstract)}"


def entity_id(type_: str, name: str) -> str:
    """``<type>:<normalised name>`` in lower case, e.g. ``benchmark:metaworld``."""
    return f"{type_.lower()}:{normalise_name(name)}"
