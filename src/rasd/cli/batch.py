"""``rasd batch``, ``rasd load`` and ``rasd export``: the researcher's path from a corpus to
tables."""

from __future__ import annotations

import sys

import click

from rasd.cli.output import error


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the per-shard Parquet files (reused on rerun).",
)
@click.option(
    "--workers", type=click.IntRange(1), help="Local worker processes (default: one per core)."
)
@click.option(
    "--scheduler",
    metavar="ADDR",
    help="A running Dask scheduler, e.g. tcp://head:8786 (dask-jobqueue on Slurm).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=500,
    show_default=True,
    help="Records per shard.",
)
@click.option(
    "--load", "load_db", metavar="DB", help="Load the results into this SQLite store when done."
)
@click.option("--progress/--no-progress", default=True, show_default=True)
def batch(
    inputs: tuple[str, ...],
    out: str,
    workers: int | None,
    scheduler: str | None,
    shard_size: int,
    load_db: str | None,
    progress: bool,
) -> None:
    """Analyse a corpus in shards on Dask, writing Parquet per shard to --out.

    INPUTS are JSONL(.gz) files, WARC(.gz) files and folders of text or HTML pages.
    A rerun skips finished shards, so an interrupted batch resumes where it stopped.
    """
    from tqdm import tqdm

    from rasd.batch import load as load_shards
    from rasd.batch import run_batch

    bar = tqdm(unit="doc", disable=not progress, dynamic_ncols=True)

    def update(report: object, planned: int) -> None:
        assert hasattr(report, "documents")
        bar.total = planned
        bar.n = report.documents + report.quarantined  # type: ignore[attr-defined]
        bar.refresh()

    try:
        result = run_batch(
            inputs,
            out,
            workers=workers,
            scheduler=scheduler,
            shard_size=shard_size,
            progress=update,
        )
    finally:
        bar.close()
    if result.dashboard:
        click.echo(f"Dask dashboard: {result.dashboard}", err=True)
    click.echo(
        f"{result.shards} shards: {result.done} done, {result.skipped} already finished, {len(result.failed)} failed; "
        f"{result.documents} documents, {result.quarantined} quarantined in {result.seconds:.1f} s "
        f"({result.docs_per_second:.1f} docs/s) → {out}"
    )
    for shard_id, problem in result.failed:
        error(f"shard {shard_id}: {problem}")
    if load_db and not result.failed:
        report = load_shards(out, load_db)
        click.echo(_load_line(report, load_db))
    sys.exit(1 if result.failed else 0)


@click.command("load")
@click.argument("out", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--db", required=True, type=click.Path(dir_okay=False), help="SQLite store to load into."
)
def load_cmd(out: str, db: str) -> None:
    """Load the finished shards of a batch folder into the store (idempotent)."""
    from rasd.batch import load as load_shards

    report = load_shards(out, db)
    click.echo(_load_line(report, db))
    if report.incomplete:
        click.echo(
            f"rasd: {report.incomplete} unfinished shard folders were ignored: rerun `rasd batch`",
            err=True,
        )


def _load_line(report: object, db: str) -> str:
    c = report.counts  # type: ignore[attr-defined]
    return (
        f"loaded {report.shards} shards: {c.added} added, {c.updated} updated, "  # type: ignore[attr-defined]
        f"{c.unchanged} unchanged, {c.quarantined} quarantined into {db}"
    )


@click.command()
@click.argument(
    "kind", type=click.Choice(["documents", "mentions", "entities", "events", "quotes"])
)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "jsonl"]),
    default="csv",
    show_default=True,
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Output file (default: stdout; required for Parquet).",
)
@click.option("--since", metavar="YYYY-MM-DD")
@click.option("--until", metavar="YYYY-MM-DD")
@click.option("--outlet")
@click.option(
    "--actor",
    help="Actor code prefix (RUS, IRNGOV), entity id or name; events: any member of either side.",
)
@click.option(
    "--type", "type_", help="Event type (PLOVER, e.g. CONSULT) or entity type (PER, ORG, GPE…)."
)
@click.option(
    "--layout",
    type=click.Choice(["rasd", "polecat", "cameo"]),
    default="rasd",
    show_default=True,
    help="Events only: column layout.",
)
def export(
    kind: str,
    db: str,
    fmt: str,
    out: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
    actor: str | None,
    type_: str | None,
    layout: str,
) -> None:
    """Export a table of the store as CSV, Parquet or JSONL, with filters.

    Events have three layouts: rasd (all columns), polecat (PLOVER type/mode/context,
    actor and recipient name/country/sector, date, place, score, source URL, sentence;
    the members of a compound actor or recipient joined with ";") and cameo (GDELT-like
    actor codes, CAMEO code, Goldstein score, quad class; one row per pair of members).
    """
    from rasd.export import frame, write

    df = frame(
        db, kind, since=since, until=until, outlet=outlet, actor=actor, type=type_, layout=layout
    )
    write(df, fmt, out)
    if out:
        click.echo(f"{len(df)} {kind} rows → {out}", err=True)
