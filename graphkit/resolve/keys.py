"""Name keys for corpus resolution, and the guard that keeps versions apart.

The key is the one entity ids are made of (:func:`graphkit.ids.normalise_name`: lower
case, letters, digits and ``+``), so two spellings with one key are one node already.

>>> corpus_key("Video-MME") == corpus_key("video mme")
True
>>> is_version_pair(corpus_key("Mixtral"), corpus_key("Mixtral 8x7B"))
True
>>> is_version_pair(corpus_key("Segment Anything"), corpus_key("Segment Anything Model"))
False
"""

from __future__ import annotations

import re

from graphkit.ids import normalise_name

_KEYS: dict[str, str] = {}

# what may follow a name without making it another artifact ("Segment Anything Model")
_SAME_THING_TAIL = re.compile(r"(?:s|es|model|models|benchmark|dataset|framework|suite|method|"
                              r"simulator|robot|environment|library|toolkit)")


def corpus_key(name: str) -> str:
    """:func:`~graphkit.ids.normalise_name`, memoised (a corpus repeats its names a lot)."""
    k = _KEYS.get(name)
    if k is None:
        if len(_KEYS) > 500_000:
            _KEYS.clear()
        k = _KEYS[name] = normalise_name(name)
    return k


def is_version_pair(a: str, b: str) -> bool:
    """Whether keys ``a`` and ``b`` name two versions or variants of one family: one is the
    other plus a tail that is not a generic head noun ("gpt4" / "gpt4o", "maniskill" /
    "maniskill2", "imagenet" / "imagenet++", "qwen2" / "qwen25", "pi0" / "pi05",
    "llava" / "llavanext"). Such keys are never merged through an alias.

    >>> is_version_pair("gpt4", "gpt4o"), is_version_pair("imagenet", "imagenet++")
    (True, True)
    >>> is_version_pair("llm", "llms"), is_version_pair("aitw", "androidinthewild")
    (False, False)
    """
    if a == b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short or not long.startswith(short):
        return False
    return _SAME_THING_TAIL.fullmatch(long[len(short):]) is None
