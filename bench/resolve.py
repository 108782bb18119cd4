"""Benchmark: the resolve stage (graphkit.resolve.resolve_corpus) alone, and how it scales.

    python bench/resolve.py [BUILD_DIR] [--copies 1 10 27] [--rounds 3]

BUILD_DIR holds the per-paper extractions of a build (``extractions.jsonl``; default:
build ../shared/corpora/hf-daily-api into a temporary folder first). The extractions are
repeated with fresh paper ids (27 copies of the 3,724 API papers ~ 100k papers, as in
bench/build.py, so names repeat 27x while the vocabulary stays that of the real corpus)
and resolved; prints papers, entities, the best CPU seconds of ``--rounds`` and the cost
per 1,000 papers, so the 100k figure can be compared with build's 150 s budget.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-daily-api"
# bench/ holds scripts named like stdlib modules (html.py): never import from it
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build_dir", nargs="?")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10, 27])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    from graphkit.model import PaperExtraction
    from graphkit.resolve import resolve_corpus

    if args.build_dir:
        folder = Path(args.build_dir)
    else:
        from graphkit.pipeline import build

        folder = Path(tempfile.mkdtemp(prefix="bench-resolve-"))
        build([CORPUS], folder, html=False, store=False)
    with open(folder / "extractions.jsonl", encoding="utf-8") as fh:
        base = [PaperExtraction.from_dict(json.loads(line)) for line in fh if line.strip()]
    print(f"{'papers':>8} {'entities':>9} {'cpu s':>7} {'s/1k papers':>12}")
    for n in args.copies:
        exs = [replace(ex, paper_id=f"{ex.paper_id}#{r}") for r in range(n) for ex in base]
        ents = sum(len(ex.entities) for ex in exs)
        best = float("inf")
        for _ in range(args.rounds):
            t = time.process_time()
            resolve_corpus(exs)
            best = min(best, time.process_time() - t)
        print(f"{len(exs):>8} {ents:>9} {best:>7.2f} {1000 * best / len(exs):>12.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
