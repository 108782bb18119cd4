"""Bad input never crashes extraction and gives sensible output (issue 3, "Bad input")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.model import Paper


def check(result, paper):
    """Every mention slices to its own text in Paper.text; names are non-empty."""
    for e in result.entities:
        assert e.name.strip() and e.count == len(e.mentions) >= 1
        for m in e.mentions:
            assert paper.text[m.start:m.end] == m.text
            assert m.sentence >= 0


def test_empty_abstract_and_empty_title(ex):
    for p in (Paper("a", "Robix: A Unified Model", ""), Paper("b", "", ""), Paper("c", "", "We use PPO.")):
        r = ex.extract_one(p)
        check(r, p)
    assert [e.name for e in ex.extract_one(Paper("a", "Robix: A Unified Model", "")).entities] == ["Robix"]


def test_only_latex_and_urls(ex):
    p = Paper("p", "A Note", r"$\mathcal{O}(N^2)$ \cite{Foo2020} \textbf{BAR} see https://github.com/OpenRobotLab/Seer "
                             r"and www.example.com/XYZ-Net or foo.github.io \begin{equation}x\end{equation}")
    r = ex.extract_one(p)
    check(r, p)
    names = {e.name for e in r.entities}
    assert not {"OpenRobotLab", "Seer", "XYZ-Net"} & names  # nothing from inside URLs


def test_very_long_abstract_is_cut_not_crashed(ex):
    body = "We evaluate PPO on LIBERO and MuJoCo. " * 6000  # ~230,000 characters
    p = Paper("p", "Long", body)
    r = ex.extract_one(p)
    check(r, p)
    assert {"PPO", "LIBERO", "MuJoCo"} <= {e.name for e in r.entities}


def test_non_english_text(ex):
    p = Paper("p", "强化学习的机器人操作", "我们提出了一种新方法，并在LIBERO上评估。Die Methode nutzt PPO und Ïsaac Gym. "
                                           "Метод обучения с подкреплением.")
    r = ex.extract_one(p)
    check(r, p)
    assert {"LIBERO", "PPO"} <= {e.name for e in r.entities}


def test_control_characters(ex):
    p = Paper("p", "Ctrl\x00Test", "We use\x07 PPO\x1b[31m on\x0cLIBERO\x7f and \u200bGPT-4o\u0000.")
    r = ex.extract_one(p)
    check(r, p)
    assert {"PPO", "GPT-4o"} <= {e.name for e in r.entities}


def test_names_with_quotes_and_backticks(ex):
    p = Paper("p", "`Robix`: A \"Unified\" Model", "We present \"HyperNet-2\", a model called `ZapBot` and 'QuuxRL'. "
                                                   "O'Brien's method beats GPT-4o's baseline.")
    r = ex.extract_one(p)
    check(r, p)
    names = {e.name for e in r.entities}
    assert {"HyperNet-2", "ZapBot", "GPT-4o"} <= names
    assert not any(n.startswith(("`", "'", '"')) or n.endswith(("`", "'", '"')) for n in names)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=80), abstract=st.text(max_size=600))
def test_arbitrary_text_never_crashes(ex, title, abstract):
    p = Paper("p", title, abstract)
    check(ex.extract_one(p), p)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(
    ["We", "propose", "PPO", "(", ")", "LIBERO", "Meta-World", "called", "FooNet", ",", "a", "benchmark",
     "on", "and", "the", "dataset", "GPT-4o-mini", "such as", "X-1", ":", ".", "\n\n", "Open X-Embodiment", "OXE"]),
    max_size=60))
def test_arbitrary_name_soup_never_crashes(ex, words):
    p = Paper("p", " ".join(words[:5]), " ".join(words))
    check(ex.extract_one(p), p)
