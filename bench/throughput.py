"""Throughput and peak memory of `rasd analyze` and `rasd ingest` on real articles.

Builds N raw pages (title line, date line, body: what the plain-text extractor sees) from the
ANT corpus into a temporary JSONL file, then times the real commands in a child process
and reads the child's peak RSS. Article text stays in the temporary directory.

    .venv/bin/python bench/throughput.py --n 1000 [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RASD = str(Path(sys.executable).parent / "rasd")


def load_pages(data: Path, n: int, seed: int) -> list[dict[str, str]]:
    path = data / "news/ant/ant_v2.1_multisource.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    random.Random(seed).shuffle(records)
    pages = []
    for r in records:
        if not r.get("text") or not r.get("title"):
            continue
        # A raw page (no "title" key): the extractor must find title, date and body itself.
        page = f"{r['title']}\n\n{r['time'][:10]}\n\n{r['text']}"
        pages.append({"id": r["docno"], "text": page})
        if len(pages) == n:
            break
    return pages


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child command."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max over all).
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--write-pages", metavar="FILE", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if not (opts.data / "news/ant").is_dir():
        sys.exit(f"no ANT corpus under {opts.data}/news/ant")
    if opts.write_pages:
        with open(opts.write_pages, "w", encoding="utf-8") as fh:
            for p in load_pages(opts.data, opts.n, opts.seed):
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        return
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "pages.jsonl")
        # Built in a child process: a forked child starts with its parent's pages, so a
        # parent holding the whole corpus would inflate every measured peak RSS.
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--n",
                str(opts.n),
                "--seed",
                str(opts.seed),
                "--data",
                str(opts.data),
                "--write-pages",
                jsonl,
            ],
            check=True,
        )
        with open(jsonl, encoding="utf-8") as fh:
            pages = [json.loads(line) for line in fh]
        chars = sum(len(p["text"]) for p in pages)
        startup, _ = run([RASD, "--version"])
        analyze_s, analyze_mb = run([RASD, "analyze", jsonl, "--jsonl"])
        db = os.path.join(tmp, "bench.db")
        ingest_s, ingest_mb = run([RASD, "ingest", jsonl, "--db", db])
        reingest_s, _ = run([RASD, "ingest", jsonl, "--db", db])
        db_mb = os.path.getsize(db) / 1e6
    figures = {
        "documents": len(pages),
        "mean_chars": round(chars / len(pages)),
        "startup_s": round(startup, 2),
        "analyze_docs_per_s": round(len(pages) / analyze_s, 1),
        "analyze_peak_rss_mb": round(analyze_mb, 1),
        "ingest_docs_per_s": round(len(pages) / ingest_s, 1),
        "ingest_peak_rss_mb": round(ingest_mb, 1),
        "reingest_docs_per_s": round(len(pages) / reingest_s, 1),
        "db_mb": round(db_mb, 1),
    }
    if opts.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
