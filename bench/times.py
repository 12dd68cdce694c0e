"""Accuracy and throughput of ``find_times`` (date and time expressions).

Accuracy: ``--table`` scores the hand-annotated table ``tests/data/time_expressions.tsv``
(real expressions from ANT articles and the seed, each with its publication date and
expected value, until, precision, time and zone) and prints it by category, with the
failures. It needs nothing from ``../shared``.

Throughput: loads N article bodies of the ANT corpus with their publication dates, counts
their tokens with the project's tokenizer (outside the clock), then times ``find_times``
over all of them on one core, best of R rounds, in CPU time (other processes on a shared
machine then cost less noise). Article text stays in memory; nothing is written.

    .venv/bin/python bench/times.py --table [--failures]
    .venv/bin/python bench/times.py --n 2000 [--rounds 3] [--data ../shared/data] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from rasd.arabic.times import find_times
from rasd.arabic.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "time_expressions.tsv"
COLUMNS = (
    "source",
    "published",
    "expression",
    "context",
    "value",
    "until",
    "precision",
    "time",
    "tz",
    "category",
)


@dataclass
class Row:
    source: str
    published: str
    expression: str
    context: str
    value: str
    until: str
    precision: str
    time: str
    tz: str
    category: str


@dataclass
class Report:
    total: int = 0
    correct: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [ok, n]
    failures: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def read_table(path: Path = TABLE) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "source":
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{path}: expected {len(COLUMNS)} columns, got {len(cells)}: {line!r}")
        rows.append(Row(*cells))
    return rows


def _close(got: str | None, want: str, days: int) -> bool:
    """Equal, or (Hijri rows) ISO dates at most ``days`` apart."""
    if got == want:
        return True
    if not days or got is None or len(want) != 10 or len(got) != 10:
        return False
    delta = dt.date.fromisoformat(got) - dt.date.fromisoformat(want)
    return abs(delta.days) <= days


def check(row: Row) -> str | None:
    """None when ``find_times`` on the row's context gets the row right, else why not."""
    published = dt.date.fromisoformat(row.published)
    at = row.context.index(row.expression)
    span = (at, at + len(row.expression))
    found = find_times(row.context, published)
    # The output expression that overlaps the annotated one most (span conventions differ:
    # whether "يوم" or a preposition belongs to the span is not what is scored).
    best, overlap = None, 0
    for t in found:
        o = min(span[1], t.end) - max(span[0], t.start)
        if o > overlap:
            best, overlap = t, o
    if best is None:
        return "not found"
    tolerance = 1 if row.category == "hijri" else 0  # tabular vs. Umm al-Qura / sighting
    wrong = []
    if best.precision != row.precision:
        wrong.append(f"precision {best.precision}")
    if not _close(best.value, row.value, tolerance):
        wrong.append(f"value {best.value}")
    if (row.until or best.until) and not _close(best.until, row.until, tolerance):
        wrong.append(f"until {best.until}")
    if row.time and best.time != row.time:
        wrong.append(f"time {best.time}")
    if row.tz and best.tz != row.tz:
        wrong.append(f"tz {best.tz}")
    return f"{best.text!r}: " + ", ".join(wrong) if wrong else None


def score(rows: list[Row]) -> Report:
    report = Report()
    for row in rows:
        problem = check(row)
        ok = problem is None
        report.total += 1
        report.correct += ok
        cell = report.by_category.setdefault(row.category, [0, 0])
        cell[0] += ok
        cell[1] += 1
        if not ok:
            want = " ".join(x for x in (row.value, row.until, row.precision, row.time, row.tz) if x)
            report.failures.append(
                f"[{row.category}] {row.source} {row.published} {row.expression!r} "
                f"want {want}; got {problem}"
            )
    return report


def print_report(report: Report, failures: bool) -> None:
    print(f"time expressions: {report.correct}/{report.total} = {report.accuracy:.1%}")
    for category, (ok, n) in sorted(report.by_category.items()):
        print(f"  {category:16} {ok:3}/{n:<3} {ok / n:6.1%}")
    if failures:
        print("failures:")
        for line in report.failures:
            print("  " + line)


def published(stamp: str) -> dt.date | None:
    """The record's local publication date ("Sun, 18 Feb 2018 21:35:43 +0400" or ISO)."""
    try:
        return dt.datetime.fromisoformat(stamp.strip()).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(stamp).date()
    except (TypeError, ValueError):
        return None


def load(data: Path, n: int, seed: int) -> list[tuple[str, dt.date | None]]:
    records: list[dict[str, Any]] = []
    for name in ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz"):
        with gzip.open(data / "news/ant" / name, "rt", encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh)
    random.Random(seed).shuffle(records)
    bodies = [(r["text"], published(r.get("time", ""))) for r in records if r.get("text")]
    return bodies[:n]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--table", action="store_true", help="score the annotated table")
    parser.add_argument("--failures", action="store_true", help="with --table: list failures")
    opts = parser.parse_args()
    if opts.table:
        print_report(score(read_table()), opts.failures)
        return
    if not (opts.data / "news/ant").is_dir():
        sys.exit(f"no ANT corpus under {opts.data}/news/ant")
    bodies = load(opts.data, opts.n, opts.seed)
    tokens = sum(len(tokenize(text)) for text, _ in bodies)
    chars = sum(len(text) for text, _ in bodies)
    find_times("أمس", dt.date(2022, 11, 13))  # compile and warm the caches outside the clock
    best = float("inf")
    found: Counter[str] = Counter()
    for _ in range(opts.rounds):
        found.clear()
        start = time.process_time()
        for text, pub in bodies:
            for t in find_times(text, pub):
                found[t.precision] += 1
        best = min(best, time.process_time() - start)
    figures = {
        "articles": len(bodies),
        "tokens": tokens,
        "chars": chars,
        "seconds": round(best, 3),
        "tokens_per_second": round(tokens / best),
        "ms_per_article": round(1000 * best / len(bodies), 3),
        "expressions": sum(found.values()),
        "by_precision": dict(found.most_common()),
    }
    if opts.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(
        f"find_times: {figures['articles']} articles, {tokens:,} tokens, {chars:,} chars "
        f"in {best:.3f} s CPU (best of {opts.rounds}) → {figures['tokens_per_second']:,} tokens/s, "
        f"{figures['ms_per_article']} ms/article"
    )
    print(f"expressions: {figures['expressions']:,}  {figures['by_precision']}")


if __name__ == "__main__":
    main()
