"""Benchmark: end-to-end ``graphkit build`` (no HTML, no store) at 10k and 100k papers.

    .venv/bin/python bench/build.py                 # 10,000 and 100,000 papers
    .venv/bin/python bench/build.py --sizes 2000 20000

The corpus is the ~3,724 real abstracts of ../shared/corpora/hf-daily-api repeated with
fresh identities (copy r of a paper gets the title suffix " (copy <letters>)" and so a new
id; every copy is read and extracted again: nothing is de-duplicated). Each size runs in a
fresh process (reading, extraction, graph, RELATED, CO_OCCURS, BUILDS_ON, communities,
metrics, writing graph.json); the parent prints the wall and CPU times (user + system,
extraction workers included) of the build and of each stage, the load average before and
after each build, the per-paper cost ratio (largest vs smallest size), the 100k wall
time against its target (150 s on this 2-core machine, quiet) and the peak RSS
(``resource.getrusage``, self + children, so forked extraction workers count). On a
shared machine the wall time is the CPU time stretched by the load: compare CPU times.

How the repetition skews the numbers (100k = 27 copies of each real abstract):
- every entity's df is ~27x its real df, so more entities pass the RELATED stop-entity
  threshold (max(50, N/100)) at 10k than at 100k in relative terms, and each paper's
  RELATED candidates include its 26 identical copies (top-k is then copies only);
- CO_OCCURS has no more distinct pairs than the real corpus (copies add counts, not pairs);
- BUILDS_ON: an entity "introduced" by 27 copies exceeds ``max_introducers`` and is
  skipped as ambiguous, so the bench builds almost no BUILDS_ON edges;
- Louvain sees 27 near-identical subgraphs; the vocabulary (entity nodes) stays that of
  3,724 papers, so the graph has fewer entity nodes than a real 100k corpus would.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "hf-daily-api"
# bench/ holds scripts named like stdlib modules (html.py): never import from it
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def letters(r: int) -> str:
    s = ""
    while True:
        s = string.ascii_lowercase[r % 26] + s
        r = r // 26 - 1
        if r < 0:
            return s


def make_corpus(n: int, path: Path) -> int:
    """Write ``n`` papers as JSONL (real abstracts repeated with fresh titles/ids)."""
    from graphkit.readers import read_paths

    base = read_paths([CORPUS]).papers
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            p = base[i % len(base)]
            r = i // len(base)
            title = p.title if r == 0 else f"{p.title} (copy {letters(r)})"
            fh.write(json.dumps({"title": title, "abstract": p.abstract, "date": p.date,
                                 "authors": p.authors, "upvotes": p.upvotes}) + "\n")
    return len(base)


def peak_rss_mb() -> float:
    """Peak RSS of this process and of its largest child (Linux: KiB)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (me + kids) / 1024


TARGET_SIZE, TARGET_WALL = 100_000, 150.0  # issue 9: a 100k build in <= 150 s wall
TARGET_RSS_MB = 3072


def cpu_seconds() -> float:
    """User + system seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_one(corpus: Path, out: Path) -> dict:
    """Child process: one timed end-to-end build."""
    os.environ.setdefault("GRAPHKIT_PROGRESS", "0")
    t0, c0 = time.perf_counter(), cpu_seconds()
    from graphkit.pipeline import build

    res = build([corpus], out, html=False, store=False)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    s = res.summary()
    return {"papers": s["papers"], "wall": wall, "cpu": cpu, "peak_rss_mb": peak_rss_mb(),
            "entities": s["entities"], "edges": s["edges"], "edges_by_type": s["edges_by_type"],
            "timings": getattr(res, "timings", {}), "cpu_timings": getattr(res, "cpu_timings", {})}


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(run_one(Path(a.child[0]), Path(a.child[1]))))
        return
    if not CORPUS.is_dir():
        sys.exit(f"bench: {CORPUS} is not present")
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        for n in sorted(a.sizes):
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            real = make_corpus(n, corpus)
            before = load()
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / f"out-{n}")],
                                  capture_output=True, text=True, env=dict(os.environ, GRAPHKIT_PROGRESS="0"))
            if proc.returncode != 0:
                sys.exit(f"bench: build of {n} papers failed:\n{proc.stderr[-3000:]}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            r["process_wall"] = time.perf_counter() - t0
            r["size"] = n
            rows.append(r)
            print(f"{n:>7} papers ({real} real abstracts x {n / real:.1f}): build {r['wall']:.1f} s wall, "
                  f"{r['cpu']:.1f} s CPU (process {r['process_wall']:.1f} s), {1000 * r['wall'] / n:.3f} ms/paper, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB, load {before} -> {load()}, {r['entities']} entities, "
                  f"{r['edges']} edges {r['edges_by_type']}", flush=True)
            cpu = r.get("cpu_timings") or {}
            if r["timings"]:
                print("         stages (wall s / CPU s): "
                      + ", ".join(f"{k} {v:.1f}/{cpu.get(k, float('nan')):.1f}" for k, v in r["timings"].items()),
                      flush=True)
    small, big = rows[0], rows[-1]
    ratio = (big["wall"] / big["size"]) / (small["wall"] / small["size"])
    peak = max(r["peak_rss_mb"] for r in rows)
    print(f"per-paper cost ratio {big['size']} vs {small['size']}: {ratio:.2f} (target <= 1.3)")
    for r in rows:
        if r["size"] == TARGET_SIZE:
            verdict = "MET" if r["wall"] <= TARGET_WALL else "MISSED"
            print(f"{TARGET_SIZE} papers: {r['wall']:.1f} s wall (target <= {TARGET_WALL:.0f} s: {verdict}; "
                  f"ratio {r['wall'] / TARGET_WALL:.2f}), {r['cpu']:.1f} s CPU on {os.cpu_count()} cores")
    print(f"peak RSS {peak:.0f} MB (target <= {TARGET_RSS_MB} MB)")


if __name__ == "__main__":
    main()
