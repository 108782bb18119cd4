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


# --- pre-checks: each skips a regex only where that regex cannot match ------------------------

from graphkit.extract import stages as ST  # noqa: E402
from graphkit.extract.candidates import Candidate  # noqa: E402

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=200)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(ASCII, NAMEY.filter(str.isascii)))
def test_ascii_control_check_is_the_control_regex(text):
    assert ST.has_ascii_control(text) == bool(ST._CTRL.search(text))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(NAMEY, ANY, st.lists(st.sampled_from(["\\pi", "_{0.5}", "$", "π", "τ", "-bench", " ", "x",
                                                                "\\alpha", "\\alphabet", "a.com", "@", ".io", "http://x",
                                                                "www.", "ſ"])).map("".join)))
def test_skipped_texts_hold_no_match(text):
    if ("\\" not in text or not ST._GREEK_MACRO.search(text)) and (text.isascii() or not ST._ANY_GREEK.search(text)):
        assert not ST._MATH_RUN.search(text)
    if "@" not in text and not any(t in text for t in ST._HINT_LITERALS):
        assert not ST._DOMAIN_HINT.search(text)
    assert ST.clean_text(text) == _clean_text_plain(text)


def _clean_text_plain(text: str) -> str:
    """clean_text without its shortcuts (control characters, URLs, domains: whole-text regexes)."""
    text = ST.strip_latex(ST.greek_names(ST._CTRL.sub(" ", text)))
    return ST._DOMAIN.sub(ST._blank, ST._URL.sub(ST._blank, text))


def test_latex_greek_and_urls_in_unusual_places_are_still_cleaned():
    assert ST.clean_text("$\\pi_0$ wins").split() == ["π0", "wins"]  # at the text start
    assert ST.clean_text("(\\pi_{0.5}), and τ_1.").split() == ["(π0.5),", "and", "τ1."]  # next to punctuation
    assert ST.clean_text("http://a.b/c then").split() == ["then"]
    assert ST.clean_text("see foo.github.io.").split() == ["see", "."]
    assert ST.clean_text("\x0cmail me@x.ai\x7f").split() == ["mail"]


def _votes(abstract: str, name: str) -> dict:
    st = ST.new_state("A Study", abstract)
    i = st.text.index(name)
    st.candidates = [Candidate(name, i, i + len(name), "shape")]
    ST.vote_types(st)
    return st.type_votes.get(st.candidates[0].key, {})


def test_type_noun_before_a_name_in_any_case_still_votes():
    assert _votes("Results on the BENCHMARK FooQA.", "FooQA") == {"Benchmark": 2.5}
    assert _votes("Datasets FooSet and more.", "FooSet") == {"Dataset": 2.5}
    assert _votes("We use Robots\nFooArm here.", "FooArm") == {"Robot": 2.5}
    assert _votes("A new BENCHMARK, FooEval, is hard.", "FooEval") == {"Benchmark": 2.5}
    assert _votes("We use the tool FooEval here.", "FooEval") == {}


# --- regexes whose alternatives are grouped by first letter ----------------------------------

_VERB_PLAIN = (r"(?:propos|present|introduc|develop|design|build|built|construct|creat|releas|curat|"
               r"collect|contribut|offer|describ|unveil|open-sourc|establish|formulat|deriv|call|nam|dub|term)"
               r"(?:e|es|ed|ing|s)?")
_CONTEXT_NOUN_PLAIN = re.compile(
    r"[ \t](?P<noun>benchmark|dataset|data[ \t]?set|suite|simulator|simulation platform|physics engine|"
    r"game engine|corpus|database|leaderboard|robot|robotic arm|arm|humanoid|quadruped|hand|gripper)s?\b")
WORDY = st.lists(st.sampled_from(["we ", "propose ", "proposed", "designs ", "open-sourced ", "built ", "build ",
                                  "nam", "named ", "the ", "a ", "novel ", "FooNet", "Bar-2", " (", ")", ", ", ".",
                                  "data set", " datasets", " robotic arm", " robots", " hand", "\t", "x"]),
                 max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(WORDY, NAMEY, ANY))
