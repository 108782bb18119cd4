"""Type cues read from a name's context: which verb governs "on X", evaluation wording.

Small named helpers the discovery rules (:mod:`graphkit.extract.rules`) and the vote
stages (:mod:`graphkit.extract.stages`) call; each serves one typing error class.

>>> nearest_eval_verb("We train on FooSet and achieve 61.2 on BarQA", 0, 41)
'achieve'
"""

from __future__ import annotations

import re

from graphkit.extract import discovery as D

_TAIL = r"(?:[^.;]|\.\d)*$"
assert D.EVAL_VERB.pattern.endswith(_TAIL)
# the verbs of discovery.EVAL_VERB, without its "no full stop up to the end" tail
_VERB_WORD = re.compile(D.EVAL_VERB.pattern[:-len(_TAIL)], re.IGNORECASE)
_STOP = re.compile(r"[.;](?!\d)")


def nearest_eval_verb(text: str, lo: int, hi: int) -> str | None:
    """The verb closest before ``hi`` (in ``text[lo:hi]``, no full stop after it) that says
    what is done "on X": the nearest one governs, so in "trained on Y and achieves 61.2 on
    X" X is reported on (a benchmark), Y trained on (a dataset).

    >>> nearest_eval_verb("policies trained on FooSet reach 80% on", 0, 39)
    'reach'
    >>> nearest_eval_verb("We evaluate policies trained on", 0, 31)
    'trained'
    >>> nearest_eval_verb("Results are good. We run on", 0, 27) is None
    True
    """
    last = None
    for m in _VERB_WORD.finditer(text, lo, hi):
        last = m
    if last is None or _STOP.search(text, last.end(), hi):
        return None
    return last.group("verb")


_PREP_BEFORE = re.compile(r"\b(?:on|in|across|over|for|from|with|at|to|under|of|using)\s+$", re.IGNORECASE)
_CLAUSE_AFTER = re.compile(r"\s+(?!(?:which|that|and|or|is|was|are|were|has|have|the)\b)[a-z]")


def subject_after_adverbial(text: str, np_start: int, name_end: int) -> bool:
    """True when "<prep> the X benchmark, NAME verb ..." is an adverbial phrase then the
    clause's subject: the type noun belongs to X, not to NAME ("On the ImageNet-256
    benchmark, RAR achieves ..."; "evaluated on the EgoExo4D dataset, SkillFormer achieves").
    An apposition ("with a synthetic dataset, AutoScholarQuery, which ...") is not one.

    >>> t = "On the FooNet-256 benchmark, BarGen achieves an FID of 1.48."
    >>> subject_after_adverbial(t, 3, 35)
    True
    >>> t = "We train with a synthetic dataset, QuokkaQuery, which has 35k queries."
    >>> subject_after_adverbial(t, 13, 46)
    False
    """
    return bool(_PREP_BEFORE.search(text, max(0, np_start - 12), np_start)) and \
        bool(_CLAUSE_AFTER.match(text, name_end))


_EVAL_GERUND = r"(?:Evaluating|Benchmarking|Assessing|Measuring|Probing|Diagnosing|Testing|Quantifying|Auditing|Stress-Testing)"
_EVAL_SUBTITLE = re.compile(
    rf"^[^:]{{1,60}}:\s+(?:Towards?\s+)?(?:{_EVAL_GERUND}\b(?!\s+and\s+(?!{_EVAL_GERUND})[A-Z]\w*ing\b)"
    # "A Holistic Evaluation of ...", "Long-Context Evaluation Beyond ...", "Any-to-Any Evaluations from ..."
    r"|(?:(?:A|An|The)\s+)?(?:[\w\-]+\s+){0,3}?Evaluations?(?=\s+(?:of|for|in|on|from|beyond|across|to|with)\b|\s*$))")


