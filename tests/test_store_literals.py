"""Property values and Cypher literals: the rules, and strings that round-trip through FalkorDB
exactly (quotes, backslashes, backticks, newlines, unicode) — what the cypher export relies on."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.store.embedded import EmbeddedStore
from graphkit.cypher.literals import fast_literal, literal, params_header, prop_value, props
from graphkit.store.server import EmbeddedServer


def test_property_rules():
    assert prop_value(None) is None
    assert prop_value(["a", "b"]) == ["a", "b"]
    assert prop_value([1, 2.5]) == [1.0, 2.5]  # one numeric kind
    assert prop_value([1, "a"]) == '[1, "a"]'  # mixed: JSON text
    assert prop_value([[1], [2]]) == "[[1], [2]]"
    assert prop_value({"k": 1}) == '{"k": 1}'
    assert prop_value(float("nan")) is None
    assert prop_value(2 ** 70) == str(2 ** 70)
    assert prop_value(True) is True
    assert props({"a": None, "b": 1, "label": "Paper"}, skip=("label",)) == {"b": 1}


def test_literals():
    assert literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert literal([1, 2.5, True, None]) == "[1, 2.5, true, null]"
    assert literal({"id": "x", "odd key": 1}) == '{id: "x", `odd key`: 1}'
    assert literal(1e16) == "1e16"
    assert params_header({"rows": [{"id": "p"}]}) == 'CYPHER rows=[{id:"p"}] '
    assert literal({"bad`key": 1}) == "{`bad``key`: 1}"  # openCypher: a backtick is doubled
    from graphkit.errors import GraphkitError

    with pytest.raises(GraphkitError, match="FalkorDB"):
        params_header({"v": {"bad`key": 1}})


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    store = EmbeddedStore(EmbeddedServer(tmp_path_factory.mktemp("lit") / "scratch.falkordb"))
    with store:
        yield store


text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=text)
def test_any_string_round_trips_as_literal_and_parameter(scratch, s):
    assert scratch.query(f"RETURN {literal(s)} AS s").rows == [[s]]
    assert scratch.query("RETURN $s AS s", {"s": s}).rows == [[s]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(v=st.recursive(st.none() | st.booleans() | st.integers(-2 ** 63, 2 ** 63 - 1) | text,
                      lambda c: st.lists(c, max_size=4) | st.dictionaries(
                          st.from_regex(r"[A-Za-z_][A-Za-z0-9_ ]{0,8}", fullmatch=True), c, max_size=4),
                      max_leaves=12))
def test_nested_values_round_trip(scratch, v):
    assert scratch.query(f"RETURN {literal(v)} AS v").rows == [[v]]
    assert scratch.query("RETURN $v AS v", {"v": v}).rows == [[v]]  # fast_literal


def test_fast_literal_falls_back_where_json_is_not_cypher():
    assert fast_literal({"id": "a", "n": [1, 2]}) == '{id:"a",n:[1,2]}'
    assert fast_literal({"odd key": 1}) == literal({"odd key": 1}) == "{`odd key`: 1}"
    assert fast_literal("a\x01b") == literal("a\x01b")  # JSON would write \u0001
    assert fast_literal({"k": '{"x": 1}'}) == '{k:"{\\"x\\": 1}"}'  # a key-like text inside a string
