"""Discovery of names that are in no list: title names, proposed names, shape, context.

>>> from graphkit.extract.gazetteer import Gazetteer
>>> title_name("Robix: A Unified Model for Robot Interaction", "We present Robix, a model.")
'Robix'
>>> [m.group("name") for m in APPOS_NAME.finditer("we propose a framework, Trace, which")]
['Trace']
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphkit.extract.vocabulary import VARIANT_PARTS
from graphkit.extract.vocabulary import (GENERIC_FIRST, METRIC_HEAD, NOUN_TYPE, TITLE_TYPE_NOUNS,  # noqa: F401
                                          noun_type)

# a name-shaped phrase: capitalised / CamelCase / digit-bearing words, small joiners inside
_C = r"(?:[\w+'’\u0300-\u036f]|\.(?=\d))"  # a name character; a dot only before a digit ("Qwen2.5", not "1.5.To")
_W = (rf"(?:[A-Z]{_C}*(?:-{_C}+)*|[a-z]{{1,4}}[A-Z]{_C}*(?:-{_C}+)*|[a-z]-[A-Z]{_C}*(?:-{_C}+)*"
      rf"|[a-z]+\d{_C}*(?:-{_C}+)*)")
_J = r"(?:of|for|with|as|to|in|from|by|on|the|a|via|&)"
NAME = rf"{_W}(?:[ \t]+(?:{_J}[ \t]+){{0,2}}(?:{_W}|\d[\w.]*)){{0,6}}"
INTRO_STEMS = ("propos", "present", "introduc", "develop", "design", "build", "built", "construct", "creat", "releas",
               "curat", "collect", "contribut", "offer", "describ", "unveil", "open-sourc", "establish", "formulat",
               "deriv", "call", "nam", "dub", "term")


def _by_first_letter(words) -> str:
    """An alternation of ``words`` grouped by first letter ("p(?:ropos|resent)|i(?:ntroduc)"),
    order kept within a group: the regex engine tests each first letter once (1.2x faster on
    INTRO_DIRECT). Groups start with distinct letters, so the matches are the same."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(k)}(?:{'|'.join(v)})" for k, v in groups.items())


_INTRO_VERB = rf"(?:{_by_first_letter(INTRO_STEMS)})(?:e|es|ed|ing|s)?"
INTRO_AT = re.compile(r"\b(?:propos|introduc|present|call|term|dub|nam)(?:e|es|ed|ing|s)?[ \t]+(?:(?:a|an|the)[ \t]+)?")
AFTER_NAME = re.compile(r"[ \t]*[,.;:(]|[ \t]+(?:which|that|to|for|as|where)\b")
INTRO_SUBJECTS = ("we ", "this paper", "this work", "this study", "this article", "this report", "our work",
                  "our paper", "here")
INTRO_AFTER_SUBJECT = re.compile(r"[^.]{0,140}?\b" + _INTRO_VERB + r"\b")
OUR_CUE = re.compile(r"our(?<![\w]our)[ \t]+(?:new[ \t]+|novel[ \t]+|proposed[ \t]+)?(?:[a-z\-]+[ \t]+){0,3}?"
                     r"(?:method|approach|model|framework|agent|system|policy|algorithm|benchmark|dataset|simulator|"
                     r"platform|architecture|pipeline|suite|environment)s?\b")
CALLED_TRIGGERS = ("called", "named", "naming", "dubbed", "termed", "coined", "namely", "entitled",
                   "we call", "we term", "we dub", "we name")
# "called X", "named X", "dubbed X", "naming the model X", "tasks we call X"
CALLED_NAME = re.compile(
    rf"\b(?:called|named|naming|dubbed|termed|coined|namely|entitled|codenamed|we[ \t]+(?:call|term|dub|name))"
    rf"[ \t]+(?:(?:it|this|the|our|them)[ \t]+(?:[a-z\-]+[ \t]+)?)?[\"'“‘`]*(?P<name>{NAME})")
