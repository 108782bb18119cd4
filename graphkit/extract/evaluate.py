"""Score extractions against a paper-level gold file (the rules of ../shared/eval/score.py).

Papers match by normalised title; an extracted entity matches a gold entity when the
normalised names agree or the extracted name is one of the gold aliases, failing that
when one of the extracted aliases is the gold name or a gold alias (an extracted
"Android in the Wild" with alias "AITW" matches a gold "AITW"); entities of an unscored
type and those matching an ``optional`` gold entity are ignored. The extractions are
resolved across the papers scored (:func:`graphkit.resolve.resolve_corpus`), as in a build.

>>> gold = {"t": {"title": "T", "entities": [{"name": "PPO", "type": "Method", "aliases": [],
...                                            "introduced": False}]}}
>>> pred = {"t": {"title": "T", "entities": [{"name": "PPO", "type": "Method", "introduced": False}]}}
>>> score(gold, pred)[0]["f1"]
1.0
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable, Sequence

from graphkit.errors import GraphkitError
from graphkit.extract.normalize import score_key as norm
from graphkit.model import ENTITY_TYPES, PaperExtraction

TYPES = ENTITY_TYPES


def load_jsonl_by_title(path: str | os.PathLike) -> dict[str, dict]:
    """A gold (or prediction) JSONL file keyed by normalised title."""
    out: dict[str, dict] = {}
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        raise GraphkitError(f"{path}: cannot read gold file: {e.strerror or e}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise GraphkitError(f"{path}:{n}: not JSON: {e.msg}") from None
            if not isinstance(rec, dict):
                raise GraphkitError(f"{path}:{n}: expected a JSON object per line")
            out[norm(rec.get("title", ""))] = rec
    if not out:
        raise GraphkitError(f"{path}: no gold records")
    return out


def predictions(extractions: Iterable[PaperExtraction]) -> dict[str, dict]:
    """Extractions in the scorer's shape, keyed by normalised title."""
    return {norm(ex.title): {"title": ex.title,
                             "entities": [{"name": e.name, "type": e.type, "aliases": list(e.aliases),
                                           "introduced": e.introduced} for e in ex.entities]}
            for ex in extractions}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, dict], pred: dict[str, dict]) -> tuple[dict, list[tuple], list[str]]:
    """(report, errors, titles of gold papers with no prediction) — same numbers as score.py."""
    c: Counter = Counter()
    per_type = {t: Counter() for t in TYPES}
    errors: list[tuple] = []
    missing = [g["title"] for k, g in gold.items() if k not in pred]
    for key, g in gold.items():
        ents = [e for e in pred.get(key, {}).get("entities", []) if e.get("type") in TYPES]
        gold_ents = g.get("entities", [])
        keys = [{norm(e["name"]), *(norm(a) for a in e.get("aliases", []))} - {""} for e in gold_ents]
        used: set[int] = set()
        for e in ents:
            n = norm(e.get("name", ""))
            forms = {n, *(norm(a) for a in e.get("aliases") or [])} - {""}
            hit = next((i for i, k in enumerate(keys) if n in k and i not in used), None)
            if hit is None:  # failing the name, any extracted form against any gold form
                hit = next((i for i, k in enumerate(keys) if forms & k and i not in used), None)
            if hit is None:
                if any(forms & k for k in keys):
                    continue  # a second surface form of an already matched entity
                c["fp"] += 1
                per_type[e["type"]]["fp"] += 1
                errors.append(("FP", g["title"], e.get("name"), e.get("type")))
                continue
            used.add(hit)
            ge = gold_ents[hit]
            if ge.get("optional"):
                continue
            c["tp"] += 1
            per_type[ge["type"]]["tp"] += 1
            if e["type"] == ge["type"]:
                c["typed_tp"] += 1
            else:
                errors.append(("TYPE", g["title"], e.get("name"), f'{e["type"]} != {ge["type"]}'))
            if "introduced" in e:
                c["intro_judged"] += 1
                c["intro_ok"] += bool(e["introduced"]) == bool(ge.get("introduced"))
        for i, ge in enumerate(gold_ents):
            if i not in used and not ge.get("optional"):
                c["fn"] += 1
                per_type[ge["type"]]["fn"] += 1
                errors.append(("FN", g["title"], ge["name"], ge["type"]))
    p, r, f = _prf(c["tp"], c["fp"], c["fn"])
    ttp = c["typed_tp"]
    _, _, tf = _prf(ttp, c["fp"] + (c["tp"] - ttp), c["fn"] + (c["tp"] - ttp))
    report = {
        "papers": len(gold), "papers_missing": len(missing),
        "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "typed_f1": round(tf, 4),
        "introduced_accuracy": round(c["intro_ok"] / c["intro_judged"], 4) if c["intro_judged"] else None,
        "per_type": {t: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in _prf(v["tp"], v["fp"], v["fn"]))))
                     for t, v in per_type.items()},
    }
    return report, errors, missing


def format_report(report: dict) -> str:
    """The two-part text report score.py prints (overall line, then one line per type)."""
    lines = [f"papers {report['papers']} (missing {report['papers_missing']})  "
             f"P {report['precision']:.3f}  R {report['recall']:.3f}  F1 {report['f1']:.3f}  "
             f"typed F1 {report['typed_f1']:.3f}  introduced acc {report['introduced_accuracy']}"]
    for t, v in report["per_type"].items():
        lines.append(f"  {t:10s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    return "\n".join(lines)


def evaluate(gold_path: str | os.PathLike, paths: Sequence[str | os.PathLike], *,
             gazetteers: Sequence[str] = ()) -> tuple[dict, list[tuple], list[str], dict[str, dict]]:
    """Read ``paths``, extract, and score against ``gold_path``.

    Returns (report, errors, missing titles, predictions keyed by normalised title).
    """
    from graphkit.extract.api import Extractor
    from graphkit.readers import read_paths
    from graphkit.resolve import resolve_corpus

    gold = load_jsonl_by_title(gold_path)
    report = read_paths(paths)
    pred = predictions(resolve_corpus(Extractor(gazetteers).extract(report.papers)).extractions)
    scored, errors, missing = score(gold, pred)
    return scored, errors, missing, pred
