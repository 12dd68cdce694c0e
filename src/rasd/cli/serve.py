"""``rasd serve``: the REST API and the web UI over a store (:func:`rasd.api.create_app`)."""

from __future__ import annotations

import os

import click

from rasd.ingest.readers import DEFAULT_MAX_BYTES


@click.command()
@click.option(
    "--db",
    default=lambda: os.environ.get("RASD_DB", "rasd.db"),
    show_default="$RASD_DB or rasd.db",
    type=click.Path(dir_okay=False),
    help="SQLite database file (created on first use).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--max-body",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body in bytes (uploads included); larger ones get a 413.",
)
def serve(db: str, host: str, port: int, max_body: int) -> None:
    """Serve the web UI and the REST API (OpenAPI docs at /docs).

    Pages: /search?q=…, /documents/ID, /entities/ID, /events, /relations, /quotes; each
    has a JSON twin (the URL + .json). The API is under /api. Writes (POST
    /api/documents, /api/documents/batch) are off unless RASD_API_TOKEN is set; then a
    request needs the header 'Authorization: Bearer TOKEN'.
    """
    # Imported here: the server stack is not needed for any other command.
    import uvicorn

    from rasd.api import create_app

    token = os.environ.get("RASD_API_TOKEN") or None
    app = create_app(db, token=token, max_body=max_body)
    click.echo(
        f"rasd: serving {db} on http://{host}:{port}/ (API docs at /docs;"
        f" writes {'on' if token else 'off: set RASD_API_TOKEN to enable them'})",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
