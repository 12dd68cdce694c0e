"""Shared output options and renderers: every listing command speaks JSON, JSONL,
CSV or a table, and JSON keeps Arabic readable (``ensure_ascii=False``)."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from rasd.document import Document
from rasd.pipeline import Drop

F = TypeVar("F", bound=Callable[..., Any])


def output_options(fn: F) -> F:
    """``--json`` / ``--jsonl`` / ``--csv`` / ``--table`` as one ``fmt`` parameter."""
    for flag, value, help_ in reversed(
        (
            ("--table", "table", "human-readable table (default)"),
            ("--json", "json", "a JSON array"),
            ("--jsonl", "jsonl", "one JSON object per line"),
            ("--csv", "csv", "CSV with a header row"),
        )
    ):
        fn = click.option(flag, "fmt", flag_value=value, help=help_)(fn)
    return fn


def dumps(obj: Any, *, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def emit_rows(rows: Iterable[dict[str, Any]], fmt: str | None, columns: list[str]) -> None:
    rows = list(rows)
    if fmt == "json":
        click.echo(dumps(rows, pretty=True))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(dumps(row))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            click.echo(
                "  ".join(str(row.get(c) if row.get(c) is not None else "-") for c in columns)
            )


def error(message: str) -> None:
    """One line on stderr, prefixed so it is greppable in batch logs."""
    click.echo(f"rasd: error: {message}", err=True)


class DropReport:
    """Reports drops as they pass: errors one line each on stderr, skips (a PDF in a WARC,
    a redirect) counted by reason and summarised at the end."""

    def __init__(self) -> None:
        self.failed = 0
        self.skips: Counter[str] = Counter()

    def items(self, items: Iterable[Document | Drop]) -> Iterator[Document | Drop]:
        for item in items:
            if isinstance(item, Drop):
                if item.skipped:
                    self.skips[item.reason] += 1
                else:
                    self.failed += 1
                    error(str(item))
            yield item

    def documents(self, items: Iterable[Document | Drop]) -> Iterator[Document]:
        for item in self.items(items):
            if isinstance(item, Document):
                yield item

    def summarise(self) -> None:
        if self.skips:
            parts = ", ".join(
                f"{n} {reason.removeprefix('skipped: ')}" for reason, n in self.skips.most_common()
            )
            click.echo(f"rasd: skipped {sum(self.skips.values())} records ({parts})", err=True)