NOUN_BEFORE = re.compile(r"(?P<noun>[a-z][a-z\-]+)s?,?[ \t]+(?:(?:that|which)[ \t]+|\([ \t]*)?$")
# "framework, X, which ..."
APPOS_NAME = re.compile(
    rf",(?<=[a-z][a-z\-]{{2}},)[ \t]+[\"'“‘`]*(?P<name>{NAME})[\"'”’`]*(?=,[ \t]+(?:which|that|a|an|to|for|with|where|"
    rf"consisting|comprising|built|designed|based|capable)\b)")
# "our method, X" / "our framework X"
OUR_NAME = re.compile(
    rf"ur(?<=[Oo]ur)(?<![\w][Oo]ur)[ \t]+(?:[a-z\-]+[ \t]+){{0,3}}?(?P<noun>method|approach|model|framework|agent|"
    rf"system|policy|algorithm|benchmark|dataset|simulator|platform|architecture|pipeline|suite|library|toolkit|"
    rf"environment)s?,?[ \t]+(?P<name>{NAME})")
# "we propose X", "we introduce the X benchmark"
INTRO_DIRECT = re.compile(rf"\b{_INTRO_VERB}[ \t]+(?:here[ \t]+)?(?:(?:a|an|the)[ \t]+)?(?:[a-z][a-z\-]*[ \t]+){{0,4}}?(?P<name>{NAME})")
INTRO_WORD = re.compile(r"\b" + _INTRO_VERB + r"\b")  # run on the lower-cased text
# "a domain-specific language model (VaxxBERT)"
PAREN_NAME = re.compile(rf"[a-z][ \t]+\((?P<name>{_W})\)")


_LOWER_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz")


def paren_names(text: str, lo: int, hi: int) -> list[re.Match]:
    """``list(PAREN_NAME.finditer(text, lo, hi))``, found from each ``(`` (a fast ``str.find``)
    instead of a regex attempt at every character: a match can only start at the letter
    right before the blanks before its ``(``.

    >>> t = "a language model (VaxxBERT), 2 (FooNet), x(BarNet) and  (BazNet)"
    >>> [m.group("name") for m in paren_names(t, 0, len(t))]
    ['VaxxBERT', 'BazNet']
    """
    out, end, find, match = [], lo, text.find, PAREN_NAME.match
    i = find("(", lo, hi)
    while i >= 0:
        k = i
        while k > 0 and (text[k - 1] == " " or text[k - 1] == "\t"):
            k -= 1
        if k < i and k - 1 >= end and text[k - 1] in _LOWER_ASCII:  # (end >= lo)
            m = match(text, k - 1, hi)
            if m:
                out.append(m)
                end = m.end()
        i = find("(", i + 1, hi)
    return out


# where a regex led by ``\b{_INTRO_VERB}[ \t]`` (INTRO_DIRECT, ownership's _VERB_NOUN_COMMA ...) can start
VERB_AT = re.compile(rf"\b{_INTRO_VERB}[ \t]")


def matches_at(rx: re.Pattern, text: str, starts, hi: int, first: bool = False) -> list[re.Match]:
    """``list(rx.finditer(text, lo, hi))`` (``first``: ``[rx.search(text, lo, hi)]`` or ``[]``)
    for a regex whose every match starts at one of ``starts`` (sorted, all >= lo): ``rx.match``
    tried there only. The intro rules run four regexes led by an intro verb over each
    proposing sentence; one :data:`VERB_AT` scan finds where they may start (measured on
    3,724 abstracts: 0.09 ms a paper for the five scans, 0.03 ms for the one scan + matches).

    >>> t = "We propose FooNet and introduce BarNet."
    >>> [m.group("name") for m in matches_at(INTRO_DIRECT, t, [m.start() for m in VERB_AT.finditer(t)], len(t))]
    ['FooNet', 'BarNet']
    """
    out, end, match = [], -1, rx.match
    for p in starts:
        if p >= end:  # (no match is empty: each starts with a verb)
            m = match(text, p, hi)
            if m:
                out.append(m)
                if first:
                    break
                end = m.end()
    return out


