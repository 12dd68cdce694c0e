"""``rasd kb``: look names up in the knowledge base and import more into it.

Each command wraps a plain function (:func:`rasd.kb.lookup.lookup`,
:func:`rasd.kb.wikidata.import_wikidata`), so scripts get the same answers from Python.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from rasd.cli.output import emit_rows, output_options


@click.group("kb")
def kb() -> None:
    """The knowledge base: who is who, on the date of the article.

    Countries, places, organisations and people with Arabic names and dated roles, from
    the tables shipped with rasd and your own files (see docs/kb.md).
    """


@kb.command("lookup")
@click.argument("name")
@click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the article (YYYY-MM-DD): roles and actor codes valid that day. Default: today.",
)
@click.option(
    "--type",
    "mention_type",
    type=click.Choice(["PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"]),
    default=None,
    help="Type of the mention, as a tagger would give it (a surname links only as PER).",
)
@click.option(
    "--context",
    default=None,
    help="A sentence NAME occurs in: the words around it decide metonymy and titles.",
)
@output_options
def lookup_cmd(
    name: str,
    date: dt.datetime | None,
    mention_type: str | None,
    context: str | None,
    fmt: str | None,
) -> None:
    """Show what NAME resolves to on a date, and why.

    The first row is the entity the linker picks (chosen); the others are what the name
    could also mean, with the actor code each would have that day.

    \b
    rasd kb lookup رئيسي --date 2020-01-01 --type PER   # head of the judiciary: IRNJUD
    rasd kb lookup 'وزير الخارجية الإيراني' --date 2018-05-01
    rasd kb lookup طهران --context 'ونفت طهران هذه المعلومات'   # Iran's government
    """
    from rasd.kb.lookup import LOOKUP_COLUMNS, lookup

    day = (date or dt.datetime.now()).date().isoformat()
    try:
        rows = lookup(name, day, mention_type=mention_type or "", context=context)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--context") from exc
    emit_rows(rows, fmt, LOOKUP_COLUMNS)


@kb.group("import")
def import_group() -> None:
    """Add entities to your knowledge base from other sources."""


@import_group.command("wikidata")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kb-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write wikidata.jsonl. Default: $RASD_KB_DIR or ~/.local/share/rasd/kb.",
)
@click.option("--limit", type=int, default=None, help="Read at most this many entities.")
def import_wikidata_cmd(dump: Path, kb_dir: Path | None, limit: int | None) -> None:
    """Import people, places and organisations with Arabic names from a Wikidata dump.

    DUMP is a Wikidata JSON dump (.json, .json.gz or .json.bz2), whole or filtered, one
    entity per line. Positions held (P39) with start and end dates become dated roles.
    The result replaces an earlier import and is read by every later rasd run.
    """
    from rasd.kb.files import user_kb_dirs
    from rasd.kb.index import reset_kb
    from rasd.kb.wikidata import import_wikidata

    target = kb_dir or user_kb_dirs()[0]
    report = import_wikidata(dump, target, limit=limit)
    reset_kb()
    click.echo(
        f"read {report.read} entities, kept {report.kept} with Arabic names "
        f"({report.roles} dated roles) in {report.path}"
    )
