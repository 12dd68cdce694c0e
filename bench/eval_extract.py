"""Score the plain-text extractor on pages built by ``bench/build_pages.py``.

    .venv/bin/python bench/eval_extract.py --pages /tmp/rasd-pages --failures 5
    .venv/bin/python bench/eval_extract.py --json > extract-scores.json

Steps (the numbered comments in :func:`score_page` follow them):

1. Run ``rasd.analyze`` on the page text alone (no title or date passed in).
2. Compare the fields with the gold: title, published date, dateline place/outlet, author.
3. Compare the body: where it starts and ends, which article paragraphs are missing and
   which inserted furniture lines (or title/date/byline) ended up in it.
4. Look each inserted furniture line up in ``doc.boilerplate`` for its kind.

Rates are in [0, 1]. Metrics marked "lower is better" count pages with a problem. Each
metric keeps its failures with what was expected, what came out and the page lines
concerned, so a fix can start from an example.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import rasd
from build_pages import DEFAULT_OUT, found_in
from rasd.arabic.normalize import normalize


def _lexicon_kinds(text: str) -> set[str]:
    """Kinds the extractor's current cue lexicon gives this line (empty: none). Used only
    to split kind accuracy into lines the lexicon covers and lines it does not, which
    tells generalisation from memorisation; a private helper, so failure is tolerated."""
    try:
        from rasd.extract.boilerplate import _cues
    except ImportError:  # pragma: no cover - the extractor was reorganised
        return set()
    form = normalize(text)
    return {c.kind for c in _cues() if c.pattern.search(form)}


@dataclass(slots=True)
class Metric:
    """``correct`` of ``total`` cases; for lower-is-better metrics ``correct`` counts problems."""

    name: str
    description: str
    correct: int = 0
    total: int = 0
    lower_is_better: bool = False

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.correct += int(hit)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rate": round(self.rate, 4),
            "count": self.correct,
            "total": self.total,
            "lower_is_better": self.lower_is_better,
            "description": self.description,
        }


@dataclass(slots=True)
class Failure:
    metric: str
    page: str
    expected: Any
    got: Any
    context: list[str] = field(default_factory=list)  # the page lines concerned


# (name, description, lower_is_better) in report order.
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("title", "title exact (whitespace-stripped)", False),
    ("published", "published ISO date exact", False),
    ("dateline_place", "dateline place exact, pages with one", False),
    ("outlet", "dateline outlet exact, pages with one", False),
    ("false_dateline", "a dateline reported on pages without one", True),
    ("author", "author exact, pages with one", False),
    ("false_author", "an author reported on pages without one", True),
    ("body_start", "body starts with body_starts_with", False),
    ("body_end", "body ends with body_ends_with", False),
    ("body_boundary", "body start and end both right", False),
    ("leaked_boilerplate", "pages with an inserted line / not_in_body string in the body", True),
    ("lost_body", "pages with an article paragraph missing from the body", True),
    ("lost_paragraphs", "article paragraphs missing from the body (all pages)", True),
    ("lost_headings", "short heading-like article paragraphs missing", True),
    ("boilerplate_removed", "inserted furniture lines kept out of the body", False),
    ("boilerplate_kind", "inserted lines in doc.boilerplate with the intended kind", False),
)


@dataclass(slots=True)
class Report:
    pages: int
    metrics: dict[str, Metric]
    # Breakdowns: group -> value -> Metric (published by date format, datelines by style, …).
    breakdowns: dict[str, dict[str, Metric]]
    failures: dict[str, list[Failure]]

    def to_dict(self, failures: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {
            "pages": self.pages,
            "metrics": {k: m.to_dict() for k, m in self.metrics.items()},
            "breakdowns": {
                g: {k: m.to_dict() for k, m in sorted(v.items())}
                for g, v in self.breakdowns.items()
            },
        }
        if failures:
            out["failures"] = {
                k: [asdict(f) for f in v[:failures]] for k, v in self.failures.items() if v
            }
        return out


def _norm(text: str) -> str:
    # Paragraph containment ignores how whitespace was re-flowed, nothing else.
    return re.sub(r"\s+", " ", text).strip()


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.split("\n") if line.strip()]


def _around(lines: list[str], needle: str, before: int = 1, after: int = 1) -> list[str]:
    """The page lines around the first one containing ``needle`` (clipped for the report)."""
    for i, line in enumerate(lines):
        if needle and needle in line:
            return [_clip(x) for x in lines[max(0, i - before) : i + after + 1]]
    return []


def _clip(text: str | None, n: int = 90) -> str | None:
    if text is None:
        return None
    return text if len(text) <= n else text[: n - 1] + "…"


class Scorer:
    """Accumulates metrics, breakdowns and failures over pages."""

    def __init__(self) -> None:
        self.metrics = {
            name: Metric(name, desc, lower_is_better=low) for name, desc, low in METRICS
        }
        self.breakdowns: dict[str, dict[str, Metric]] = defaultdict(dict)
        self.failures: dict[str, list[Failure]] = defaultdict(list)
        self.pages = 0

    def _check(
        self, name: str, ok: bool, page: str, expected: Any, got: Any, context: list[str]
    ) -> None:
        m = self.metrics[name]
        # For lower-is-better metrics the count is of problems, so "not ok" adds one.
        m.add(not ok if m.lower_is_better else ok)
        if not ok:
            self.failures[name].append(Failure(name, page, expected, got, context))

    def _group(self, group: str, key: str, ok: bool, desc: str) -> None:
        self.breakdowns[group].setdefault(key, Metric(key, desc)).add(ok)

    def score_page(self, page_text: str, gold: dict[str, Any], doc: rasd.Document) -> None:
        # 1. is done by the caller (the document comes in); here 2.-4.
        self.pages += 1
        pid = gold["id"]
        lines = _lines(page_text)
        head = [_clip(x) or "" for x in lines[:7]]

        # 2. Fields.
        got_title = (doc.title or "").strip() or None
        title_ok = got_title == gold["title"].strip()
        self._check("title", title_ok, pid, gold["title"], got_title, head)
        date_ok = doc.published == gold["published"]
        # The date line's format, then the page around it (a title above it that went into
        # the body pulls the date line into the body window too).
        self._check(
            "published",
            date_ok,
            pid,
            gold["published"],
            doc.published,
            [f"[{gold['date_format']}] {d}" for d in gold["date_lines"]]
            + _around(lines, gold["date_lines"][0], before=1, after=1),
        )
        self._group("published_by_date_format", gold["date_format"], date_ok, "published exact")
        self._group("published_by_digits", gold["date_digits"], date_ok, "published exact")

        dl = doc.dateline
        first_line = _around(
            lines,
            gold["body_paragraphs"][0][:30],
            before=1 if gold["dateline_style"] == "own-line" else 0,
            after=0,
        )
        got_dl = {"place": dl.place, "outlet": dl.outlet, "text": dl.text} if dl else None
        if gold["dateline_place"]:
            ok = dl is not None and dl.place == gold["dateline_place"]
            self._check("dateline_place", ok, pid, gold["dateline_place"], got_dl, first_line)
        if gold["outlet"]:
            ok = dl is not None and dl.outlet == gold["outlet"]
            self._check("outlet", ok, pid, gold["outlet"], got_dl, first_line)
        if gold["dateline_style"] == "none":
            self._check("false_dateline", dl is None, pid, None, got_dl, first_line)
            dl_ok = dl is None
        else:
            dl_ok = (
                dl is not None
                and dl.place == gold["dateline_place"]
                and dl.outlet == gold["outlet"]
            )
        self._group(
            "dateline_by_style",
            gold["dateline_style"],
            dl_ok,
            "place and outlet exact (none: no dateline)",
        )

        if gold["author"]:
            ctx = [_clip(x) or "" for x in (gold["author_line"], gold["dateline_text"]) if x]
            self._check(
                "author", doc.author == gold["author"], pid, gold["author"], doc.author, ctx
            )
        else:
            # Show the line the spurious author came from, not the page head.
            ctx = _around(lines, doc.author or "", before=0, after=0) or head
            self._check("false_author", doc.author is None, pid, None, doc.author, ctx)

        # 3. Body.
        text = doc.text or ""
        start_ok = text.startswith(gold["body_starts_with"])
        end_ok = text.rstrip().endswith(gold["body_ends_with"])
        self._check(
            "body_start", start_ok, pid, gold["body_starts_with"], _clip(text[:70]), first_line
        )
        tail_ctx = _around(lines, gold["body_paragraphs"][-1][-25:], before=0, after=3)
        self._check("body_end", end_ok, pid, gold["body_ends_with"], _clip(text[-60:]), tail_ctx)
        self._check(
            "body_boundary",
            start_ok and end_ok,
            pid,
            [gold["body_starts_with"], gold["body_ends_with"]],
            [_clip(text[:50]), _clip(text[-40:])],
            [],
        )
        for key in ("source", "layout"):
            self._group(
                f"body_boundary_by_{key}", gold[key], start_ok and end_ok, "start and end right"
            )
        self._group("title_by_source", gold["source"], title_ok, "title exact")
        self._group("title_by_layout", gold["layout"], title_ok, "title exact")

        out_paras = [p for p in text.split("\n\n") if p.strip()]
        leaked = [s for s in gold["not_in_body"] if found_in(s, out_paras)]
        self._check("leaked_boilerplate", not leaked, pid, [], [_clip(s, 70) for s in leaked], [])
        flat = _norm(text)
        missing = [
            (p, h)
            for p, h in zip(gold["body_paragraphs"], gold["body_heading_like"], strict=True)
            if _norm(p) not in flat
        ]
        self._check("lost_body", not missing, pid, [], [_clip(p, 70) for p, _ in missing], [])
        for p, h in zip(gold["body_paragraphs"], gold["body_heading_like"], strict=True):
            lost = _norm(p) not in flat
            self._check("lost_paragraphs", not lost, pid, _clip(p, 70), None, [])
            if h:
                self._check("lost_headings", not lost, pid, _clip(p, 70), None, [])

        # 4. Furniture lines and their kinds.
        kinds = {b.text.strip(): b.kind for b in doc.boilerplate}
        for item in gold["boilerplate"]:
            kept_out = not found_in(item["text"], out_paras)
            self._check(
                "boilerplate_removed",
                kept_out,
                pid,
                item["text"],
                "in body",
                [f"[{item['where']}] {item['kind']}"],
            )
            got_kind = kinds.get(
                item["text"].strip(), "in body" if not kept_out else "not in doc.boilerplate"
            )
            kind_ok = got_kind in item["ok_kinds"]
            self._check(
                "boilerplate_kind",
                kind_ok,
                pid,
                item["kind"],
                got_kind,
                [_clip(item["text"]) or ""],
            )
            self._group("kind_by_intended", item["kind"], kind_ok, "found with the intended kind")
            if item["item"]:
                lexicon = "related-item"  # a headline: no lexicon could cover it
            elif set(item["ok_kinds"]) & _lexicon_kinds(item["text"]):
                lexicon = "lexicon-covers"
            else:
                lexicon = "lexicon-misses"
            self._group("kind_by_lexicon", lexicon, kind_ok, "found with the intended kind")
            self._group("removed_by_lexicon", lexicon, kept_out, "kept out of the body")
            self._group("removed_by_where", item["where"], kept_out, "kept out of the body")

    def report(self) -> Report:
        return Report(self.pages, self.metrics, dict(self.breakdowns), dict(self.failures))


def load_pages(pages_dir: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """(page text, gold) pairs in page order."""
    for gold_path in sorted(pages_dir.glob("*.gold.json")):
        page_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        yield (
            page_path.read_text(encoding="utf-8"),
            json.loads(gold_path.read_text(encoding="utf-8")),
        )


def evaluate(pages_dir: Path, analyze: Callable[[str], rasd.Document] = rasd.analyze) -> Report:
    """Score every page of ``pages_dir``; ``analyze`` is injectable for tests."""
    scorer = Scorer()
    for page, gold in load_pages(pages_dir):
        scorer.score_page(page, gold, analyze(page))  # 1. the page alone, as a user would pass it
    if not scorer.pages:
        raise SystemExit(f"no *.gold.json pages in {pages_dir}; run bench/build_pages.py first")
    return scorer.report()


def format_table(report: Report) -> str:
    rows = [f"pages: {report.pages}", "", f"{'metric':<22}{'rate':>7}{'count':>12}  note"]
    for name, m in report.metrics.items():
        note = "lower is better" if m.lower_is_better else ""
        rows.append(f"{name:<22}{m.rate:>7.1%}{f'{m.correct}/{m.total}':>12}  {note}")
    for group, values in report.breakdowns.items():
        rows += ["", f"{group} ({next(iter(values.values())).description})"]
        for key, m in sorted(values.items(), key=lambda kv: (-kv[1].total, kv[0])):
            rows.append(f"  {key:<24}{m.rate:>7.1%}{f'{m.correct}/{m.total}':>10}")
    return "\n".join(rows)


def format_failures(report: Report, n: int) -> str:
    rows: list[str] = []
    for name, fails in report.failures.items():
        if not fails:
            continue
        rows += ["", f"== {name}: {len(fails)} failures, first {min(n, len(fails))}"]
        for f in fails[:n]:
            rows.append(f"  page {f.page}: expected {f.expected!r}")
            rows.append(f"  {'':>9}got      {f.got!r}")
            rows += [f"  {'':>9}| {line}" for line in f.context]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages", type=Path, default=DEFAULT_OUT, help="directory of NNN.txt + NNN.gold.json"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--failures", type=int, default=0, metavar="N", help="show the first N failures per metric"
    )
    args = parser.parse_args(argv)
    report = evaluate(args.pages)
    if args.json:
        print(json.dumps(report.to_dict(args.failures), ensure_ascii=False, indent=1))
    else:
        print(format_table(report))
        if args.failures:
            print(format_failures(report, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