# "... LOOP, a data-efficient variant of ..." inside a sentence that proposes something
NAME_BEFORE = re.compile(rf"(?<![\w\-.])(?P<name>{NAME})$")
SENTENCE_START_NAME = re.compile(rf"^(?P<name>{NAME})(?=,[ \t]+(?:a|an)[ \t])")
# "the X benchmark", "the X and Y datasets"
_LIST = rf"{NAME}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)(?:the[ \t]+)?{NAME})*"
# (the nouns benchmark|dataset|data[ \t]?set|suite|simulator|simulation platform|physics engine|game engine|corpus|
# database|leaderboard|robot|robotic arm|arm|humanoid|quadruped|hand|gripper, grouped by first letter, order kept)
CONTEXT_NOUN = re.compile(
    r"[ \t](?P<noun>b(?:enchmark)|d(?:ataset|ata[ \t]?set|atabase)|s(?:uite|imulator|imulation platform)|"
    r"p(?:hysics engine)|g(?:ame engine|ripper)|c(?:orpus)|l(?:eaderboard)|r(?:obot|obotic arm)|a(?:rm)|"
    r"h(?:umanoid|and)|q(?:uadruped))s?\b")
CAP_OR_DIGIT = re.compile(r"[A-Z\d]")
LIST_BEFORE = re.compile(rf"(?<![\w\-.])(?P<list>{_LIST})$")
# "baselines such as X, Y and Z", "environments like Cartpole, Pong and Mountain Car"
EXAMPLE_TRIGGERS = ("such as", "like", "including", "e.g.", "i.e.", "namely")
LIST_AT = re.compile(rf"[ \t,]*(?:the[ \t]+)?(?P<list>{_LIST})")
LIST_SPLIT = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
# "trained on X", "evaluated on X, Y and Z"
EVAL_TRIGGERS = (" on ", " in ", " across ")
EVAL_AT = re.compile(rf"(?:the[ \t]+|both[ \t]+|all[ \t]+|several[ \t]+|[a-z]+[ \t]+benchmarks?[ \t]+)?(?P<list>{_LIST})")
EVAL_VERB = re.compile(
    r"\b(?P<verb>evaluat\w*|experiments?|results?|tested|tests?|benchmark\w*|perform\w*|outperform\w*|"
    r"state-of-the-art|SOTA|achiev\w*|success\w*|accuracy|scores?|improvements?|gains?|"
    r"surpass\w*|beat\w*|reach\w*|obtain\w*|attain\w*|sets?|"
    r"trained|pre-?trained|fine-?tuned|finetuned|collected|learned)\b(?:[^.;]|\.\d)*$", re.IGNORECASE)
# precompiled (module-level re.* calls cost a cache lookup each)
# "-like", "-style", "-based" ... in any case: "R1-Like" names R1 ("X-like" is not a name)
NOT_NAME_SUFFIX = r"(?:[Ll]ike|LIKE|[Ss]tyle|[Bb]ased|BASED|[Dd]riven|[Ii]nspired|[Pp]owered)"
NOT_NAME_WORD = re.compile(rf"{NOT_NAME_SUFFIX}$")
_LOWER_TAIL = re.compile(rf"(?<=\w)(?:-(?:[a-z]+|{NOT_NAME_SUFFIX}))+$")
_FOUR_DIGITS = re.compile(r"\d{4}")
_LETTER_DIGIT = re.compile(r"[A-Za-z]\d")
_TWO_CAPS = re.compile(r"[A-Z][A-Z\-]*[A-Z]|[a-z][A-Z]")
_TITLE_PREFIX = re.compile(r"^\s*([^:?!]{1,60}?)\s*(?::|\s--?\s|\s—\s)")
_PAREN_TAIL = re.compile(r"^.+?\s*\(([A-Za-z][\w\-.+]*)\)$")
_BLANKS = re.compile(r"[\s\-]+")
_SUBTITLE = re.compile(r"(?::|\s--?\s|\s—\s|\.\s)(.*)$")
_SUBTITLE_NOUN = re.compile(r"\b(benchmark(?:s|ing)?|dataset|data\s?set|corpus|simulator|simulation platform|suite)\b",
                            re.IGNORECASE)
