"""How node kinds and edge types look: colours, shapes, edge styles (one place, used by
the payload and the legend).

>>> node_kind({"label": "Entity", "type": "Dataset"})
'Dataset'
>>> NODE_STYLES["Paper"]["color"]
'#4C78A8'
"""

from __future__ import annotations

from graphkit.model import ALL_ENTITY_TYPES

NODE_KINDS: tuple[str, ...] = ("Paper",) + ALL_ENTITY_TYPES
"""The filterable node kinds, in legend order: papers, then each entity type."""

NODE_STYLES: dict[str, dict] = {
    "Paper": {"color": "#4C78A8", "shape": "square"},
    "Method": {"color": "#F58518", "shape": "dot"},
    "Benchmark": {"color": "#54A24B", "shape": "triangle"},
    "Dataset": {"color": "#B279A2", "shape": "diamond"},
    "Robot": {"color": "#E45756", "shape": "star"},
    "Simulator": {"color": "#2BA0A0", "shape": "hexagon"},
    "Topic": {"color": "#C9A227", "shape": "dot"},
    "Other": {"color": "#8C8C8C", "shape": "dot"},
}

EDGE_STYLES: dict[str, dict] = {
    "MENTIONS": {"color": "#9AA5B1", "width": 0.6, "dashes": False, "arrows": False,
                 "label": "paper mentions entity"},
    "INTRODUCES": {"color": "#D9480F", "width": 2.0, "dashes": False, "arrows": True,
                   "label": "paper introduces entity"},
    "RELATED": {"color": "#74A9CF", "width": 0.8, "dashes": [6, 6], "arrows": False,
                "label": "papers sharing entities"},
    "CO_OCCURS": {"color": "#C7B9A6", "width": 0.5, "dashes": [2, 5], "arrows": False,
                  "label": "entities mentioned together"},
    "BUILDS_ON": {"color": "#6A3D9A", "width": 1.6, "dashes": False, "arrows": True,
                  "label": "paper builds on paper (inferred)"},
    "CITES": {"color": "#222222", "width": 1.4, "dashes": False, "arrows": True,
              "label": "paper cites paper"},
    "Other": {"color": "#BBBBBB", "width": 0.6, "dashes": False, "arrows": False, "label": ""},
}

EDGE_TYPES: tuple[str, ...] = tuple(t for t in EDGE_STYLES if t != "Other")

LAYOUT_WEIGHTS: dict[str, float] = {
    "MENTIONS": 1.0, "INTRODUCES": 0.5, "RELATED": 0.1, "CO_OCCURS": 0.05,
    "BUILDS_ON": 0.5, "CITES": 0.5,
}
"""Spring strength per edge type in the layout (INTRODUCES always doubles a MENTIONS)."""

HIDDEN_BY_DEFAULT: frozenset[str] = frozenset({"CO_OCCURS"})
"""Edge types drawn only when their checkbox is ticked (dense, little to see at a glance)."""

BIG_VIEW = 1500
"""Above this many nodes RELATED is hidden by default too (tens of thousands of dashed
lines: a hairball that costs ~0.3 s per frame)."""


def hidden_by_default(n_nodes: int) -> frozenset[str]:
    """Edge types whose checkbox starts unticked in a view of ``n_nodes`` nodes."""
    return HIDDEN_BY_DEFAULT | {"RELATED"} if n_nodes > BIG_VIEW else HIDDEN_BY_DEFAULT


def node_kind(d: dict) -> str:
    """``Paper``, an entity type, or ``Other`` for unknown nodes."""
    if d.get("label") == "Paper":
        return "Paper"
    t = d.get("type")
    return t if t in NODE_STYLES else "Other"