def evaluation_subtitle(title: str) -> bool:
    """A ``Name: subtitle`` title whose subtitle says the paper evaluates something
    ("Evaluating ...", "Benchmarking ...", "A Holistic Evaluation of ..."): the name is a
    benchmark. "Evaluating and Enhancing ..." (also a method) does not count.

    >>> evaluation_subtitle("QuokkaBench: Evaluating LLM Agents for Event Forecasting")
    True
    >>> evaluation_subtitle("ProteinZoo: A Holistic Evaluation of Protein Foundation Models")
    True
    >>> evaluation_subtitle("Quokka-R1: Evaluating and Enhancing Financial Reasoning in LLMs")
    False
    >>> evaluation_subtitle("Quokka Mini: A General Purpose Evaluation Model")
    False
    """
    return bool(_EVAL_SUBTITLE.match(title))


def plain_title_words(phrase: str) -> bool:
    """True when no word of ``phrase`` has a name's shape (inner capitals, a capital and a
    digit): in a title every word is capitalised, so "Evaluating VLMs in Multi-Agent
    Environments" names no benchmark "Multi-Agent Environments".

    >>> plain_title_words("Multi-Agent Environments"), plain_title_words("Machine Learning Engineering")
    (True, True)
    >>> plain_title_words("WebShopX"), plain_title_words("ALFWorld Tasks")
    (False, False)
    """
    return not any(D.is_shape(w) for w in phrase.split())


_SUB = re.compile(r"(?::|\s--?\s|\s—\s|\.\s)(.*)$")  # = discovery._SUBTITLE
_METHOD_HEAD = re.compile(r"\b(?:models?|agents?|polic(?:y|ies)|methods?|approach|architecture|algorithm|planner|controller)"
                          r"(?=\s*(?:[,&\-]|\band\b|\bwith\b|\bfor\b|\bvia\b))", re.IGNORECASE)
_TYPE_NOUN = re.compile(r"\b(?:benchmark(?:s|ing)?|dataset|data\s?set|corpus|simulator|simulation platform|suite)\b",
                        re.IGNORECASE)  # = discovery._SUBTITLE_NOUN


def method_head_first(title: str) -> bool:
    """True when the subtitle's first noun phrase is headed by a method noun before any
    benchmark/dataset noun: "LearnAct: Few-Shot Mobile GUI Agent with a Unified Demonstration
    Benchmark" names an agent (the benchmark is a second contribution).
    A modifier ("Agent Data Science Code Generation Benchmark") is no head.

    >>> method_head_first("WombatAct: Few-Shot GUI Agent with a Unified Demonstration Benchmark")
    True
    >>> method_head_first("QuokkaDrone: A VLA Model and Evaluation Benchmark for UAVs")
    True
    >>> method_head_first("DA-Wombat: Agent Data Science Code Generation Benchmark for LLMs")
    False
    """
    m = _SUB.search(title)
    if not m:
        return False
    sub = m.group(1)
    n = _TYPE_NOUN.search(sub)
    return bool(n and _METHOD_HEAD.search(sub, 0, n.start()))


_NP_END = (r"(?=\s*(?:[,.;:()]|$)|\s+(?:of|for|that|which|with|to|in|on|comprising|consisting|containing|built|"
           r"designed|based|featuring|covering|spanning|and|where|from|by|capable|tailored|including|is|was|\w+ing)\b)")
_EXTRA_APPOSITIVE = re.compile(
    r"\s*(?:\([^()]{1,90}\)\s*)?,\s+(?:a|an|the|our)\s+(?:[\w\-]+,?\s+){0,5}?(?:"
    # "X, a comprehensive evaluation framework", "X, an open benchmarking platform"
    # ("a GUI testing tool", "a diagnostic tool", "an LLM evaluation system" are often methods: not here)
    r"(?P<eval>(?:evaluation|benchmarking|assessment)\s+(?:[\w\-]+\s+)?(?:framework|platform|suite|"
    r"toolkit|harness|environment|protocol|testbed|arena)s?)" + _NP_END +
    # "X, a framework for evaluating ...", "X, a platform designed to assess ..."
    r"|(?P<eval2>(?:framework|platform|suite|environment|toolkit|testbed)s?)\s+(?:(?:designed|built|developed|"
    r"intended|tailored)\s+)?(?:for|to)\s+(?:\w+ly\s+)?(?:evaluat|assess|benchmark|measur|test|diagnos)\w*"
    # "X, the first multimodal soccer knowledge base", "X, a database of ..."
    r"|(?P<data>knowledge\s+(?:base|graph)|database|(?:large\s+)?collection\s+of|repository\s+of)" + _NP_END +
    # "X, a GPU-accelerated simulation framework", "X, a game engine"
    r"|(?P<sim>(?:simulation|physics)\s+(?:framework|engine|platform|library)|game\s+engine)" + _NP_END + r")",
    re.IGNORECASE)
