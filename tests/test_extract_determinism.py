"""Extraction output does not depend on the process: type cues, votes and types are the
same under any PYTHONHASHSEED (no iteration over a set of strings decides an order)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graphkit.extract import Extractor
from graphkit.model import Paper

# invented names (no gazetteer lists them): each entity has two keys (the acronym and its
# long form), each key its own cue, so an unordered walk over the keys shows in the cues
_NAMES = [("QUARP", "Quick Unified AutoRegressive Policy", "policy"),
          ("ZEPO", "Zonal Expressive Policy Optimization", "algorithm"),
          ("VIPRO", "Video Prediction for Robot Operations", "framework"),
          ("MOLTA", "Modular Online Latent Transfer Agent", "agent"),
          ("DRAKO", "Diffusion Robot Action Kernel Optimizer", "method"),
          ("TELPA", "Temporal Embedding Language Planning Architecture", "architecture"),
          ("SKOVA", "Sparse Kernel Offline Value Approximation", "algorithm"),
          ("PRISL", "Progressive Reward Imitation with Sparse Labels", "framework")]


def _papers() -> list[dict]:
    return [{"title": f"{s}: {long} for Control",
             "abstract": f"In this paper, we introduce {long} ({s}), a novel {noun} for robot control. "
                         f"{s} outperforms baselines."} for s, long, noun in _NAMES]


def _run(path: Path, seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    root = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-m", "graphkit", "extract", str(path), "--format", "jsonl", "--mentions"],
                         env=env, capture_output=True, text=True, check=True)
    return out.stdout


def test_two_hash_seeds_give_the_same_cues(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in _papers()))
    a, b = _run(path, "1"), _run(path, "2")
    assert a == b
    cues = [m["type_cues"] for line in a.splitlines() for e in json.loads(line)["entities"]
            for m in e.get("mentions", []) if len(m["type_cues"]) > 1]
    assert len(cues) >= len(_NAMES)  # the comparison saw multi-cue entities


def test_cues_follow_the_order_of_mentions():
    """The title's mention comes first, so its cue leads."""
    s, long, noun = _NAMES[0]
    p = _papers()[0]
    ex = Extractor().extract_one(Paper("p", p["title"], p["abstract"]))
    e = next(e for e in ex.entities if e.name == s)
    assert e.mentions[0].type_cues == ["title:default->Method", f"apposition:{noun}->Method"]
