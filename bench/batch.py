"""Batch throughput on Dask: documents/second with 1 and 2 workers, and peak memory per worker.

    .venv/bin/python bench/batch.py --n 10000 [--workers 1 2] [--data ../shared/data]

Writes N ANT articles (title + body records) to a temporary JSONL file, runs
``rasd.batch.run_batch`` on a fresh local cluster per worker count, and reads each worker's
peak RSS from the worker processes themselves. Article text stays in the temporary folder.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--shard-size", type=int, default=250)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    opts = parser.parse_args()
    src = opts.data / "news/ant/ant_v2.1_multisource.jsonl.gz"
    if not src.exists():
        sys.exit(f"no ANT corpus at {src}")
    from dask.distributed import Client, LocalCluster

    from rasd.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "ant.jsonl"
        with (
            gzip.open(src, "rt", encoding="utf-8") as fin,
            open(corpus, "w", encoding="utf-8") as fout,
        ):
            for i, line in enumerate(fin):
                if i == opts.n:
                    break
                r = json.loads(line)
                fout.write(
                    json.dumps(
                        {
                            "id": r["docno"],
                            "title": r["title"],
                            "text": r["text"],
                            "published": r["time"],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        rates = {}
        for workers in opts.workers:
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(lambda: None)  # workers are up before the clock starts
                began = time.perf_counter()
                report = run_batch(
                    [str(corpus)],
                    str(Path(tmp) / f"out{workers}"),
                    client=client,
                    shard_size=opts.shard_size,
                )
                seconds = time.perf_counter() - began
                peaks = client.run(peak_rss_mb)
            rates[workers] = report.documents / seconds
            print(
                f"workers={workers}: {report.documents} docs in {seconds:.1f} s = {rates[workers]:.1f} docs/s; "
                f"peak RSS per worker: {', '.join(f'{p:.0f} MB' for p in peaks.values())}"
            )
        if 1 in rates and 2 in rates:
            print(f"scaling 2 vs 1 workers: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
