"""Search latency through the REST API over a store of real articles (ANT corpus).

1. Build a store of N distinct articles (default 30,000) from ``../shared/data/news/ant``
   in a temporary folder: each record is read as ``rasd ingest`` reads JSONL (an article
   already extracted: title + body), analysed by the default pipeline in a process pool,
   and written with ``Store.ingest`` (duplicate marking and fact tables included). The
   corpus's outlet name is set as the document's outlet, so the outlet facet is real.
   ``--db PATH`` keeps the store (and reuses it on the next run).
2. Serve it with ``rasd serve``'s app (uvicorn on 127.0.0.1, a free port).
3. Time ``GET /api/search`` — facets, snippets and the collapse of copies included, as
   the search page uses it — for a fixed set of queries (names, places, topics, phrases,
   AND/OR/NOT, prefixes, broad words; some with filters), after one warm-up pass, and
   report p50/p95/max per kind and overall; the HTML page ``/search`` is timed too.

    .venv/bin/python bench/search_latency.py [--n 30000] [--db /tmp/rasd-bench.db] [--repeat 5]

Article text stays in the temporary folder (or where ``--db`` points): never in the repo.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import io
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# (kind, query, extra parameters)
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("name", "بوتين", {}),
    ("name", "ترامب", {}),
    ("name", "أردوغان", {}),
    ("name", "السيسي", {}),
    ("name", "ماكرون", {}),
    ("name", "الباجي قائد السبسي", {}),
    ("name", "نتنياهو", {}),
    ("place", "سوريا", {}),
    ("place", "العراق", {}),
    ("place", "ليبيا", {}),
    ("place", "تونس", {}),
    ("place", "القدس", {}),
    ("place", "غزة", {}),
    ("place", "اليمن", {}),
    ("place", "ايران", {}),
    ("topic", "الانتخابات", {}),
    ("topic", "الاقتصاد", {}),
    ("topic", "النفط", {}),
    ("topic", "الإرهاب", {}),
    ("topic", "اللاجئين", {}),
    ("topic", "كرة القدم", {}),
    ("phrase", '"مجلس الأمن"', {}),
    ("phrase", '"الأمم المتحدة"', {}),
    ("phrase", '"البيت الأبيض"', {}),
    ("phrase", '"وزير الخارجية"', {}),
    ("boolean", "سوريا AND روسيا", {}),
    ("boolean", "ليبيا OR تونس", {}),
    ("boolean", "العراق NOT داعش", {}),
    ("boolean", '("مجلس الأمن" OR "الأمم المتحدة") AND اليمن', {}),
    ("prefix", "اقتصاد*", {}),
    ("prefix", "انتخاب*", {}),
    ("rare", "باتروشيف", {}),
    ("rare", "سماغين", {}),
    ("broad", "قال", {}),
    ("broad", "الرئيس", {}),
    ("filtered", "سوريا", {"since": "2018-01-01", "until": "2018-12-31"}),
    ("filtered", "الرئيس", {"since": "2019-01"}),
    ("filtered", "تونس", {"outlet": "Jawhara FM"}),
    ("filtered", "الحكومة", {"type": "CONSULT"}),
    ("page 3", "العراق", {"page": "3"}),
]


def _published(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    if value[:4].isdigit():
        return value[:10]
    try:  # RFC 2822 dates ("Sun, 18 Feb 2018 …") in some of the corpus's feeds
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def records(data: Path, n: int, stored: set[str]) -> Iterator[bytes]:
    """JSONL lines as ``rasd ingest`` takes them, from both ANT files in file order,
    until the store would hold ``n`` distinct articles. The corpus repeats some articles
    word for word: their content-hash ids are the same, so they are skipped here (as are
    articles already in ``stored``) instead of being analysed for nothing."""
    from rasd.document import content_id

    seen = set(stored)
    for name in ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz"):
        with gzip.open(data / "news/ant" / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                if len(seen) >= n:
                    return
                r = json.loads(line)
                if not r.get("title") or not r.get("text"):
                    continue
                text = r["text"].replace("\r\n", "\n").replace("\r", "\n")
                doc_id = content_id(f"{r['title'].strip()}\n\n{text}")
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                record = {
                    "id": r["docno"], "title": r["title"], "text": r["text"], "url": r.get("url"),
                    "published": _published(r.get("time")), "outlet": r.get("source"),
                }  # fmt: skip
                yield json.dumps(record, ensure_ascii=False).encode("utf-8")


_PIPELINE: Any = None


def analyse(line: bytes) -> Any:
    """One record through the JSONL reader and the default pipeline (in a worker)."""
    global _PIPELINE  # noqa: PLW0603 - one pipeline per worker process, built on first use
    from rasd.analyze import default_pipeline
    from rasd.document import Dateline
    from rasd.ingest.readers import read_jsonl

    if _PIPELINE is None:
        _PIPELINE = default_pipeline()
    item = next(_PIPELINE.run(read_jsonl(io.BytesIO(line), name="ant")))
    outlet = json.loads(line).get("outlet")
    if hasattr(item, "tokens"):
        item.tokens = []  # not stored; saves pickling them back to the parent
        if outlet and not (item.dateline and item.dateline.outlet):
            item.dateline = Dateline(
                place=item.dateline.place if item.dateline else None, outlet=outlet
            )
    return item


def build(db: Path, data: Path, n: int, workers: int) -> dict[str, Any]:
    from rasd.store import open_store

    start = time.perf_counter()
    with Pool(workers) as pool, open_store(db) as store:
        stored = {row[0] for row in store.db.execute("SELECT id FROM documents")}
        lines = records(data, n, stored)
        counts = store.ingest(pool.imap(analyse, lines, chunksize=64), batch=500)
        total = store.count()
    seconds = time.perf_counter() - start
    print(
        f"built {db}: {counts.added} added, {counts.unchanged} unchanged, {counts.copies} copies,"
        f" {counts.quarantined} quarantined; {total} documents in {seconds:.0f} s"
        f" ({total / seconds:.0f} docs/s with {workers} workers)",
        file=sys.stderr,
    )
    return {"documents": total, "build_seconds": round(seconds, 1), "copies": counts.copies}


def serve(db: Path) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    from rasd.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", ws="none")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(base: str, repeat: int) -> dict[str, Any]:
    import httpx

    by_kind: dict[str, list[float]] = {}
    every: list[float] = []
    pages: list[float] = []
    per_query: list[dict[str, Any]] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for _, q, extra in QUERIES:  # 1. warm-up: page cache, compiled statements
            client.get("/api/search", params={"q": q, **extra}).raise_for_status()
        for kind, q, extra in QUERIES:
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                r = client.get("/api/search", params={"q": q, **extra})
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
            t = time.perf_counter()
            client.get("/search", params={"q": q, **extra}).raise_for_status()
            pages.append((time.perf_counter() - t) * 1000)
            by_kind.setdefault(kind, []).extend(times)
            every.extend(times)
            per_query.append(
                {
                    "kind": kind,
                    "q": q,
                    **extra,
                    "total": r.json()["total"],
                    "median_ms": round(statistics.median(times), 1),
                }
            )

    def summary(values: list[float]) -> dict[str, float]:
        return {
            "p50": round(percentile(values, 0.5), 1),
            "p95": round(percentile(values, 0.95), 1),
            "max": round(max(values), 1),
        }

    return {
        "requests": len(every),
        "api_search_ms": summary(every),
        "html_search_ms": summary(pages),
        "by_kind_ms": {k: summary(v) for k, v in by_kind.items()},
        "queries": per_query,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30_000, help="articles to store")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument(
        "--db", type=Path, help="keep the store here (reused when it has N articles)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per query")
    parser.add_argument("--json", action="store_true", help="the full report as JSON")
    args = parser.parse_args()
    if not (args.data / "news/ant").is_dir():
        sys.exit(f"no ANT corpus at {args.data / 'news/ant'}")
    if args.db and ROOT in args.db.resolve().parents:
        sys.exit("--db inside the repository: article text must not be stored there")
    tmp = tempfile.TemporaryDirectory(prefix="rasd-search-")
    db = args.db or Path(tmp.name) / "rasd.db"
    report: dict[str, Any] = {}
    from rasd.store import open_store

    existing = 0
    if db.exists():
        with open_store(db) as store:
            existing = store.count()
    if existing >= args.n:
        report["documents"] = existing
        print(f"reusing {db} ({existing} documents)", file=sys.stderr)
    else:  # a kept store is topped up: only the articles it lacks are analysed
        report.update(build(db, args.data, args.n, args.workers))
    base, server, thread = serve(db)
    try:
        report.update(measure(base, args.repeat))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        tmp.cleanup()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    api, page = report["api_search_ms"], report["html_search_ms"]
    print(f"documents: {report['documents']}   timed requests: {report['requests']}")
    print(f"GET /api/search   p50 {api['p50']} ms   p95 {api['p95']} ms   max {api['max']} ms")
    print(f"GET /search (HTML) p50 {page['p50']} ms   p95 {page['p95']} ms   max {page['max']} ms")
    for kind, s in report["by_kind_ms"].items():
        print(f"  {kind:9} p50 {s['p50']:7} ms   p95 {s['p95']:7} ms")
    for row in report["queries"]:
        extra = {k: v for k, v in row.items() if k not in ("kind", "q", "total", "median_ms")}
        print(f"  {row['median_ms']:7} ms  {row['total']:6} hits  {row['q']} {extra or ''}")


if __name__ == "__main__":
    main()
