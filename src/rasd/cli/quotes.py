"""``rasd quotes``: who said what, from the store.

Wraps :func:`rasd.quotes.search.quotes_by_speaker`, so a script gets the same rows from
Python.
"""

from __future__ import annotations

import os

import click

from rasd.cli.output import emit_rows, output_options
from rasd.quotes.lexicon import STANCES

COLUMNS = ["published", "speaker", "stance", "cue", "direct", "text", "doc_id"]
# Quotes are long; the table shows their start (the other formats give them whole).
_TABLE_TEXT = 90


@click.command("quotes")
@click.option(
    "--speaker",
    metavar="NAME",
    help="Who said it: words of the speaker's name (بوتين, الكرملين; any spelling of alef, "
    "ya or ta marbuta) or a knowledge-base id. Default: every speaker.",
)
@click.option("--stance", type=click.Choice(STANCES), help="Only statements, denials, warnings …")
@click.option(
    "--db",
    default=lambda: os.environ.get("RASD_DB", "rasd.db"),
    show_default="$RASD_DB or rasd.db",
    type=click.Path(dir_okay=False),
    help="SQLite database file.",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Published on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Published on or before this date.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--all", "copies", is_flag=True, help="Quotes from every stored copy of a story.")
@output_options
def quotes(
    speaker: str | None,
    stance: str | None,
    db: str,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    copies: bool,
    fmt: str | None,
) -> None:
    """Quotes and claims in the store, newest first: speaker, stance (statement, denial,
    admission, warning, demand, opinion), cue verb, direct or reported, and the words.

    Articles are analysed when they are ingested (`rasd ingest`); this lists what the
    analysis found.
    """
    from rasd.quotes.search import quotes_by_speaker
    from rasd.store import open_store

    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db!r}; run `rasd ingest PATH --db {db}` first")
    with open_store(db) as store:
        hits = quotes_by_speaker(
            store.db,
            speaker,
            stance=stance,
            since=since,
            until=until,
            copies=copies,
            limit=limit,
            offset=offset,
        )
    rows = [h.to_dict() for h in hits]
    if fmt in (None, "table"):
        for row in rows:
            text = row["text"]
            row["text"] = text if len(text) <= _TABLE_TEXT else text[: _TABLE_TEXT - 1] + "…"
            row["direct"] = "direct" if row["direct"] else "reported"
    emit_rows(rows, fmt or "table", COLUMNS)