_JOINER_WORDS = {"of", "for", "with", "as", "to", "and", "in", "from", "by", "on", "the", "a", "via", "&"}


# words between an intro verb and the name that make the name the object of a preposition
_PREPOSITION = re.compile(r"[ \t](?:on|upon|in|into|from|with|using|over|against|by|than|via|across|atop|at|under|"
                          r"onto|through|to|of|for|within|among|between|beyond|after|before)[ \t]")
_OUR = re.compile(r"(?:^|[ \t])our[ \t]")


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def object_of_preposition(between: str) -> bool:
    """True when the words between an intro verb and a name hold a preposition, so the name
    is not what the verb proposes: "we build on X", "we present results on X" (but "the
    findings of our X" is the paper's own).

    >>> object_of_preposition("results on "), object_of_preposition("a novel framework ")
    (True, False)
    >>> object_of_preposition("the findings of our ")
    False
    """
    return bool(_PREPOSITION.search(" " + between)) and not _OUR.search(between) \
        and not _OWN_OF.search(between)


_OWN_OF = re.compile(r"\b(?:concept|notion|idea|family|suite|series|paradigm)[ \t]+of[ \t]+(?:(?:a|an|the)[ \t]+)?$")
# "the open-source Qwen2.5-72B", "the recently released Llama 3": the verb is an adjective
_ADJECTIVAL = re.compile(r"(?:^|[^\w])(?:the|a|an|this|these|those|its|their|other|existing|previously|recently|"
                         r"originally|widely|commonly|popular|fully|publicly)[ \t]+(?:[a-z]+ly[ \t]+)?$", re.IGNORECASE)


def not_proposed(text: str, verb_start: int, name_start: int) -> bool:
    """The intro verb at ``verb_start`` does not propose the name at ``name_start``: the
    name is the object of a preposition (:func:`object_of_preposition`), or the verb is an
    adjective ("the open-source Qwen2.5-72B", "the recently proposed X").

    >>> t = "using the open-source Qwen-Z model"
    >>> not_proposed(t, 10, 22), not_proposed("we open-source Qwen-Z", 3, 15)
    (True, False)
    """
    verb, _, between = text[verb_start:name_start].partition(" ")
    if _AS.search(between) and not _NAMING_VERB.match(verb):
        return True  # "we propose to treat X as Y", but "named as X" names X
    return object_of_preposition(between) or bool(_ADJECTIVAL.search(text, max(0, verb_start - 40), verb_start))


_AS = re.compile(r"(?:^|[ \t])(?:as|like)[ \t]")
_NAMING_VERB = re.compile(r"(?:call|term|dub|nam)", re.IGNORECASE)


_ALNUM_RUN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1024)
def closed_words(lit: str) -> tuple[str, ...]:
    """The words every hit of ``lit`` (by :func:`literal_hits`) holds whole: its runs of
    letters and digits that a non-word character of ``lit`` ends (the first one also starts
    a word). Only for lower-case ASCII literals (else none).

    >>> closed_words("this paper"), closed_words("e.g."), closed_words(" on "), closed_words("like")
    (('this',), ('e', 'g'), ('on',), ())
    """
    if not lit.isascii() or lit != lit.lower():
        return ()
    return tuple(m.group() for m in _ALNUM_RUN.finditer(lit) if m.end() < len(lit))


