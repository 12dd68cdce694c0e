"""Inspection commands: what the Arabic layer makes of a piece of text.

``rasd tokens``, ``rasd dates`` and ``rasd numbers`` each wrap a plain function
(:func:`token_rows`, :func:`date_rows`, :func:`number_rows`) that returns JSON-ready rows, so
scripts get the same answer from Python as from the shell. Offsets are character offsets
into the text as given (for ``-``, standard input without its final line break).
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from rasd.arabic.dates import find_dates
from rasd.arabic.normalize import normalize
from rasd.arabic.numbers import find_numbers
from rasd.cli.output import dumps, emit_rows, output_options
from rasd.document import Document, Source, content_id

TOKEN_COLUMNS = ["start", "end", "kind", "text", "norm", "stem", "prefixes", "suffixes"]
DATE_COLUMNS = ["start", "end", "text", "value", "precision", "time", "tz", "relative", "calendar"]
NUMBER_COLUMNS = ["start", "end", "text", "value"]


def token_rows(text: str) -> list[dict[str, Any]]:
    """Tokens with offsets, kind, search form and clitic segmentation."""
    # Through the Arabic stage rather than the bare tokenizer, so whatever the stage adds to
    # tokens (clitic segmentation) shows here too. Imported when used: its lexicons are
    # loaded then, not every time `rasd` starts.
    from rasd.arabic.stage import ArabicStage

    doc = Document(id=content_id(text), source=Source(format="text"), raw=text, text=text)
    result = ArabicStage().process(doc)
    if not isinstance(result, Document):  # a stage may drop a document; say why
        raise click.ClickException(f"the Arabic stage dropped the text: {result}")
    return [
        {
            "start": t.start,
            "end": t.end,
            "kind": t.kind,
            "text": t.text,
            # Older tokenizers leave `norm` empty; the search form is still worth showing.
            "norm": t.norm or normalize(t.text),
            "stem": t.stem,
            "prefixes": list(t.prefixes),
            "suffixes": list(t.suffixes),
        }
        for t in result.tokens
    ]


def date_rows(text: str, published: dt.date | None = None) -> list[dict[str, Any]]:
    """Date and time expressions resolved against ``published``. ``value`` is an ISO date
    (or year-month, year), or ``[first, last]`` for ranges and weeks."""
    try:
        from rasd.arabic.times import find_times  # optional, and loaded on use
    except ImportError:  # a build without the time-expression module: absolute dates only
        return _date_rows_absolute(text, published)
    rows = []
    for t in find_times(text, published):
        rows.append(
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": [t.value, t.until] if t.until else t.value,
                "precision": t.precision,
                "time": t.time,
                "tz": t.tz,
                "relative": t.relative,
                "calendar": t.calendar,
            }
        )
    return rows


def _date_rows_absolute(text: str, published: dt.date | None) -> list[dict[str, Any]]:
    return [
        {
            "start": d.start,
            "end": d.end,
            "text": d.text,
            "value": d.iso,
            "precision": d.precision,
            "time": None,
            "tz": None,
            "relative": False,
            "calendar": "gregorian",
        }
        for d in find_dates(text, default_year=published.year if published else None)
    ]


def number_rows(text: str) -> list[dict[str, Any]]:
    """Cardinal numbers in digits or words, with their values."""
    return [
        {
            "start": n.start,
            "end": n.end,
            "text": n.text,
            # 3000 reads better than 3000.0; fractions stay floats.
            "value": int(n.value) if n.value.is_integer() else n.value,
        }
        for n in find_numbers(text)
    ]


# --- The commands ---------------------------------------------------------------------------


def _read(words: tuple[str, ...]) -> str:
    """TEXT as given (words joined by spaces, so quoting is optional) or stdin for ``-``."""
    if words == ("-",):
        return sys.stdin.read().rstrip("\r\n")
    return " ".join(words)


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        # strptime, not fromisoformat: the latter also takes 20221113 and 2022-W46-1.
        return dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _emit(rows: list[dict[str, Any]], fmt: str | None, columns: list[str], what: str) -> None:
    if fmt == "json":
        click.echo(dumps(rows, pretty=True))
    elif fmt == "jsonl":
        emit_rows(rows, fmt, columns)
    elif fmt == "csv":
        emit_rows([{k: _cell(v, "") for k, v in r.items()} for r in rows], fmt, columns)
    elif not rows:
        click.echo(f"no {what}", err=True)
    else:
        _table([{k: _cell(v, "-") for k, v in r.items()} for r in rows], columns)


def _cell(value: Any, missing: str) -> str:
    """One table or CSV cell. A list is joined with "/": prefixes و/ال, and a range's
    first/last, which is ISO 8601's notation for an interval."""
    if value is None or value == []:
        return missing
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return str(value)


def _table(rows: list[dict[str, str]], columns: list[str]) -> None:
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for r in rows:
        click.echo("  ".join(r[c].ljust(widths[c]) for c in columns).rstrip())


@click.command()
@click.argument("text", nargs=-1, required=True, metavar="TEXT|-")
@output_options
def tokens(text: tuple[str, ...], fmt: str | None) -> None:
    """Tokens of TEXT with offsets, kind, search form, stem, prefixes and suffixes.

    TEXT is the words to analyse (quote them or not), or - to read standard input.
    Offsets are character offsets into TEXT.
    """
    rows = token_rows(_read(text))
    if fmt in (None, "table"):
        # Prefixes and suffixes read as one segmentation column: و+ ال+ بيت +ها.
        for r in rows:
            parts = [f"{p}+" for p in r["prefixes"]] + [r["stem"] or "-"]
            r["segments"] = " ".join(parts + [f"+{s}" for s in r["suffixes"]])
            del r["stem"], r["prefixes"], r["suffixes"]
        _emit(rows, fmt, ["start", "end", "kind", "text", "norm", "segments"], "tokens")
    else:
        _emit(rows, fmt, TOKEN_COLUMNS, "tokens")


@click.command()
@click.argument("text", nargs=-1, required=True, metavar="TEXT|-")
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    callback=_published,
    help="Publication date: resolves السبت, أمس, الأسبوع الماضي and dates without a year.",
)
@output_options
def dates(text: tuple[str, ...], published: dt.date | None, fmt: str | None) -> None:
    """Date and time expressions in TEXT, resolved against --published.

    Each has start, end, text, value (an ISO date, or [first, last] for a range or week),
    precision (day, week, month, year, range, time) and, where given, time and time zone.
    TEXT is the words to analyse, or - to read standard input.
    """
    _emit(date_rows(_read(text), published), fmt, DATE_COLUMNS, "dates")


@click.command()
@click.argument("text", nargs=-1, required=True, metavar="TEXT|-")
@output_options
def numbers(text: tuple[str, ...], fmt: str | None) -> None:
    """Numbers in TEXT, written in digits or words, with their values.

    ثلاثة آلاف is 3000, ١٬٢٤٥ is 1245, 15 في المئة is 15. Ordinals (الثالث) and vague
    quantities (عشرات, بضعة) are left out. TEXT is the words, or - to read standard input.
    """
    _emit(number_rows(_read(text)), fmt, NUMBER_COLUMNS, "numbers")


INSPECT_COMMANDS = (tokens, dates, numbers)

__all__ = ["INSPECT_COMMANDS", "date_rows", "number_rows", "token_rows"]
