"""Extraction speed: the ``graphkit extract`` command vs spaCy's bare tokenizer, same texts, same run.

    python bench/extract.py [--papers 10000] [--rounds 3] [--n-process]

The issue's target: ``graphkit extract`` with one worker over 10,000 abstracts, process
start included, runs at >= 0.35 x the speed of spaCy's bare tokenizer (``spacy.blank("en")``'s
tokenizer, in this process) on the same texts.

The corpus is the ~3,724 real abstracts of ../shared/corpora/hf-daily-api cycled to
``--papers`` with fresh titles and ids (``bench/build.py``'s ``make_corpus``), written as
JSONL. Each round times, in turn: the tokenizer over the corpus's texts (``Paper.text``, what
the extractor reads), then ``python -m graphkit extract CORPUS --format jsonl`` as a child
process (start, imports, gazetteer, reading, extraction, corpus resolution, the JSONL counted
by this process), then the in-process :class:`~graphkit.extract.Extractor` alone. Alternating
rounds means a busy machine slows all alike; the best round of each is reported, as CPU time
(of this process, or of the child: robust when other jobs share the cores) and as wall time.
With ``--n-process`` it also times spaCy's tokenizer-only pipeline with ``n_process=2``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# bench/ holds scripts named like stdlib modules (html.py): never put it on sys.path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))
TARGET = 0.35


def _make_corpus():
    """``make_corpus`` of bench/build.py (loaded by path: bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("_bench_build", HERE / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.make_corpus


def run_cli(corpus: Path, n: int) -> tuple[float, float]:
    """(CPU s, wall s) of one ``graphkit extract`` child process, one worker."""
    env = dict(os.environ, GRAPHKIT_PROGRESS="0", GRAPHKIT_WORKERS="1", PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "graphkit", "extract", str(corpus), "--format", "jsonl"],
                                stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 20), b""))
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or lines != n:
            err.seek(0)
            sys.exit(f"bench: graphkit extract exited {proc.returncode} with {lines} lines "
                     f"(expected {n}):\n{err.read().decode()[-3000:]}")
    return ru.ru_utime + ru.ru_stime, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=10_000, help="abstracts (the API corpus cycled)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--n-process", action="store_true", help="also time spaCy's tokenizer with n_process=2")
    args = ap.parse_args(argv)

    import spacy

    from graphkit.extract import Extractor
    from graphkit.readers import read_paths

    best = {k: [float("inf")] * 2 for k in ("tok", "cli", "gk")}

    def timed(key, fn):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        cpu, wall = time.process_time() - c, time.perf_counter() - w
        if isinstance(out, tuple):  # a child process: its own CPU time
            cpu, out = out
        best[key][0] = min(best[key][0], cpu)
        best[key][1] = min(best[key][1], wall)
        return out

    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        real = _make_corpus()(args.papers, corpus)
        papers = read_paths([corpus]).papers
        texts = [p.text for p in papers]
        n = len(papers)
        if n != args.papers:
            sys.exit(f"bench: read {n} papers from {corpus}, wrote {args.papers}")
        chars = sum(map(len, texts))
        print(f"corpus      {n} abstracts ({real} real ones cycled), {chars / n:.0f} characters each on average")

        extractor = Extractor()
        tok = spacy.blank("en")
        list(extractor.extract(papers[:200]))  # warm-up
        list(tok.pipe(texts[:200]))
        tokens = entities = 0
        for _ in range(args.rounds):
            tokens = timed("tok", lambda: sum(len(d) for d in tok.pipe(texts, batch_size=256)))
            timed("cli", lambda: run_cli(corpus, n))
            entities = timed("gk", lambda: sum(len(r.entities) for r in extractor.extract(papers)))

    (tok_cpu, tok_wall), (cli_cpu, cli_wall), (gk_cpu, gk_wall) = best["tok"], best["cli"], best["gk"]
    print(f"tokenizer   {n / tok_cpu:8.0f} abstracts/s CPU  {n / tok_wall:8.0f} wall  "
          f"(spaCy blank('en') tokenizer only, in this process, {tokens} tokens)")
    print(f"extract     {n / cli_cpu:8.0f} abstracts/s CPU  {n / cli_wall:8.0f} wall  "
          f"(`graphkit extract --format jsonl`, one worker, process start included: "
          f"{cli_cpu:.1f} s CPU, {cli_wall:.1f} s wall)")
    print(f"Extractor   {n / gk_cpu:8.0f} abstracts/s CPU  {n / gk_wall:8.0f} wall  "
          f"(Extractor.extract in this process, {entities} entities)")
    print(f"ratio       {tok_cpu / cli_cpu:8.2f} x tokenizer speed, CPU time "
          f"({tok_wall / cli_wall:.2f} x by wall time; target >= {TARGET}): graphkit extract, process included")
    print(f"            {tok_cpu / gk_cpu:8.2f} x CPU ({tok_wall / gk_wall:.2f} x wall): Extractor.extract in-process")
    print(f"start       {cli_cpu - gk_cpu:8.1f} s CPU outside Extractor.extract (imports, gazetteer, "
          f"reading, resolution, JSON)")
    print(f"100k        {100_000 * gk_wall / n:8.1f} s projected for 100,000 abstracts (Extractor, wall, one process)")
    if args.n_process:
        t = time.perf_counter()
        sum(len(d) for d in tok.pipe(texts, batch_size=256, n_process=2))
        mp = time.perf_counter() - t
        print(f"n_process=2 {n / mp:8.0f} abstracts/s wall (spaCy tokenizer only; {tok_wall / mp:.2f} x one process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