def literal_hits(text: str, literals, lo: int = 0, hi: int | None = None, words: frozenset[str] | None = None):
    """(start, end) of each literal in ``text[lo:hi]`` that begins a word (fast: str.find).

    ``words`` = the text's :meth:`~graphkit.extract.candidates.DocState.word_set` (``text`` is
    the state's text or its lower case): a literal whose :func:`closed_words` are not all
    in it has no hit, so its ``str.find`` is skipped (1-3 us a literal on an abstract; the
    hits are the same)."""
    hi = len(text) if hi is None else hi
    for lit in literals:
        if words is not None and not words.issuperset(closed_words(lit)):
            continue
        i = text.find(lit, lo, hi)
        while i >= 0:
            if lit[0] == " " or i == 0 or not text[i - 1].isalnum():
                yield i, i + len(lit)
            i = text.find(lit, i + 1, hi)


# shape: one token with inner capitals, two capitals, or a capital and a digit
TOKEN = re.compile(r"(?<![\w\-.\u0300-\u036f])(?=[A-Za-z][\w\-.+\u0300-\u036f]*[A-Z0-9])[A-Za-z][\w\u0300-\u036f]*"
                   r"(?:[\-+][\w\u0300-\u036f]+|\.\d[\w\u0300-\u036f]*)*\+*(?![\w\u0300-\u036f])")
# a run of TOKEN's characters, read backwards from its last capital or digit (on the reversed
# text); an ASCII text is first mapped to X (capital, digit), c (other run character), space
_REV_RUN = re.compile(r"[A-Z0-9][\w\-.+\u0300-\u036f]+")
_REV_RUN_ASCII = re.compile(rb"X[Xc]+")
_RUN_CLASS = bytes(ord("X") if chr(i).isascii() and (chr(i).isupper() or chr(i).isdigit()) else
                   ord("c") if chr(i).isascii() and (chr(i).islower() or chr(i) in "_-.+") else ord(" ")
                   for i in range(256))
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def shape_tokens(text: str) -> list[re.Match]:
    """The matches of :data:`TOKEN` in ``text``, as ``TOKEN.finditer(text)`` gives them, 3x faster.

    A token starts a run of name characters (``[\\w\\-.+]`` and combining marks), or follows
    a ``+`` inside one, and its lookahead needs a capital or digit after its first letter:
    so only runs whose last capital or digit is not their first character can hold one. One
    scan of the reversed text (a fast literal scan on ASCII) finds those runs; ``TOKEN``
    itself is tried only at their candidate starts.

    >>> [m.group() for m in shape_tokens("We use GPT-4o, iCub and LoRA+DPO (not Transformer) in 3D.")]
    ['GPT-4o', 'iCub', 'LoRA+DPO']
    """
    n = len(text)
    if text.isascii():
        runs = [m.span() for m in _REV_RUN_ASCII.finditer(text.encode()[::-1].translate(_RUN_CLASS))]
    else:
        runs = [m.span() for m in _REV_RUN.finditer(text[::-1])]
    out = []
    match, letters, find = TOKEN.match, _ASCII_LETTERS, text.find
    for r0, r1 in reversed(runs):
        p, last = n - r1, n - 1 - r0  # the run's start, its last capital or digit
        end = -1
        if text[p] in letters:
            m = match(text, p)
            if m:
                out.append(m)
                end = m.end()
        q = find("+", p, last)
        while q >= 0:  # "A+B1": a token may also start right after a "+"
            if q + 1 >= end and text[q + 1] in letters:
                m = match(text, q + 1)
                if m:
                    out.append(m)
                    end = m.end()
            q = find("+", q + 1, last)
    return out


_SHAPE = re.compile(r"[A-Z].*[A-Z]|[a-z][A-Z]|[A-Z].*\d|\d.*[A-Z]")
_TITLE_WORD = re.compile(r"^(?:[A-Z]?[a-z]+|[A-Z])$")
_LOWER_SUFFIX = re.compile(rf"(?:-(?:[a-z]+|{NOT_NAME_SUFFIX}))+$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")

