"""Name normalisation shared by every stage.

>>> name_key("Meta-World") == name_key("MetaWorld") == name_key("meta world")
True
>>> name_key("ManiSkill2") == name_key("ManiSkill")
False
>>> singular_key("LLMs")
'llm'
"""

from __future__ import annotations

import re
from functools import lru_cache

_SEP = re.compile(r"[\s\-_‐‑–]+")
_ACRONYM_PLURAL = re.compile(r"^(?=(?:.*[A-Z]){2})([A-Za-z0-9\-]*[A-Z0-9])s$")


_NON_ALNUM = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, hyphen- and spacing-insensitive key; digits, dots and ``+`` stay (versions)."""
    return _SEP.sub("", name.lower())


# the only code points whose str.lower() is longer than one character ("İ" -> "i̇"),
# mapped to one character so that folding keeps every offset (tests scan all of Unicode)
_FOLD_FIX = {0x130: "i"}


def fold(text: str) -> str:
    """Lower case with exactly one character per character, so offsets into the result are
    offsets into ``text`` (``str.lower()`` turns "İ" into two; ß, ﬁ and combining marks
    stay as they are, unlike ``casefold``).

    >>> fold("İBERO uses PPO"), len(fold("İ")) == 1
    ('ibero uses ppo', True)
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_FIX).lower()


def singular(name: str) -> str:
    """``LLMs`` -> ``LLM``, ``RUMs`` -> ``RUM``; other names unchanged."""
    m = _ACRONYM_PLURAL.match(name)
    return m.group(1) if m else name


@lru_cache(maxsize=65536)
def singular_key(name: str) -> str:
    return name_key(singular(name))


def score_key(name: str) -> str:
    """The scorer's key: lower case, letters and digits only."""
    return _NON_ALNUM.sub("", name.lower())