_EXTRA_TYPES = {"eval": ("Benchmark", 3.0), "eval2": ("Benchmark", 3.0), "data": ("Dataset", 2.0),
                "sim": ("Simulator", 2.0)}


def extra_appositive_type(text: str, end: int) -> tuple[str, float, str] | None:
    """(type, weight, head) that an appositive after a name at ``end`` gives it, for the
    heads the general appositive rule (:func:`graphkit.extract.stages.vote_appositives`)
    types as a method or not at all: evaluation frameworks and platforms are benchmarks,
    knowledge bases and databases are datasets, simulation frameworks are simulators.

    >>> t = "We present WombatEval, a comprehensive evaluation framework for agents."
    >>> extra_appositive_type(t, 21)
    ('Benchmark', 3.0, 'evaluation framework')
    >>> t = "We build QuokkaWiki, the first large-scale multimodal soccer knowledge base, with..."
    >>> extra_appositive_type(t, 19)[:2]
    ('Dataset', 2.0)
    >>> t = "We present NumbatDrive, a GPU-accelerated multi-agent simulation framework that runs fast."
    >>> extra_appositive_type(t, 22)[:2]
    ('Simulator', 2.0)
    >>> extra_appositive_type("We propose WombatNet, a framework for planning.", 20) is None
    True
    """
    m = _EXTRA_APPOSITIVE.match(text, end, min(len(text), end + 200))
    if not m:
        return None
    kind = next(k for k in _EXTRA_TYPES if m.group(k))
    typ, w = _EXTRA_TYPES[kind]
    return typ, w, " ".join(m.group(kind).lower().split())


def vote_extra_appositives(st) -> None:
    """Votes of :func:`extra_appositive_type` for every discovered (not listed) mention."""
    text = st.text
    n = len(text)
    for c in st.candidates:
        if c.source == "gazetteer" or c.end >= n or text[c.end] not in ", (\t\n":
            continue
        hit = extra_appositive_type(text, c.end)
        if hit:
            st.vote(c.key, hit[0], hit[1], f"apposition:{hit[2]}")


_ROBOT_WORD = re.compile(r"(?:robot\w*|hardware|legged|humanoid|quadruped|mobile|manipulat\w*|physical|embodied)\s+$",
                         re.IGNORECASE)


def software_platform(noun: str, text: str, noun_start: int) -> bool:
    """True when ``noun`` is "platform(s)" without a robot word before it: "platforms like
    ComfyUI" are software, "robot platforms such as ..." hardware.

    >>> t = "on platforms like QuokkaUI and on robot platforms such as WombatArm"
    >>> software_platform("platforms", t, 3), software_platform("platforms", t, 40)
    (True, False)
    """
    return noun.startswith("platform") and not _ROBOT_WORD.search(text, max(0, noun_start - 30), noun_start)


_METHOD_PART = re.compile(r"^(?:Agent|Model|Policy|Net|GPT|LM|LLM|VLM|VLA|R1|Zero|Coder|Instruct|Chat|RM|PRM|ORM|Judge|"
                          r"Planner|Critic|Reasoner|Verifier|Solver|Searcher|Tuning|Tuned|SFT|RL|DPO|PPO|GRPO|Base|"
                          r"Mini|Pro|Max|Plus|Lite|Flash|Turbo|Large|Small|Tiny|\d+(?:\.\d+)?[BbMm])\b")
