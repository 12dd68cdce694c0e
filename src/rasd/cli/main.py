"""``rasd`` commands. Each wraps a plain importable function (``rasd.analyze_paths``,
``rasd.store.open_store``), so everything the CLI does is also a Python call."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from rasd import __version__
from rasd.analyze import analyze_paths
from rasd.cli.batch import batch, export, load_cmd
from rasd.cli.fetch import fetch
from rasd.cli.inspect import INSPECT_COMMANDS
from rasd.cli.kb import kb
from rasd.cli.ner import eval_group, ner
from rasd.cli.output import DropReport, dumps, emit_rows, error, output_options
from rasd.cli.quotes import quotes
from rasd.cli.serve import serve
from rasd.document import Document
from rasd.errors import RasdError
from rasd.ingest.readers import DEFAULT_MAX_BYTES, FORMATS
from rasd.store import open_store

DB_OPTION = click.option(
    "--db",
    default=lambda: os.environ.get("RASD_DB", "rasd.db"),
    show_default="$RASD_DB or rasd.db",
    type=click.Path(dir_okay=False),
    help="SQLite database file (created on first use).",
)
INPUT_OPTIONS = [
    click.option(
        "--input-format",
        type=click.Choice(FORMATS),
        default="auto",
        show_default=True,
        help="How to read inputs: by file suffix (auto), plain text pages, or JSONL records.",
    ),
    click.option(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Larger inputs are refused with an error (and the batch goes on).",
    ),
]


def input_options(fn: Any) -> Any:
    for option in reversed(INPUT_OPTIONS):
        fn = option(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
def cli() -> None:
    """rasd (رصد): Arabic news to structured, searchable knowledge.

    Analyse articles, store them in SQLite and search them.
    """


cli.add_command(fetch)
cli.add_command(kb)
cli.add_command(ner)
cli.add_command(eval_group)
cli.add_command(batch)
cli.add_command(load_cmd)
cli.add_command(export)
cli.add_command(quotes)
cli.add_command(serve)
for _command in INSPECT_COMMANDS:
    cli.add_command(_command)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--json", "fmt", flag_value="json", help="Pretty JSON (one document) or a JSON array."
)
@click.option("--jsonl", "fmt", flag_value="jsonl", help="One document per line, in input order.")
@click.option("--summary", "fmt", flag_value="summary", help="A readable summary per document.")
@click.option("--tokens", is_flag=True, help="Include tokens with offsets in the JSON.")
@input_options
def analyze(
    paths: tuple[str, ...], fmt: str | None, tokens: bool, input_format: str, max_bytes: int
) -> None:
    """Analyse articles and print them in the rasd JSON schema.

    PATHS are files, directories, globs or - for standard input. JSONL records
    ({"id", "text", "title"?, "published"?, "url"?}) are read from .jsonl(.gz) files or
    with --input-format jsonl. Inputs that cannot be read are reported on stderr
    (one line each) and the rest are still analysed; the exit code is then 1.
    """
    report = DropReport()
    documents = report.documents(
        analyze_paths(paths, input_format=input_format, max_bytes=max_bytes)
    )
    if fmt in (None, "json"):
        # Pretty JSON needs to know whether there is one document or several.
        docs = [doc.to_dict(tokens=tokens) for doc in documents]
        if len(docs) == 1 and (fmt == "json" or len(paths) == 1):
            click.echo(dumps(docs[0], pretty=True))
        elif fmt == "json":
            click.echo(dumps(docs, pretty=True))
        else:
            for d in docs:
                click.echo(dumps(d))
    else:
        for doc in documents:
            click.echo(dumps(doc.to_dict(tokens=tokens)) if fmt == "jsonl" else render_summary(doc))
    report.summarise()
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@input_options
@click.option(
    "--no-dedup",
    is_flag=True,
    help="Do not mark copies of stored stories now (a faster bulk load); the next "
    "ingest without it, or `rasd duplicates --update`, marks them in ingest order.",
)
def ingest(
    paths: tuple[str, ...], db: str, input_format: str, max_bytes: int, no_dedup: bool
) -> None:
    """Analyse articles and store them (once each: ids are content hashes).

    A document whose body copies a stored story (the same text under another title or
    URL, or a near-duplicate: a dropped sentence, a few words changed) is stored too and
    marked as a copy of the story's first stored document; see `rasd duplicates`.
    Inputs that cannot be read go to the quarantine table with the reason
    (see `rasd quarantine`) and are reported on stderr; the exit code is then 1.
    """
    report = DropReport()
    with open_store(db, dedup=not no_dedup) as store:
        counts = store.ingest(
            report.items(analyze_paths(paths, input_format=input_format, max_bytes=max_bytes))
        )
        if no_dedup:
            stories = f"{store.unmarked()} not yet checked for copies"
        else:
            stories = f"{store.count_stories()} stories"
        click.echo(
            f"{counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.quarantined} quarantined, {counts.skipped} skipped"
            + ("" if no_dedup else f", {counts.copies} marked as copies of stored stories")
            + f"; {store.count()} documents ({stories}) in {db}"
        )
    report.summarise()
    sys.exit(1 if counts.quarantined else 0)


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--since", metavar="YYYY-MM-DD", help="Published on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Published on or before this date.")
@click.option("--outlet", help="Only documents from this outlet (as in the dateline).")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every matching copy of a story (default: one hit per story, with its copy count).",
)
@output_options
def search(
    query: str,
    db: str,
    limit: int,
    offset: int,
    since: str | None,
    until: str | None,
    outlet: str | None,
    show_all: bool,
    fmt: str | None,
) -> None:
    """Full-text search. Spelling variants match: ايران finds إيران, اتصالا finds اتصالًا.

    Use "…" for a phrase, word* for a prefix, AND / OR / NOT to combine. A story stored
    several times (syndicated copies) is one hit, its best-matching copy, unless --all.
    """
    _require_db(db)
    with open_store(db) as store:
        hits = store.search(
            query,
            limit=limit,
            offset=offset,
            since=since,
            until=until,
            outlet=outlet,
            collapse=not show_all,
        )
    if fmt in (None, "table"):
        if not hits:
            click.echo("no matches", err=True)
        for h in hits:
            if h.copies > 1 and show_all and h.story != h.id:
                note = f"  (copy of {h.story[:19]})"
            elif h.copies > 1:
                note = f"  ({h.copies} copies)"
            else:
                note = ""
            click.echo(f"{h.id[:19]}  {h.published or '----------'}  {h.title or ''}{note}")
            click.echo(f"    {h.snippet}")
        return
    columns = ["id", "published", "outlet", "title", "snippet", "story", "copies"]
    emit_rows(({c: getattr(h, c) for c in columns} for h in hits), fmt, columns)


@cli.command()
@click.argument("doc_id", required=False)
@DB_OPTION
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option(
    "--update",
    is_flag=True,
    help="First mark the documents stored without marking (`ingest --no-dedup`, or a "
    "database from before rasd marked copies).",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Forget every mark and mark the whole store again, in ingest order "
    "(needed only after a change of duplicate parameters).",
)
@output_options
def duplicates(
    doc_id: str | None,
    db: str,
    limit: int,
    offset: int,
    update: bool,
    rebuild: bool,
    fmt: str | None,
) -> None:
    """Stories stored more than once, most copies first; with DOC_ID, every copy of
    that document's story (the canonical, first stored copy, first).

    Copies are marked when they are stored: the same clean body (whatever the title,
    dateline, furniture or URL), or a near-duplicate body (word 5-gram Jaccard of at
    least 0.7, found with MinHash LSH). Every copy is kept.
    """
    _require_db(db)
    with open_store(db) as store:
        if update or rebuild:
            done = store.mark_duplicates(rebuild=rebuild)
            click.echo(f"checked {done} documents for copies", err=True)
        elif unmarked := store.unmarked():
            click.echo(
                f"rasd: {unmarked} documents not yet checked for copies "
                "(run `rasd duplicates --update`)",
                err=True,
            )
        rows: list[dict[str, Any]]
        if doc_id:
            copies = store.copies(doc_id)
            rows = [
                {
                    "id": c.id,
                    "duplicate_of": c.duplicate_of,
                    "similarity": None if c.similarity is None else round(c.similarity, 3),
                    "published": c.published,
                    "outlet": c.outlet,
                    "title": c.title,
                }
                for c in copies
            ]
            columns = ["id", "duplicate_of", "similarity", "published", "outlet", "title"]
        else:
            stories = store.stories_with_copies(limit=limit, offset=offset)
            rows = [
                {
                    "id": s.id,
                    "copies": s.copies,
                    "published": s.published,
                    "outlet": s.outlet,
                    "title": s.title,
                }
                for s in stories
            ]
            columns = ["id", "copies", "published", "outlet", "title"]
            if not rows:
                click.echo(
                    f"no story is stored more than once ({store.count()} documents)", err=True
                )
    if fmt in (None, "table"):
        for row in rows:
            row["id"] = row["id"][:19]
            if row.get("duplicate_of"):
                row["duplicate_of"] = row["duplicate_of"][:19]
    emit_rows(rows, fmt, columns)


@cli.command()
@click.argument("doc_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="The stored document as JSON.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one stored document by id (a unique prefix is enough)."""
    _require_db(db)
    with open_store(db) as store:
        doc = store.get(doc_id)
        sources = store.sources(doc.id)
        canonical = store.duplicate_of(doc.id)
        copies = [c.id for c in store.copies(doc.id) if c.id != doc.id]
    if as_json:
        out = doc.to_dict()
        out["sources"] = sources
        out["duplicate_of"] = canonical
        out["copies"] = copies
        click.echo(dumps(out, pretty=True))
    else:
        click.echo(render_summary(doc))
        for s in sources:
            click.echo(f"source: {s.get('path') or s.get('url') or s.get('id')}")
        if canonical:
            click.echo(f"copy of:     {canonical}")
        elif copies:
            click.echo(f"copies:      {len(copies)} other outlets/pages carry this story")


