"""A cheap sentence splitter over plain text (character offsets, no parser).

The title is sentence 0; the abstract follows after a blank line.

>>> sentence_starts("Robix: A Model\\n\\nWe propose Robix. It works, e.g. on ALOHA.")
[0, 16, 34]
"""

from __future__ import annotations

import re
from bisect import bisect_right

# one leading character class: the regex engine skips to ".", "!", "?" or a newline in C
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9(\[\"'])|(?<=\n)\s*\n\s*)")
_ABBREV = {"e.g.", "i.e.", "etc.", "vs.", "cf.", "al.", "Fig.", "Eq.", "Sec.", "approx.", "resp.", "No.", "Tab.",
           "E.g.", "I.e.", "Cf.", "Figs.", "Eqs."}


def sentence_starts(text: str) -> list[int]:
    """Start offset of every sentence in ``text`` (always begins with 0)."""
    starts = [0]
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        s = m.start()
        if text[s] == ".":
            word = text[max(text.rfind(" ", 0, s), text.rfind("(", 0, s)) + 1:s + 1]
            if word in _ABBREV or (len(word) == 2 and word[0].isupper()):
                continue  # "e.g. PPO", "et al. show", "J. Smith"
        if m.end() < n:
            starts.append(m.end())
    return starts


def sentence_of(starts: list[int], offset: int) -> int:
    """Index of the sentence holding character ``offset``."""
    return bisect_right(starts, offset) - 1