FAMILY_WEIGHT = 1.5


def inherit_family_types(ents: list) -> None:
    """A name found only by its shape, with nothing but the default vote, that extends
    another entity of the paper by a hyphen part takes that entity's type: "MAT-Search"
    and "MAT-Coding" are settings of the MAT benchmark; "MO-Gymnasium" is a Gymnasium. Method-like parts ("-Agent",
    "-R1", "-7B") stay methods (an agent named after its benchmark).

    >>> from graphkit.model import ExtractedEntity as E
    >>> es = [E("WAT", "Benchmark"), E("WAT-Search", "Method", source="shape", type_votes={"Method": 0.9}),
    ...       E("WAT-Agent", "Method", source="shape", type_votes={"Method": 0.9})]
    >>> inherit_family_types(es); [(e.name, e.type) for e in es]
    [('WAT', 'Benchmark'), ('WAT-Search', 'Benchmark'), ('WAT-Agent', 'Method')]
    >>> es = [E("Gymwombat", "Simulator"), E("MO-Gymwombat", "Method", source="context", type_votes={"Method": 0.9})]
    >>> inherit_family_types(es); es[1].type
    'Simulator'
    """
    typed = {e.name: e.type for e in ents if e.type in ("Benchmark", "Dataset", "Simulator", "Robot")}
    if not typed:
        return
    for e in ents:
        if e.type != "Method" or e.source not in ("shape", "context") or set(e.type_votes) != {"Method"} \
                or e.type_votes["Method"] > 1.0 or "-" not in e.name:
            continue
        head, _, part = e.name.rpartition("-")
        while head and head not in typed and "-" in head:
            head, _, part = head.rpartition("-")
        t = typed.get(head)
        if t is None or not part or _METHOD_PART.match(e.name[len(head) + 1:]):
            # "MO-Gymnasium": a prefixed form of a simulator or benchmark of the paper
            head = next((n for n in typed if e.name.endswith("-" + n) and typed[n] in ("Simulator", "Benchmark")), None)
            t = typed.get(head) if head else None
            if t is None:
                continue
        e.type = t
        e.type_votes[t] = FAMILY_WEIGHT
        cue = f"family of:{head}->{t}"
        for m in e.mentions:
            if cue not in m.type_cues:
                m.type_cues.append(cue)


def vote_once(st, key: str, typ: str, weight: float, cue: str) -> None:
    """``st.vote`` unless ``key`` already holds this cue: one piece of evidence repeated
    ("variant of:Tesla Optimus" at each of five mentions of "Optimus-1") counts once, so
    a name's frequency does not outvote its title or its appositive.

    >>> from graphkit.extract.candidates import DocState
    >>> st = DocState("x", 0)
    >>> for _ in range(3): vote_once(st, "optimus1", "Robot", 1.2, "variant of:Optimus")
    >>> st.type_votes
    {'optimus1': {'Robot': 1.2}}
    """
    if f"{cue}->{typ}" in st.cues.get(key, ()):
        return
    st.vote(key, typ, weight, cue)


def variant_weight(typ: str) -> float:
    """The (once per name) vote a variant of a listed name gives the list's type: above a
    title's default Method vote ("LiveCodeBench Pro: How Do ..." stays a benchmark), except
    for robots, whose names rarely take hyphen versions ("Optimus-1", "Atlas-Chat" agents).

    >>> variant_weight("Benchmark"), variant_weight("Robot")
    (2.0, 1.2)
    """
    return 1.2 if typ == "Robot" else 2.0


_DEGREE_TAIL = re.compile(r"-(?:scale|level|sized?|grade|scaled|wide|class)$", re.IGNORECASE)
_LOWER_HYPHEN_TAIL = re.compile(r"(?<=\w)-[a-z]+$")