@cli.command()
@DB_OPTION
@output_options
def quarantine(db: str, fmt: str | None) -> None:
    """List inputs that could not be processed, with the reason."""
    _require_db(db)
    with open_store(db) as store:
        emit_rows(store.quarantined(), fmt, ["source", "stage", "reason", "last_seen"])


def _require_db(db: str) -> None:
    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db!r}; run `rasd ingest PATH --db {db}` first")


def render_summary(doc: Document) -> str:
    """A readable page for one document: metadata, body excerpt, layers, furniture."""
    dl = doc.dateline
    lines = [
        f"id:          {doc.id}",
        f"title:       {doc.title or '-'}",
        f"published:   {doc.published or '-'}"
        + (f"  ({doc.published_from})" if doc.published_from else ""),
        f"dateline:    {(dl.place or '-') + ' / ' + (dl.outlet or '-') if dl else '-'}",
        f"author:      {doc.author or '-'}",
        f"body:        {len(doc.text)} characters, {len(doc.sentences)} sentences, {len(doc.tokens)} tokens",
    ]
    excerpt = doc.text[:300].replace("\n\n", " ¶ ")
    lines.append(f"             {excerpt}{'…' if len(doc.text) > 300 else ''}")
    if doc.boilerplate:
        lines.append(f"removed:     {len(doc.boilerplate)} lines of site furniture")
        for b in doc.boilerplate:
            text = b.text if len(b.text) <= 70 else b.text[:69] + "…"
            lines.append(f"  [{b.kind:<10}] {text}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Entry point that turns rasd's own errors into one-line messages, not tracebacks."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        error("aborted")
        sys.exit(130)
    except RasdError as exc:
        error(str(exc))
        sys.exit(2)
