"""Latency of the events table's actor filters and of the actor network over a stored corpus.

    .venv/bin/python bench/event_filters.py --db /tmp/s30k.db [--repeat 5]

Times ``rasd.api.queries.events`` (what ``GET /api/events`` runs) for a fixed set of actor,
recipient and party filters on an existing store, such as the one
``bench/search_latency.py --db`` keeps, and prints the median of ``--repeat`` runs with the
number of events each filter finds. The filters match every member of a compound actor or
recipient (``روسيا وإيران``), so the table also says how many events have one.

Then times ``rasd.api.queries.relations`` (``GET /api/relations``, the network page) by
each node key, where a compound argument gives an edge per pair of members, and
``rasd.api.queries.entity`` (``GET /api/entities/{id}``) for a few busy entities, whose
events include those where the entity is any member of a compound argument.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

FILTERS: list[dict[str, str]] = [
    {"actor": "RUS"},
    {"actor": "IRN"},
    {"party": "ISR"},
    {"recipient": "USA"},
    {"actor": "CHN", "type": "PROTEST"},
]
# Russia, Iran, Vladimir Putin, the United States.
ENTITIES = ["Q159", "Q794", "Q7747", "Q30"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    opts = parser.parse_args()
    if not opts.db.is_file():
        sys.exit(f"no store at {opts.db} (build one with bench/search_latency.py --db)")
    from rasd.api import queries
    from rasd.store import open_store

    with open_store(opts.db) as store:
        events, compound = store.db.execute(
            "SELECT count(*), sum(actors LIKE '%},{%' OR recipients LIKE '%},{%') FROM facts_events"
        ).fetchone()
        print(f"events: {events}, with a compound actor or recipient: {compound}")
        for f in FILTERS:
            times = []
            for _ in range(opts.repeat):
                started = time.perf_counter()
                found = queries.events(store, queries.EventFilters(**f))
                times.append(time.perf_counter() - started)
            label = " ".join(f"{k}={v}" for k, v in f.items())
            print(
                f"{label:<28} {found['total']:>6} events  {statistics.median(times) * 1000:7.1f} ms"
            )
        for by in queries.NODE_KEYS:
            times = []
            for _ in range(opts.repeat):
                started = time.perf_counter()
                net = queries.relations(store, queries.EventFilters(), by=by)
                times.append(time.perf_counter() - started)
            edges = net["edges"]
            counted = sum(e["events"] for e in edges)
            print(
                f"relations by={by:<16} {len(edges):>6} edges   {statistics.median(times) * 1000:7.1f} ms"
                f"  ({counted} events on them)"
            )
        for entity in ENTITIES:
            times = []
            try:
                for _ in range(opts.repeat):
                    started = time.perf_counter()
                    page = queries.entity(store, entity)
                    times.append(time.perf_counter() - started)
            except queries.NotFound:
                print(f"entity {entity:<21} not in this store")
                continue
            print(
                f"entity {entity:<21} {page['counts']['events']:>6} events  "
                f"{statistics.median(times) * 1000:7.1f} ms"
            )


if __name__ == "__main__":
    main()
