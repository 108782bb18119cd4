"""Benchmark: a one-hop ``graphkit query --uri`` on Neo4j, process start included, vs baselines.

    .venv/bin/python bench/query.py [--runs 15] [--graph DIR]

Against a real Neo4j (NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD, else one started with
tools/neo4j/start and stopped after) holding the data/ sample: pushed first with
``graphkit push`` (an idempotent upsert: nothing is deleted; ``--graph DIR`` pushes that
build instead of building data/, ``--no-push`` pushes nothing). Then, interleaved in one run
(A B C D A B C D ..., so a drift of the machine's speed hits all four alike), each a new
process:

- ``python -c pass``: the interpreter start;
- ``import neo4j``: the driver's import alone, the floor of any Python Bolt client here;
- the plain driver: a script that imports the driver, connects and runs the query,
  printing the rows (what a user would write without graphkit);
- ``graphkit query --uri URI QUERY``.

Prints, per command, the median and min wall time and the median CPU time (user+sys of the
process), the ratio graphkit / plain driver, and the target (graphkit median < 600 ms).
graphkit's modules are byte-compiled first (``compileall``, into the ignored __pycache__
folders), as an installed graphkit is: with PYTHONDONTWRITEBYTECODE set, every start would
otherwise compile them again.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_HOP = ("MATCH (p:Paper)-[:MENTIONS]->(e:Entity {name: 'LIBERO'}) "
           "RETURN p.title AS title ORDER BY title")
TARGET_S = 0.6

PLAIN_DRIVER = """\
import os, sys
from neo4j import GraphDatabase
with GraphDatabase.driver(os.environ["NEO4J_URI"],
                          auth=(os.environ["NEO4J_USERNAME"], os.environ["NEO4J_PASSWORD"])) as d:
    records, _, keys = d.execute_query(sys.argv[1])
    for r in records:
        print(*r.values(), sep="\\t")
"""


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``cmd``, a process waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(commands: dict[str, list[str]], env: dict, runs: int) -> dict[str, dict[str, float]]:
    """Runs the commands in turn ``runs`` times (after one warm-up round); per command the
    median and min wall and the median CPU seconds."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, cmd in commands.items():
            r = _run(cmd, env)
            if i:
                times[name].append(r)
    return {name: {"wall": statistics.median(w for w, _ in t), "min": min(w for w, _ in t),
                   "cpu": statistics.median(c for _, c in t)} for name, t in times.items()}


def neo4j_query_latency(env: dict, runs: int = 15) -> dict[str, dict[str, float]]:
    """The four commands of the module docstring on the Neo4j of ``env`` (NEO4J_URI,
    NEO4J_USERNAME, NEO4J_PASSWORD; the sample already pushed); prints the table."""
    import compileall

    compileall.compile_dir(ROOT / "graphkit", quiet=1)
    env = dict(os.environ, **env, GRAPHKIT_PROGRESS="0")
    exe = str(Path(sys.executable).with_name("graphkit"))
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "import neo4j": [py, "-c", "import neo4j"],
        "plain driver": [py, "-c", PLAIN_DRIVER, ONE_HOP],
        "graphkit query --uri": [exe, "query", ONE_HOP, "--uri", env["NEO4J_URI"]],
    }
    res = compare(commands, env, runs)
    print(f"one-hop query on the data/ sample in Neo4j, each a new process ({runs} runs, interleaved):")
    for name, r in res.items():
        print(f"  {name:22s} median {r['wall'] * 1000:5.0f} ms  min {r['min'] * 1000:5.0f} ms  "
              f"cpu {r['cpu'] * 1000:5.0f} ms")
    ours, plain = res["graphkit query --uri"], res["plain driver"]
    print(f"graphkit / plain driver: wall {ours['wall'] / plain['wall']:.2f}, cpu {ours['cpu'] / plain['cpu']:.2f}; "
          f"graphkit median {ours['wall'] * 1000:.0f} ms (target < {TARGET_S * 1000:.0f} ms: "
          f"{'met' if ours['wall'] < TARGET_S else 'missed'})", flush=True)
    return res


def neo4j_env() -> tuple[dict, bool]:
    """NEO4J_* of the environment, else those of a Neo4j started here (True: stop it after)."""
    if os.environ.get("NEO4J_URI"):
        return {k: os.environ.get(k, "") for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD")}, False
    p = subprocess.run([str(ROOT / "tools" / "neo4j" / "start")], capture_output=True, text=True, check=True)
    return dict(line.split("=", 1) for line in p.stdout.splitlines()), True


def push_sample(env: dict, graph: Path | None, tmp: Path) -> None:
    """``graphkit push`` of ``graph`` (default: a build of data/ made in ``tmp``)."""
    run_env = dict(os.environ, **env, GRAPHKIT_PROGRESS="0")
    exe = str(Path(sys.executable).with_name("graphkit"))
    if graph is None:
        graph = tmp / "sample"
        subprocess.run([exe, "build", str(ROOT / "data"), "--out", str(graph), "--no-html", "--no-store"],
                       check=True, stdout=subprocess.DEVNULL, env=run_env)
    subprocess.run([exe, "push", "--graph", str(graph), "--uri", env["NEO4J_URI"]], check=True,
                   stdout=subprocess.DEVNULL, env=run_env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--graph", type=Path, help="a build folder to push instead of a build of data/")
    ap.add_argument("--no-push", action="store_true", help="the database already holds the sample")
    a = ap.parse_args()
    env, started = neo4j_env()
    try:
        if not a.no_push:
            with tempfile.TemporaryDirectory(prefix="graphkit-bench-query-") as tmp:
                push_sample(env, a.graph, Path(tmp))
        neo4j_query_latency(env, a.runs)
    finally:
        if started:
            subprocess.run([str(ROOT / "tools" / "neo4j" / "stop")], check=False)


if __name__ == "__main__":
    main()