TYPE_NOUNS = set(TITLE_TYPE_NOUNS)


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def is_shape(token: str) -> bool:
    """True for name-shaped single tokens: ``OptoPrime``, ``PPO``, ``GPT-4o``, ``iCub``."""
    if not _SHAPE.search(token) or token[:1].isdigit() or _ROMAN.match(token):
        return False
    # "Open-World", "Human-in-the-Loop", "X-Embodiment": hyphenated title-case words
    return not all(_TITLE_WORD.match(p) for p in token.split("-"))


def strip_token(token: str) -> str:
    """``GPT-4-based`` -> ``GPT-4``; ``LLM's`` -> ``LLM``; trailing dots removed."""
    t = token.rstrip(".")
    if t.endswith(("'s", "’s")):
        t = t[:-2]
    m = _LOWER_SUFFIX.search(t)
    if m and m.start() > 0 and is_shape(t[:m.start()]):
        t = t[:m.start()]
    return t


# in a list of names, these joiners start the next phrase ("Arena-Hard with Claude 3.5")
_LIST_BREAK = re.compile(r"[ \t]+(?:with|using|via|against|versus|vs\.?|on|in|by|from|across|under|over|than|to)[ \t]+"
                         r"(?=[A-Z\d])")


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def list_item(name: str) -> str:
    """A list item cut before a joiner that starts another phrase: ``Arena-Hard v0.1 with Claude``
    -> ``Arena-Hard v0.1`` (names inside lists rarely hold "with"/"on"/"using")."""
    m = _LIST_BREAK.search(name)
    name = name[:m.start()] if m else name
    return name[4:] if name.startswith(("the ", "The ")) else name  # "X and the Robot Control Suite"


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def release_tail(token: str) -> bool:
    """The token's lower-case hyphen parts are release or size words of its name
    ("Phi-4-reasoning-plus", "Qwen-7B-chat"), not a description ("GPT-4-based", "RL-trained").

    >>> release_tail("Phi-4-reasoning-plus"), release_tail("GPT-4-based"), release_tail("FooNet")
    (True, False, False)
    """
    m = _LOWER_TAIL.search(token)
    return bool(m) and all(p in VARIANT_PARTS for p in m.group().split("-")[1:])


_NUMBER_WORD = re.compile(r"^\d[\d.,]*%?$")


def number_after_joiner(words: list[str]) -> list[str]:
    """Drop a trailing number that a joiner links to the name: a score, not a part of it.

    >>> number_after_joiner("MIG-Bench with a 9.1".split()), number_after_joiner(["Llama", "3"])
    (['MIG-Bench', 'with', 'a'], ['Llama', '3'])
    """
    if len(words) > 2 and _NUMBER_WORD.match(words[-1]) and words[-2] in _JOINER_WORDS and (
            words[-2] != "of" or not words[-1].isdigit()):  # "Game of 24" is a name, "FID of 1.98" a score
        return words[:-1]
    return words


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def clean_phrase(name: str) -> str:
    """Trim joiners and punctuation at the ends of a captured name phrase."""
    name = name.strip(" \t\"'“”‘’`.,;:")
    words = number_after_joiner(name.split())
    while words and words[-1] in _JOINER_WORDS:
        words.pop()
    if words and not words[-1].islower() and not release_tail(words[-1]):
        words[-1] = _LOWER_TAIL.sub("", words[-1])
    name = " ".join(words)
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    return name