def test_grouped_regexes_match_as_their_plain_forms(text):
    for rx in (D.INTRO_DIRECT, D.INTRO_WORD, D.INTRO_AFTER_SUBJECT):
        assert D._INTRO_VERB in rx.pattern
        _same(re.compile(rx.pattern.replace(D._INTRO_VERB, _VERB_PLAIN)), rx, text)
    _same(_CONTEXT_NOUN_PLAIN, D.CONTEXT_NOUN, text)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(WORDY, NAMEY, ANY), cut=st.integers(0, 5))
def test_paren_names_are_the_paren_regex_matches(text, cut):
    n = len(text)
    for lo, hi in ((0, n), (min(cut, n), n), (0, max(0, n - cut))):
        assert spans(D.paren_names(text, lo, hi)) == spans(D.PAREN_NAME.finditer(text, lo, hi))


def test_paren_names_at_the_edges():
    for text in ("(FooNet)", "a (FooNet)", "a\t \t(FooNet)", "A (FooNet)", "ab (Foo) (Bar)", "x (Foo)y (Bar)"):
        for lo in range(len(text)):
            assert spans(D.paren_names(text, lo, len(text))) == spans(D.PAREN_NAME.finditer(text, lo, len(text)))


# --- the intro-verb regexes tried only where an intro verb starts (discovery.matches_at) -------

from graphkit.extract import ownership as O  # noqa: E402
from graphkit.extract import rules as R  # noqa: E402

_VERB_LED = (D.INTRO_DIRECT, O._VERB_NOUN_COMMA, O._VERB_ENUM, O._DESCRIPTOR_ACRONYM)
VERBY = st.lists(st.sampled_from(["we ", "propose ", "proposes\t", "introduce ", "open-sourced ", "built ", "nam",
                                  "named ", "the ", "a ", "novel ", "training approach, ", "FooNet", "Bar-2", " (",
                                  "(i) ", "(ii) ", ")", "(RL) ", "framework ", ", ", ".", "x", "Propose ", "-"]),
                 max_size=30).map("".join)


def _same_at(text: str, lo: int, hi: int) -> None:
    verbs = [m.start() for m in D.VERB_AT.finditer(text, lo, hi)]
    for rx in _VERB_LED:
        assert spans(D.matches_at(rx, text, verbs, hi)) == spans(rx.finditer(text, lo, hi)), rx.pattern[:40]
        first = rx.search(text, lo, hi)
        assert spans(D.matches_at(rx, text, verbs, hi, first=True)) == spans([first] if first else [])


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(VERBY, WORDY, NAMEY), cut=st.integers(0, 6))
def test_verb_led_regexes_start_only_where_an_intro_verb_starts(text, cut):
    n = len(text)
    for lo, hi in ((0, n), (min(cut, n), n), (0, max(0, n - cut))):
        _same_at(text, lo, hi)


def test_verb_led_regexes_on_real_sentences(api_dir):
    from graphkit.readers import read_paths

    papers = read_paths([api_dir]).papers[:600]
    for p in papers:
        s = ST.new_state(p.title or "", p.abstract or "")
        ST.split_sentences(s)
        d = R.Discovery(s, None)
        for i in range(len(s.starts)):  # every sentence, not only the proposing ones
            s0, s1, _ = d.sentence_verbs(i)
            _same_at(s.text, s0, s1)
            assert [m.span() for m, _ in d.intro_direct(i)] == [m.span() for m in D.INTRO_DIRECT.finditer(s.text, s0, s1)]


# --- the word set: a set lookup instead of a whole-text str.find (DocState.word_set) -----------

_WHOLE_WORD = re.compile(r"\b[a-z0-9]+(?!\w)")
WORDISH = st.lists(st.sampled_from(["we ", "this paper", "called ", "X_called ", "recalled ", "is ", "termed ",
                                    "such as ", "e.g. ", "i.e.", " on ", "benchmarks: ", "test set of ", "task of ",
                                    "collected ", "-annotated ", "Collected ", "é", "İ", "中", "_", "\t", ",", "FooNet"]),
                   max_size=25).map("".join)


