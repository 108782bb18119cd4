"""The discovery rules: one named function each, for names that are in no list.

Each rule reads a :class:`Discovery` (the doc's state, the gazetteer and the names found
so far) and proposes names with :meth:`Discovery.add`, naming itself as the mention's
``rule`` and its type evidence as ``type_cues``. :data:`RULES` is their order;
:func:`graphkit.extract.stages.discover_names` runs them. Try one on a sentence:

>>> names(called_name, "A Study", "We build a robot agent called Robix, which plans.")
['Robix']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from graphkit.extract import discovery as D
from graphkit.extract.candidates import Candidate, DocState
from graphkit.extract.normalize import fold, singular_key
from graphkit.extract.sentences import sentence_of
from graphkit.extract.typecues import (environment_subtitle, evaluation_subtitle, method_head_first, modifier_item, nearest_eval_verb,
                                      plain_title_words, software_platform)
from graphkit.extract.vocabulary import (EVAL_SENTENCE, FRAGMENT_WORDS, LIST_HEAD_NOUNS, NOUN_MODIFIERS, TOOL_NOUN, TRAIN_SENTENCE,
                                          evaluation_noun, noun_type)

_TITLE_TAIL = re.compile(r"\b(?:with|via|using|through|by)\s+((?:[A-Z][\w\-]*\s*){1,4})$")
_JOINED = re.compile(r"(?:[ \t]+(?:of|for|with|as|to|in|from|by|on|the|a|an|via|across|over))+[ \t]+")
_TRAIN_VERB = re.compile(r"(?:pre-?)?train|fine|collect|learn")
_OUR_OR_WE = re.compile(r"\b(?:our|we)\b", re.IGNORECASE)


class Discovery:
    """What the rules share: the state, the gazetteer, and ``found`` (name -> (rule, introduced))."""

    def __init__(self, st: DocState, gaz) -> None:
        self.st, self.gaz = st, gaz
        self.text = st.text
        self.title = st.text[:st.title_end]
        self.abstract = st.text[st.title_end:]
        self.found: dict[str, tuple[str, bool]] = {}
        self.title_name: str | None = None
        self._verbs: dict[int, tuple[int, int, list[int]]] = {}
        self._intro_direct: dict[int, list[tuple[re.Match, bool]]] = {}

    def sentence_at(self, pos: int) -> int:
        return sentence_of(self.st.starts, pos)

    def sentence_verbs(self, s_i: int) -> tuple[int, int, list[int]]:
        """Sentence ``s_i``'s start, end and where an intro verb opens a regex in it
        (:func:`graphkit.extract.discovery.matches_at`), found once for every rule."""
        v = self._verbs.get(s_i)
        if v is None:
            starts, text = self.st.starts, self.text
            s0 = starts[s_i]
            s1 = starts[s_i + 1] if s_i + 1 < len(starts) else len(text)
            v = self._verbs[s_i] = (s0, s1, [m.start() for m in D.VERB_AT.finditer(text, s0, s1)])
        return v

    def intro_direct(self, s_i: int) -> list[tuple[re.Match, bool]]:
        """``INTRO_DIRECT.finditer`` over sentence ``s_i``, each match with whether the
        verb does not propose the name (:func:`~graphkit.extract.discovery.not_proposed`):
        two rules read them (intro_sentence_names, ownership.intro_coordination)."""
        out = self._intro_direct.get(s_i)
        if out is None:
            s0, s1, verbs = self.sentence_verbs(s_i)
            text = self.text
            out = self._intro_direct[s_i] = [(m, D.not_proposed(text, m.start(), m.start("name")))
                                             for m in D.matches_at(D.INTRO_DIRECT, text, verbs, s1)]
        return out

    def data_or_benchmark(self, typ: str | None, pos: int) -> str | None:
        """"Datasets" named in a sentence that reports results (and trains on nothing) are
        benchmarks: "results across four datasets (AIME24, ...)"."""
        if typ != "Dataset":
            return typ
        i = self.sentence_at(pos)
        s0 = self.st.starts[i]
        s1 = self.st.starts[i + 1] if i + 1 < len(self.st.starts) else len(self.text)
        sent = self.text[s0:s1]
        return "Benchmark" if EVAL_SENTENCE.search(sent) and not TRAIN_SENTENCE.search(sent) else typ

    def add(self, n: str, rule: str, intro: bool, typ: str | None = None, weight: float = 2.0,
            single_ok: bool = True, strong: bool = True, cue: str = "") -> None:
        """Propose name ``n`` (cleaned, checked) found by ``rule``; ``typ`` is a type vote."""
        st, gaz = self.st, self.gaz
        if rule != "title_prefix" or n != self.title_name:  # the title's name is cleaned already ("SWE-bench-java")
            raw, n = n, D.clean_phrase(n)
            if " " not in n and raw.lstrip(" \t\"'“‘`").startswith(n + "-") and not D.is_shape(n):
                return  # "Semi" of "Semi-structured": a word cut from a lower-case compound
        if not D.plausible_name(n) or gaz.is_stop(n) or (not single_ok and len(n.split()) == 1
                                                          and not D.is_shape(n)):
            return
        if n.lower() in FRAGMENT_WORDS:
            return  # "Multi", "Policy", "Law": a piece of a name, never a name
        k = singular_key(n)
        cue = cue or rule
        if rule != "title_prefix" or n != self.title_name:
            inside = next((short for short, long in st.long_forms.items() if n in long), None)
            if inside is not None:  # part of "Long Form (SHORT)": its votes go to SHORT
                if typ:
                    st.vote(inside, typ, weight, cue)
                if intro and strong and rule in _INTRO_RULES and st.long_forms[inside] == n:
                    st.intro_keys.add(inside)  # "we introduce the Improved 3D Diffusion Policy (iDP3), a ..."
                return
        if typ:
            st.vote(k, typ, weight, cue)
        if gaz.lookup(n) is not None:
            if intro and rule in _INTRO_RULES and strong:
                st.intro_keys.add(k)
            return
        if n not in self.found:
            self.found[n] = (rule, intro)
        elif intro and not self.found[n][1]:
            self.found[n] = (self.found[n][0], True)


def title_prefix(d: Discovery) -> None:
    """The paper's own name before the title's colon; a subtitle noun types it.

    >>> names(title_prefix, "JellyZoo: A Soft Robot Co-design Benchmark", "We present JellyZoo.")
    ['JellyZoo']
    """
    st = d.st
    sub = D.subtitle_type(d.title)
    if sub and method_head_first(d.title):
        sub = None  # "X: Few-Shot GUI Agent with a Demonstration Benchmark" names an agent
    st.subtitle_type = sub or ""
    tn = d.title_name = D.title_name(d.title, d.abstract, d.gaz.is_stop)
    if tn:
        st.title_key = singular_key(tn)
        if not d.gaz.is_stop(tn):
            d.add(tn, "title_prefix", True, sub or "Method", 4.0 if sub else 1.0,
                  cue="title:subtitle noun" if sub else "title:default")
            if not sub and (evaluation_subtitle(d.title) or environment_subtitle(d.title)):  # "X: Evaluating ..."
                d.st.vote(singular_key(tn), "Benchmark", 3.0, "title:evaluation subtitle")


def _title_phrases(title: str) -> list[str]:
    title = title.strip()
    out = []
    words = title.split()
    if 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words):
        out.append(title)
    m = _TITLE_TAIL.search(title)
    if m and len(m.group(1).split()) >= 2:
        out.append(m.group(1).strip())
    return out


def title_phrase(d: Discovery) -> None:
    """A title without a colon names its method as a whole or after with/via/using, and the
    abstract proposes it.

    >>> names(title_phrase, "Imitation via Procedure Cloning", "We propose procedure cloning, which ...")
    ['Procedure Cloning']
    """
    if d.title_name:
        return
    low, st = d.st.lower, d.st
    phrases = [(fold(p), p) for p in _title_phrases(d.title)]
    if any(pl in low[st.title_end:] for pl, _ in phrases):
        for m in D.INTRO_AT.finditer(low, st.title_end):
            for pl, p in phrases:
                if low.startswith(pl, m.end()) and D.AFTER_NAME.match(low, m.end() + len(pl)):
                    d.add(p, "title_phrase", True)


# the words one of which every CALLED_NAME match holds whole (\b before, a blank after)
_CALLED_WORDS = frozenset(("called", "named", "naming", "dubbed", "termed", "coined", "namely", "entitled", "codenamed",
                           "call", "term", "dub", "name"))
assert all(w in D.CALLED_NAME.pattern for w in _CALLED_WORDS)


def called_name(d: Discovery) -> None:
    """``called X`` / ``dubbed X`` / ``we term it X``; the noun before types it.

    >>> names(called_name, "A Study", "We introduce a benchmark called FooSuite for agents.")
    ['FooSuite']
    """
    text, low, st = d.text, d.st.lower, d.st
    if st.word_set().isdisjoint(_CALLED_WORDS) or not any(t in low for t in D.CALLED_TRIGGERS):
        return  # (the word set first: a set lookup for a whole-text scan, and most texts have none)
    for m in D.CALLED_NAME.finditer(text):
        s_i = d.sentence_at(m.start())
        s0 = st.starts[s_i]
        ours = s_i in st.intro_sentences or bool(_OUR_OR_WE.search(text[s0:m.end()]))
        nb = D.NOUN_BEFORE.search(text, max(s0, m.start() - 40), m.start())
        noun = nb.group("noun") if nb else None
        typ = "Simulator" if noun and noun.startswith("environment") else noun_type(noun)
        typ = (nb and evaluation_noun(text, nb.start("noun"), noun)) or typ  # "an evaluation framework called X"
        d.add(m.group("name"), "called_name", ours, typ, 1.5, cue=f"noun:{noun}" if typ else "")


def appositive_name(d: Discovery) -> None:
    """``a framework, X, which ...``.

    >>> names(appositive_name, "A Study", "We propose a framework, FlowTracer, which optimizes workflows.")
    ['FlowTracer']
    """
    for m in D.APPOS_NAME.finditer(d.text):
        d.add(m.group("name"), "appositive_name", d.sentence_at(m.start()) in d.st.intro_sentences)


def our_noun_name(d: Discovery) -> None:
    """``our method, X`` / ``our benchmark X``: introduced, typed by the noun.

    >>> names(our_noun_name, "A Study", "Experiments show that our benchmark RoboWombat is hard.")
    ['RoboWombat']
    """
    if "our " not in d.st.lower:
        return
    for m in D.OUR_NAME.finditer(d.text):
        noun = m.group("noun")
        typ = "Simulator" if noun.startswith("environment") else noun_type(noun)
        d.add(m.group("name"), "our_noun_name", True, typ, 2.0, cue=f"noun:our {noun}")


# "we introduce RoboDual, a ..." / "we introduce the Improved 3D Diffusion Policy (iDP3), a novel ..."
_DEFINED_AFTER = re.compile(r"(?:[ \t]*\([^()]{1,30}\))?,[ \t]+(?:a|an|the|our|which|one[ \t]+of)[ \t]")


def intro_sentence_names(d: Discovery) -> None:
    """In a sentence that proposes something: ``we propose X``, ``X, a ...``, ``... (X)``.

    >>> names(intro_sentence_names, "A Study", "We propose RoboQuokka, a world model for robots.")
    ['RoboQuokka']
    """
    st, text = d.st, d.text
    shorts = [(c.start, c.end) for c in st.candidates if c.source == "abbreviation" and c.key in st.long_forms]
    for s_i in sorted(st.intro_sentences):
        s0 = st.starts[s_i]
        s1 = st.starts[s_i + 1] if s_i + 1 < len(st.starts) else len(text)
        for m, used in d.intro_direct(s_i):  # = D.INTRO_DIRECT.finditer(text, s0, s1)
            # "we build on X", "we present results on X": X is used, not proposed
            own = not used  # = not D.not_proposed(text, m.start(), m.start("name"))
            # "we introduce RoboDual, a ...": a definition, so a known name is introduced too
            d.add(m.group("name"), "intro_direct", own, strong=own and bool(_DEFINED_AFTER.match(text, m.end())))
        for i, _ in D.literal_hits(text, (", a ", ", an "), s0, s1, words=st.word_set()):
            m = D.NAME_BEFORE.search(text, max(s0, i - 80), i)
            if m:
                d.add(m.group("name"), "intro_apposition", True, strong=False, single_ok=False)
        for m in D.paren_names(text, s0, s1):
            if D.is_shape(m.group("name")) and not any(m.start() < a <= m.end() + 1 for a, _ in shorts):
                d.add(m.group("name"), "intro_paren", True, strong=False, single_ok=False)
        m = D.SENTENCE_START_NAME.match(text, s0, s1)
        if m:
            d.add(m.group("name"), "intro_sentence_start", True)


def context_noun_list(d: Discovery) -> None:
    """``the X and Y benchmarks``: a list before a type noun, typed by it.

    >>> names(context_noun_list, "A Study", "Results on the FooWorld and BarNav benchmarks improve.")
    ['FooWorld', 'BarNav']
    """
    text, st = d.text, d.st
    for m in D.CONTEXT_NOUN.finditer(text):
        s = m.start()
        for _ in range(3):  # "... and TVQA short video benchmarks": skip the noun's modifiers
            w0 = max(text.rfind(" ", 0, s), text.rfind("\t", 0, s)) + 1
            w = text[w0:s]
            if w0 <= 0 or not (w.lower() in NOUN_MODIFIERS or (w.islower() and "-" in w.strip("-"))):
                break
            s = w0 - 1
        lo = max(0, s - 120)
        # the list's last name holds a capital or a digit, in the run of non-blanks before s
        if not D.CAP_OR_DIGIT.search(text, max(lo, text.rfind(" ", lo, s) + 1, text.rfind("\t", lo, s) + 1), s):
            continue
        lb = D.LIST_BEFORE.search(text, lo, s)
        if not lb:
            continue
        noun = m.group("noun")
        typ = d.data_or_benchmark(noun_type(noun) or "Robot", s)
        at_start = lb.start() in st.starts
        items = D.LIST_SPLIT.split(lb.group("list"))
        for item in items:
            if at_start and item is items[0]:
                # "Gains on the MSVD, ..." opens the sentence: the name is after the last joiner
                item = _JOINED.split(item)[-1]
                if not D.is_shape(item.split()[0] if item.split() else item):
                    continue
            glued = modifier_item(item)  # "Internet-scale datasets", "LIBERO-based benchmark"
            if glued == "skip":
                continue
            d.add(D.list_item(item), "context_noun_list", False, None if glued else typ, 2.0, single_ok=typ != "Robot",
                  cue=f"noun after:{noun}")


def example_list(d: Discovery) -> None:
    """``baselines such as X, Y and Z``: typed by the noun before the trigger.

    >>> names(example_list, "A Study", "We compare with strong baselines such as FooNet, BarNet and BazNet.")
    ['FooNet', 'BarNet', 'BazNet']
    """
    text = d.text
    for i, j in D.literal_hits(text, D.EXAMPLE_TRIGGERS, words=d.st.word_set()):
        m = D.LIST_AT.match(text, j)
        if not m or not m.group("list"):
            continue
        nb = D.NOUN_BEFORE.search(text, max(0, i - 40), i)
        noun = nb.group("noun").lower() if nb else ""
        if TOOL_NOUN.match(noun):
            continue  # "libraries such as NumPy": tools are not entities
        typ = d.data_or_benchmark(noun_type(noun), i)
        if nb and software_platform(noun, text, nb.start()):
            typ = None  # "platforms like ComfyUI": software, no robot
        items = D.LIST_SPLIT.split(m.group("list"))
        for item in items:
            d.add(D.list_item(item), "example_list", False, typ, 2.0, single_ok=len(items) > 2, cue=f"noun before:{noun}")


_HEAD_LIST = re.compile(rf"\b(?P<noun>{'|'.join(LIST_HEAD_NOUNS)})(?P<sep>[ \t]*(?::|\(|--|—|–|[ \t]of\b|,[ \t]*(?:namely|"
                        rf"i\.e\.|e\.g\.),?)|(?=[ \t]+[A-Z]))"
                        # "the Temporal Reasoning task of Video-MME": a part of a benchmark
                        rf"|\b(?P<part>task|subset|split|track|leaderboard|test set)[ \t]+(?P<sep2>of)\b")


_HEAD_WORDS = LIST_HEAD_NOUNS + ("task ", "subset ", "split ", "track ", "leaderboard ", "test set ")
_HEAD_NEEDS = {h: tuple(h.split()) for h in _HEAD_WORDS}  # the words a _HEAD_LIST match at a hit of h holds whole


def noun_then_list(d: Discovery) -> None:
    """A plural type noun, then its names: ``benchmarks of MMBench, SEEDBench and MMStar``,
    ``datasets: X and Y``, ``benchmarks (X, Y)``.

    >>> names(noun_then_list, "A Study", "Gains on multimodal benchmarks of FooBench, BarVQA and BazEval.")
    ['FooBench', 'BarVQA', 'BazEval']
    """
    text = d.text
    words = d.st.word_set()  # _HEAD_LIST takes each noun whole (a blank or punctuation after it): skip absent ones
    heads = [h for h in _HEAD_WORDS if words.issuperset(_HEAD_NEEDS[h])]
    for i, _ in D.literal_hits(text, heads):  # str.find first: the regex only where a noun is
        h = _HEAD_LIST.match(text, i)
        if h is None:
            continue
        m = D.LIST_AT.match(text, h.end())
        if not m or not m.group("list"):
            continue
        noun = h.group("noun") or h.group("part")
        typ = "Benchmark" if h.group("part") else d.data_or_benchmark(noun_type(noun), h.start())
        items = D.LIST_SPLIT.split(m.group("list"))
        strong = h.group("part") is not None or (h.group("sep") or "").strip()[:1] in (":", "(", "-", "—", "–")
        for item in items:
            d.add(D.list_item(item), "noun_then_list", False, typ, 2.0, single_ok=len(items) > 1 or strong,
                  cue=f"noun then list:{noun}")


_ON_X = re.compile(rf"On[ \t]+(?:the[ \t]+)?(?P<list>{D.NAME}(?:[ \t]+and[ \t]+{D.NAME})?),")


def eval_list(d: Discovery) -> None:
    """``evaluated on X and Y`` -> Benchmark; ``trained on X`` -> Dataset.

    >>> names(eval_list, "A Study", "Our agent is evaluated on FooArena and BarQA with gains. On ZooLogic, it wins.")
    ['FooArena', 'BarQA', 'ZooLogic']
    """
    text, st = d.text, d.st
    for i, j in D.literal_hits(text, D.EVAL_TRIGGERS, words=st.word_set()):
        m = D.EVAL_AT.match(text, j)
        if not m:
            continue
        verb = nearest_eval_verb(text, max(st.starts[d.sentence_at(i)], i - 80), i)  # the nearest verb governs
        if not verb:
            continue
        verb = verb.lower()
        typ = "Dataset" if _TRAIN_VERB.match(verb) else "Benchmark"
        items = D.LIST_SPLIT.split(m.group("list"))
        for item in items:
            item = D.list_item(item)
            if i < st.title_end and plain_title_words(item):
                continue  # "Evaluating VLMs in Multi-Agent Environments": title case is no name
            d.add(item, "eval_list", False, typ, 1.2, single_ok=len(items) > 1, cue=f"context:{verb} on")
    for s0 in st.starts[1:]:  # "On ZebraLogic, ScPO ...": a sentence opening with "On X," reports results on X
        if text.startswith("On ", s0):
            m = _ON_X.match(text, s0)
            if m:
                for item in D.LIST_SPLIT.split(m.group("list")):
                    d.add(D.list_item(item), "eval_list", False, "Benchmark", 1.2, cue="context:On X,")


_COLLECTED = re.compile(rf"(?:collect|curat|record|annotat|crawl|scrap|gather)(?:e|es|ed|ing)?[ \t]+"
                        rf"(?:(?:a|an|the|our)[ \t]+)?(?:(?:new|large-scale|novel|real-world)[ \t]+)?(?P<name>{D.NAME})")


_DATA_VERBS = ("collect", "curat", "record", "annotat", "crawl", "scrap", "gather")
_DATA_FORMS = {v: tuple(v + e for e in ("", "e", "es", "ed", "ing")) for v in _DATA_VERBS}  # = _COLLECTED's endings


def collected_name(d: Discovery) -> None:
    """``we collected X`` / ``curating X``: the object of a data verb is a Dataset.

    >>> names(collected_name, "A Study", "We collected RoboMind-X over six months.")
    ['RoboMind-X']
    """
    words = d.st.word_set()  # _COLLECTED takes the verb whole (stem, ending, a blank): skip absent stems
    for i, _ in D.literal_hits(d.st.lower, [v for v in _DATA_VERBS if not words.isdisjoint(_DATA_FORMS[v])]):
        if i and d.text[i - 1] == "-":
            continue  # "a human-annotated benchmark": a compound adjective, no data verb
        m = _COLLECTED.match(d.text, i)
        if m is None:
            continue
        d.add(D.list_item(m.group("name")), "collected_name", d.sentence_at(m.start()) in d.st.intro_sentences,
              "Dataset", 1.5, single_ok=D.is_shape(m.group("name").split()[0]), cue="context:collected X")


RULES: list[Callable[[Discovery], None]] = [
    title_prefix, title_phrase, called_name, appositive_name, our_noun_name, intro_sentence_names,
    context_noun_list, noun_then_list, example_list, eval_list, collected_name,
]
_INTRO_RULES = {"title_prefix", "title_phrase", "called_name", "appositive_name", "our_noun_name", "intro_direct",
                "intro_apposition", "intro_paren", "intro_sentence_start"}


def special_token(text: str, start: int, end: int) -> bool:
    """A token in angle brackets is a model's special token, no name: "a dedicated <ACTOR> token".

    >>> t = "align a dedicated <ACTOR> token"; special_token(t, 19, 24)
    True
    """
    return start > 0 and text[start - 1] == "<" and text.startswith(">", end)


def token_shape(st: DocState, gaz) -> None:
    """Name-shaped tokens: CamelCase, inner capitals, a capital and a digit (``OptoPrime``, ``GPT-4o``).

    >>> st = _state("A Study", "We fine-tune OptoPrime and the new PPO-style loss.")
    >>> token_shape(st, st.gazetteer); [c.text for c in st.candidates]
    ['OptoPrime', 'PPO']
    """
    text = st.text
    shape_name, cache = gaz.shape_name, gaz._shape_cache
    starts, cands = st.starts, st.candidates
    for m in D.shape_tokens(text):
        t = m.group()
        tok = cache.get(t, False)
        if tok is False:
            tok = shape_name(t)
        if tok and not special_token(text, m.start(), m.end()):
            c = Candidate(tok, m.start(), m.start() + len(tok), "shape", rule="token_shape")
            c.sentence = bisect_right(starts, c.start) - 1
            cands.append(c)


def _state(title: str, abstract: str) -> DocState:
    """A state with sentences and the packaged gazetteer (for examples and tests)."""
    from graphkit.extract.gazetteer import Gazetteer
    from graphkit.extract.stages import new_state, split_sentences

    st = new_state(title, abstract)
    st.gazetteer = Gazetteer.packaged()
    split_sentences(st)
    return st


def names(rule: Callable[[Discovery], None], title: str, abstract: str) -> list[str]:
    """The names ``rule`` alone proposes on a title and abstract (examples, unit tests)."""
    st = _state(title, abstract)
    d = Discovery(st, st.gazetteer)
    rule(d)
    return list(d.found)


# the coarse source each rule's mentions carry (ranks overlaps, see candidates.SOURCE_RANK)
RULE_SOURCE = {"title_prefix": "title", "title_phrase": "title", "context_noun_list": "context",
               "noun_then_list": "context", "collected_name": "context",
               "example_list": "context", "eval_list": "context"}
RULE_SOURCE.update({r: "intro" for r in _INTRO_RULES if r not in RULE_SOURCE})
