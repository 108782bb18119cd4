"""The extraction's fast paths give exactly what the plain scans they replace give.

Each fast path (a pre-check, a rewritten regex, a scan of candidate positions only) is
compared with the straightforward version on arbitrary text and on name-like text.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract import abbreviations as A
from graphkit.extract import discovery as D
from graphkit.extract import sentences as S

# text made of the characters the rules care about: names, joiners, punctuation, accents
NAMEY = st.lists(st.sampled_from(list("aAbBzZ019 -+._,;:.!?()[]{}\"'\n\té\u0301ñİıK")
                                 + ["e.g.", "i.e.", "vs.", "al.", "et ", "which ", "the ", "GPT-4o",
                                    "LoRA+DPO", "we propose ", "our ", "called "]),
                 max_size=60).map("".join)
ANY = st.text(max_size=200)


def spans(it):
    return [(m.span(), m.groups()) for m in it]


def _same(old: re.Pattern, new: re.Pattern, text: str) -> None:
    assert spans(new.finditer(text)) == spans(old.finditer(text))
    n = len(text)
    for lo, hi in ((1, n - 1), (n // 3, n), (0, n // 2)):
        assert spans(new.finditer(text, lo, hi)) == spans(old.finditer(text, lo, hi))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(NAMEY, ANY))
def test_shape_tokens_are_the_token_regex_matches(text):
    assert spans(D.shape_tokens(text)) == spans(D.TOKEN.finditer(text))


def test_shape_tokens_at_the_text_edges_and_after_plus():
    for text in ("GPT-4o", "GPT-4o.", "x A+B1 +C2 D++ E+f+G3 aB", "é iCub", "Ab", "3D-GRAND", "α-GPT2"):
        assert spans(D.shape_tokens(text)) == spans(D.TOKEN.finditer(text)), text
    assert [m.group() for m in D.shape_tokens("GPT-4o")] == ["GPT-4o"]


# the plain forms of the rewritten regexes (one leading character class in the new ones)
_CLAUSE_END_PLAIN = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bal)(?<!\bet)[.!?][\"')\]]*\s+|[;:{}]|\n\s*\n"
                               r"|,\s+(?=(?:a|an|the|which|that|including|such|e\.g\.|i\.e\.)\s)")
_BOUNDARY_PLAIN = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z0-9(\[\"'])|\n\s*\n\s*")


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(NAMEY, ANY))
def test_rewritten_regexes_match_as_their_plain_forms(text):
    _same(_CLAUSE_END_PLAIN, A._CLAUSE_END, text)
    _same(_BOUNDARY_PLAIN, S._BOUNDARY, text)


def test_rewritten_regexes_on_edge_cases():
    for text in ("e.g. X. Y", "et al. Show", "A; b: c {d}", "x\n\n y", "x, which y", "Done.\" Next", "vs. Z. Q"):
        _same(_CLAUSE_END_PLAIN, A._CLAUSE_END, text)
        _same(_BOUNDARY_PLAIN, S._BOUNDARY, text)