def modifier_item(item: str) -> str | None:
    """How a list item glued to a lower-case adjective before a type noun counts:
    "Internet-scale datasets", "Olympiad-Level Math Benchmark" -> ``"skip"`` (a degree,
    no name); "LIBERO-based benchmark" -> ``"untyped"`` (LIBERO is mentioned, but the noun
    is another thing's); otherwise None.

    >>> modifier_item("Internet-scale"), modifier_item("Olympiad-Level"), modifier_item("WombatLM-based")
    ('skip', 'skip', 'untyped')
    >>> modifier_item("QuokkaBench") is None
    True
    """
    item = item.strip()
    if _DEGREE_TAIL.search(item):
        return "skip"
    if _LOWER_HYPHEN_TAIL.search(item):
        return "untyped"
    return None


_NOUN_PAREN = re.compile(r"\b(benchmark|dataset|corpus|simulator|suite|testbed)s?\s*\(\s*$")  # lower case: no part of a name


def vote_noun_paren(st) -> None:
    """"a large-scale multi-view video dataset (MV-Video)": a name in parentheses right
    after a type noun is that type (the abbreviation rule does not see it when the name
    is no acronym of the words before).

    >>> from graphkit.extract.candidates import Candidate
    >>> from graphkit.extract.stages import new_state
    >>> st = new_state("A Study", "We collect a multi-view video dataset (MV-Wombat) of scenes.")
    >>> st.candidates = [Candidate("MV-Wombat", 48, 57, "shape")]
    >>> vote_noun_paren(st); st.type_votes
    {'mvwombat': {'Dataset': 2.0}}
    """
    text = st.text
    for c in st.candidates:
        if c.source == "gazetteer" or c.start < 3 or text[c.end:c.end + 1] != ")":
            continue
        m = _NOUN_PAREN.search(text, max(0, c.start - 20), c.start)
        if m:
            from graphkit.extract.vocabulary import noun_type

            st.vote(c.key, noun_type(m.group(1)), 2.0, f"noun (name):{m.group(1).lower()}")


# ("GPT-4 scores 80%", "X scores an average of": the verb, not the noun)
_METRIC_AFTER = re.compile(r"\s+(?:(?P<score>score|scores(?!\s+(?:\d|an?\b|the\b|only|just|over|above|below|nearly|around|"
                           r"about|up|higher|lower|high|low|well|poorly|best|highest|worst|lowest|top|first|second|close|"
                           r"comparabl|competitiv|significant|substantial|better|worse))|metrics?)\b|of\s+(?:only\s+|just\s+)?(?P<num>\d+(?:\.\d+)?)(?![\w.]*\s*(?:B|M|K|k|billion|million|parameters|params|tokens|layers)\b))")


def vote_metric_use(st) -> None:
    """A discovered name used as a measure is a metric, no entity (GUIDELINES): "achieving
    WR of 90%", "a cIoU of 68.9", "propose the DBG score". The vote (2.0 for "of <number>",
    1.5 for "score") loses to a name's shape or a typing context ("FooBench score of 80").

    >>> from graphkit.extract.candidates import Candidate
    >>> from graphkit.extract.stages import new_state
    >>> st = new_state("A Study", "GoalWombat achieved PDMS of 90.3 and a QBS score. Wombat-7B scores 80%.")
    >>> st.candidates = [Candidate("PDMS", 29, 33, "shape"), Candidate("QBS", 48, 51, "shape"),
    ...                  Candidate("Wombat-7B", 59, 68, "shape")]
    >>> vote_metric_use(st); st.type_votes
    {'pdms': {'-': 2.0}, 'qbs': {'-': 1.5}}
    """
    from graphkit.extract.vocabulary import NOT_ENTITY

    text = st.text
    for c in st.candidates:
        if c.source not in ("shape", "context", "intro", "abbreviation") or c.introduced:
            continue
        m = _METRIC_AFTER.match(text, c.end, c.end + 40)
        if m:
            st.vote(c.key, NOT_ENTITY, 2.0 if m.group("num") else 1.5, "metric use")