def _word_gates_hold(text: str) -> None:
    s = ST.new_state("", text)
    words = s.word_set()
    for t in (s.text, s.lower):  # a whole lower-case word is in the set, in the text or in its lower case
        assert {m.group() for m in _WHOLE_WORD.finditer(t)} <= words
    for lits, t in ((D.INTRO_SUBJECTS, s.lower), (D.EXAMPLE_TRIGGERS, s.text), (D.EVAL_TRIGGERS, s.text),
                    ((", a ", ", an "), s.text)):
        assert list(D.literal_hits(t, lits, words=words)) == list(D.literal_hits(t, lits))
    if words.isdisjoint(R._CALLED_WORDS):
        assert not D.CALLED_NAME.search(s.text)
    if words.isdisjoint(O._NAMING_VERBS) or words.isdisjoint(("is", "are", "was")):
        assert not O._OWN_NAMING.search(s.text)
    for h in R._HEAD_WORDS:
        if not words.issuperset(R._HEAD_NEEDS[h]):
            assert not any(R._HEAD_LIST.match(s.text, i) for i, _ in D.literal_hits(s.text, (h,))), h
    for v in R._DATA_VERBS:
        if words.isdisjoint(R._DATA_FORMS[v]):
            assert not any(R._COLLECTED.match(s.text, i) for i, _ in D.literal_hits(s.lower, (v,))), v


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(WORDISH, NAMEY, ANY))
def test_word_gates_skip_only_what_cannot_match(text):
    _word_gates_hold(text)


def test_word_gates_on_real_abstracts(api_dir):
    from graphkit.readers import read_paths

    for p in read_paths([api_dir]).papers[:800]:
        _word_gates_hold(p.abstract or "")


def test_gazetteer_find_on_given_pieces_is_find():
    from graphkit.extract.gazetteer import Gazetteer, text_pieces

    g = Gazetteer.packaged()
    for t in ("Results on metaworld and LIBERO.", "GPT-4o, Qwen2.5-7B and ScanNet++ (中文 İBERO)", ""):
        split = text_pieces(t)
        assert g.find(t, split) == g.find(t) and text_pieces(t) == split  # (find copies the pieces)


NEWISH = st.lists(st.sampled_from(["a ", "an ", "A ", "a\t", "an  ", "new ", "novel ", "newly curated ", "newly ",
                                   "anew ", "benchmark", " dataset, ", "model ", "FooNet", "Quokka Bench", ", ", ".",
                                   "called ", "x"]), max_size=25).map("".join)


def _same_new_noun(text: str) -> None:
    got = D.matches_at(O._NEW_NOUN_NAME, text, O._new_noun_starts(text), len(text))
    assert spans(got) == spans(O._NEW_NOUN_NAME.finditer(text))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(NEWISH, NAMEY))
def test_new_noun_regex_starts_only_before_new_or_novel(text):
    _same_new_noun(text)


def test_new_noun_regex_on_real_abstracts(api_dir):
    from graphkit.readers import read_paths

    for p in read_paths([api_dir]).papers[:1500]:
        _same_new_noun(ST.new_state(p.title or "", p.abstract or "").text)


def _blank_pieces_hold(name: str, abstract: str) -> None:
    flat, low = D._BLANKS.sub(" ", name.lower()), abstract.lower()
    if flat in D._BLANKS.sub(" ", low):  # title_name's str.find pre-check never drops a hit
        assert all(piece in low for piece in flat.split(" "))


@settings(max_examples=300, deadline=None)
@given(name=st.one_of(NAMEY, WORDY), abstract=st.one_of(NAMEY, WORDY))
def test_title_name_pre_check_keeps_every_hit(name, abstract):
    _blank_pieces_hold(name, abstract)
    _blank_pieces_hold(name, name + abstract)  # (a hit for sure)
    _blank_pieces_hold(name, abstract + " - " + name.replace(" ", "\n-"))


def test_title_names_on_real_papers(api_dir):
    from graphkit.readers import read_paths

    for p in read_paths([api_dir]).papers[:1500]:
        m = D._TITLE_PREFIX.match(p.title or "")
        if m:
            _blank_pieces_hold(D.clean_phrase(m.group(1)), p.abstract or "")


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(NAMEY, ANY, st.lists(st.sampled_from([".com", ".co", ".org", ".ai", ".a", ".io", ".edu", "x",
                                                             ".", "com", "@"])).map("".join)))
def test_domain_hint_regex_is_the_hint_literals(text):
    assert bool(ST._HINT_ANY.search(text)) == any(t in text for t in ST._HINT_LITERALS)
