"""Shared output options and renderers: every listing command speaks JSON, JSONL,
CSV or a table, and JSON keeps Arabic readable (``ensure_ascii=False``)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

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