@lru_cache(maxsize=65536)  # a pure function of one phrase, asked again and again
def plausible_name(name: str) -> bool:
    """A discovered phrase that can be a name (not a sentence start, not too long)."""
    words = name.split()
    if not words or len(words) > 6 or len(name) < 2:
        return False
    if len(words) > 1 and words[-1].lower() in METRIC_HEAD:
        return False  # "Hybrid Accuracy": a metric or a generic phrase
    if words[0].lower() in GENERIC_FIRST and not is_shape(words[0]):
        return False
    if len(words) == 1 and len(name) < 3 and not is_shape(name):
        return False
    if _FOUR_DIGITS.search(name) and not _LETTER_DIGIT.search(name) and not _TWO_CAPS.search(name):
        return False  # years ("AIME 2024", "AMC 2023" are names: capitals before the year)
    return True


_HYPHEN_TOKEN = re.compile(rf"^[A-Za-z][\w.+]*(?:-[\w.+]+)+$")
_NAME_TAIL_WORD = re.compile(rf"-(?:{NOT_NAME_SUFFIX}|[a-z]+(?:ed|ing))$")


# "Kimi k1.5", "NeuFlow v2": a lower-case version word of a title name
_VERSION_WORD = re.compile(r"^[a-z]{1,2}\d+(?:\.\d+)*$")
# "3D-GRAND", "4D-Bench", "3DGS": a title name may open with a digit when capitals follow
_DIGIT_NAME = re.compile(r"^\d+[A-Za-z]?-?(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][\w\-.+]*$")


def title_token(prefix: str) -> str | None:
    """A one-token title name whose lower-case hyphen parts are part of it ("Learn-by-interact",
    "SWE-bench-java"), unless they only describe it ("LLM-based", "RL-driven", "VLM-guided").

    >>> title_token("Learn-by-interact"), title_token("SWE-bench-java"), title_token("LLM-based")
    ('Learn-by-interact', 'SWE-bench-java', None)
    """
    t = prefix.strip(" \t\"'“”‘’`.,;")
    if " " in t or not _HYPHEN_TOKEN.match(t) or _NAME_TAIL_WORD.search(t) or not _LOWER_TAIL.search(t):
        return None
    return t


def title_name(title: str, abstract: str, is_stop=lambda w: False) -> str | None:
    """The paper's own name from a ``Name: subtitle`` title, if it looks like a name."""
    m = _TITLE_PREFIX.match(title)
    if not m:
        return None
    name = title_token(m.group(1)) or clean_phrase(m.group(1))
    paren = _PAREN_TAIL.match(name)
    if paren:
        name = paren.group(1)
    words = name.split()
    if not plausible_name(name) or "," in name:
        return None
    if len(words) == 1:
        return name if (name[0].isupper() or is_shape(name) or _DIGIT_NAME.match(name)) else None
    if len(words) > 4 or words[0].endswith(("ing", "ly")):
        return None
    if any(not (w[0].isupper() or w[0].isdigit() or w.lower() in _JOINER_WORDS or is_shape(w) or _VERSION_WORD.match(w))
           for w in words):
        return None
    if any(is_shape(w) and not is_stop(w) for w in words) or words[-1].lower() in TYPE_NOUNS:
        return name
    flat = _BLANKS.sub(" ", name.lower())
    low = abstract.lower()
    # each blank-free piece of ``flat`` is in ``low`` when ``flat`` is in its blank-joined form:
    # str.find first (the regex over the whole abstract costs ~0.1 ms; 7% of papers get here)
    if all(piece in low for piece in flat.split(" ")) and flat in _BLANKS.sub(" ", low):
        return name
    return None


def subtitle_type(title: str) -> str | None:
    """``SoftZoo: A Soft Robot Co-design Benchmark`` -> ``Benchmark`` (first type noun)."""
    m = _SUBTITLE.search(title)
    if not m:
        return None
    first = _SUBTITLE_NOUN.search(m.group(1))
    if not first:
        return None
    w = first.group(1).lower()
    if w.startswith("benchmark") or w == "suite":
        return "Benchmark"
    if w.startswith("simulat"):
        return "Simulator"
    return "Dataset"
