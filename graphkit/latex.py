r"""LaTeX to Unicode text: the one normaliser every reader (and extraction's accents) uses.

>>> to_unicode(r"{Pok\'eChamp}: an {\o}pen \ss{} agent for $\alpha$-tests, 40\% faster")
'PokéChamp: an øpen ß agent for α-tests, 40% faster'
>>> to_unicode(r"\GitChameleon{} and \textsc{AIEV-Instruct}")
'GitChameleon and AIEV-Instruct'
>>> compose_accent("'", "e")
'é'

Built on pylatexenc's ``LatexNodes2Text``, with three choices for abstracts (which are
not LaTeX documents): a bare ``%`` is a percent sign, not a comment; an unknown macro
keeps its name (``\GitChameleon{}`` is a method's name, not formatting); input the
parser cannot take (nesting too deep for it) falls back to dropping braces and
backslashes, so a value is never lost. pylatexenc is imported on the first text that
has LaTeX in it (~0.07 s CPU that plain abstracts never pay).
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPECIAL = re.compile(r"[\\$~^_&%]")
_BARE = re.compile(r"(?<!\\)([%&])")  # a percent sign and an ampersand in prose, not LaTeX's
_SWITCHES = frozenset("it bf sc tt em rm sf sl up md normalfont itshape bfseries scshape ttfamily upshape "
                      "mdseries rmfamily sffamily slshape tiny scriptsize footnotesize small normalsize "
                      "large Large LARGE huge Huge".split())  # font switches: formatting, not words
_MACRO = re.compile(r"\\([A-Za-z]+)\s*")


@lru_cache(maxsize=1)
def _converter():
    """pylatexenc's converter with our choices (made on first use)."""
    from pylatexenc.latex2text import LatexNodes2Text

    class _Converter(LatexNodes2Text):
        def macro_node_to_text(self, node):
            if node.macroname in _SWITCHES:
                return ""
            if self.latex_context.get_macro_spec(node.macroname) is None:  # unknown: keep its name
                return node.macroname + (node.macro_post_space or "")
            return super().macro_node_to_text(node)

    return _Converter(math_mode="text", keep_comments=False, strict_latex_spaces=False)


def to_unicode(text: str) -> str:
    """``text`` with LaTeX accents, symbols, escapes and formatting turned into plain
    Unicode, and grouping braces removed. Whitespace is left to the caller to fold."""
    if not _SPECIAL.search(text):
        return text.replace("{", "").replace("}", "") if "{" in text or "}" in text else text
    source = _BARE.sub(r"\\\1", text)
    converter = _converter()
    try:
        return converter.latex_to_text(source)
    except Exception:  # noqa: BLE001 - pylatexenc fails on some hostile input (RecursionError...): fall back
        return _fallback(text)


def _fallback(text: str) -> str:
    text = _MACRO.sub(lambda m: m.group(1) + " ", text.replace("\\%", "%").replace("\\&", "&"))
    return re.sub(r"[{}\\$]", "", text)


@lru_cache(maxsize=512)
def compose_accent(mark: str, letter: str) -> str:
    """``\\<mark>{<letter>}`` as text: ``compose_accent('"', "u") == "ü"``."""
    return to_unicode(f"\\{mark}{{{letter}}}")
