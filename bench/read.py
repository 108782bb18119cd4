"""Reading speed per input format: the same N records as JSONL, JSON list, CSV, BibTeX
and Hugging Face API JSON, read by :func:`graphkit.readers.read_paths`.

    python bench/read.py [--records 50000] [--rounds 3]

Prints the best CPU time of each format (robust when other jobs share the cores), the
records per second, and the JSON-list / JSONL ratio (the issue's target: <= 2, i.e. every
reader linear in the size of its file).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("robot", "policy", "benchmark", "diffusion", "transformer", "grasping", "navigation", "planner")


def records(n: int) -> list[dict]:
    out = []
    for i in range(n):
        w = WORDS[i % len(WORDS)]
        out.append({
            "title": f"Paper {i}: learning {w} skills at scale",
            "abstract": f"We introduce Model{i}, a {w} method evaluated on Bench{i % 97}. It beats baselines.",
            "authors": [f"Author {i}", f"Author {i + 1}"],
            "arxiv_id": f"{2400 + i // 100000}.{i % 100000:05d}",
            "date": "2024-05-01",
            "upvotes": i % 50,
        })
    return out


def write_all(recs: list[dict], folder: Path) -> dict[str, Path]:
    files = {}
    p = folder / "papers.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in recs))
    files["jsonl"] = p
    p = folder / "papers.json"
    p.write_text("[\n" + ",\n".join(json.dumps(r) for r in recs) + "\n]\n")
    files["json-list"] = p
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["title", "abstract", "authors", "arxiv_id", "date", "upvotes"])
    for r in recs:
        w.writerow([r["title"], r["abstract"], "; ".join(r["authors"]), r["arxiv_id"], r["date"], r["upvotes"]])
    p = folder / "papers.csv"
    p.write_text(buf.getvalue())
    files["csv"] = p
    p = folder / "papers.bib"
    p.write_text("".join(
        f"@article{{key{i},\n  title = {{{r['title']}}},\n  author = {{{' and '.join(r['authors'])}}},\n"
        f"  eprint = {{{r['arxiv_id']}}},\n  year = {{2024}},\n  abstract = {{{r['abstract']}}}\n}}\n\n"
        for i, r in enumerate(recs)))
    files["bibtex"] = p
    p = folder / "api.json"
    p.write_text(json.dumps([{"paper": {"id": r["arxiv_id"], "title": r["title"], "summary": r["abstract"],
                                        "authors": [{"name": a, "hidden": False} for a in r["authors"]],
                                        "publishedAt": r["date"] + "T00:00:00.000Z", "upvotes": r["upvotes"]},
                              "title": r["title"], "numComments": 0} for r in recs], indent=1))
    files["hf-api"] = p
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    from graphkit.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        files = write_all(records(args.records), Path(tmp))
        best = {k: float("inf") for k in files}
        for _ in range(args.rounds):  # rounds alternate formats: a busy machine slows all alike
            for k, f in files.items():
                c = time.process_time()
                r = read_paths([f])
                best[k] = min(best[k], time.process_time() - c)
                if len(r.papers) != args.records or r.skipped:
                    print(f"{k}: read {len(r.papers)} papers, {len(r.skipped)} skipped "
                          f"(expected {args.records})", file=sys.stderr)
                    return 1
    print(f"{args.records} records, best CPU seconds of {args.rounds} round(s)")
    for k, t in best.items():
        print(f"{k:10s} {t:8.2f} s  {args.records / t:10.0f} records/s")
    ratio = best["json-list"] / best["jsonl"]
    print(f"json-list / jsonl  {ratio:.2f}  (target <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
