"""``rasd fetch``: download a URL list politely, then analyse (and store) what came back."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TextIO

import click

from rasd.analyze import default_pipeline
from rasd.cli.output import DropReport, dumps
from rasd.ingest.fetch import DEFAULT_USER_AGENT, FetchConfig, Fetcher
from rasd.store import open_store


@click.command()
@click.argument("url_file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--db", type=click.Path(dir_okay=False), help="Store the articles in this SQLite database."
)
@click.option(
    "--warc",
    "warc_path",
    type=click.Path(dir_okay=False),
    help="Archive every response in this WARC file (gzip).",
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to one host (robots.txt Crawl-delay wins if longer).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=20.0,
    show_default=True,
    help="Seconds per request.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Retries on timeouts, connection errors, 429 and 5xx.",
)
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True)
@click.option(
    "--ignore-robots", is_flag=True, help="Do not read robots.txt (only for sites you own)."
)
def fetch(
    url_file: TextIO,
    db: str | None,
    warc_path: str | None,
    delay: float,
    timeout: float,
    retries: int,
    user_agent: str,
    ignore_robots: bool,
) -> None:
    """Download the URLs in URL_FILE (one per line, # for comments; - for stdin) politely,
    and analyse the pages and feeds that come back.

    Without --db the documents are printed as JSONL; with --db they are stored. Failures
    are reported on stderr (and quarantined with --db); the exit code is then 1.
    """
    config = FetchConfig(
        user_agent=user_agent,
        delay=delay,
        timeout=timeout,
        retries=retries,
        respect_robots=not ignore_robots,
    )
    report = DropReport()
    with ExitStack() as stack:
        warc = stack.enter_context(open(warc_path, "ab")) if warc_path else None
        fetcher = Fetcher(config, warc=warc)
        stack.callback(fetcher.close)
        results = default_pipeline().run(fetcher.fetch(url_file))
        if db:
            store = stack.enter_context(open_store(db))
            counts = store.ingest(report.items(results))
            click.echo(
                f"{counts.added} added, {counts.updated} updated, {counts.unchanged} unchanged, "
                f"{counts.quarantined} quarantined, {counts.skipped} skipped; {store.count()} documents in {db}"
            )
        else:
            for doc in report.documents(results):
                click.echo(dumps(doc.to_dict()))
    report.summarise()
    sys.exit(1 if report.failed else 0)
