"""The FastAPI application: the REST API under ``/api`` and the web UI beside it.

:func:`create_app` wires four things together:

1. the store — one SQLite connection per worker thread (a connection cannot cross
   threads, and keeping it keeps its page cache warm), writes serialised by a lock;
2. the API routes (:mod:`rasd.api.routes`) and the pages with their JSON twins
   (:mod:`rasd.web.pages`), both over the read model in :mod:`rasd.api.queries`;
3. the guards: a request body limit, security headers with a strict
   Content-Security-Policy on every response, and errors that say what was wrong
   (a bad search query is a 400, never a 500);
4. the API documentation at ``/docs``, rendered on the server from the OpenAPI schema
   (``/openapi.json``), so it needs no script from a CDN.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import __version__
from rasd.api.queries import BadRequest, NotFound
from rasd.errors import QueryError, StoreError
from rasd.ingest.readers import DEFAULT_MAX_BYTES
from rasd.pipeline import Pipeline
from rasd.store import facts
from rasd.store.sqlite import Store

# `script-src 'self'`: no inline script at all, so text that slips through as markup
# still cannot run; `style-src 'self'`: no style attributes either (the SVG charts use
# presentation attributes); nothing may frame the pages or be posted elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
    " frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


@dataclass
class Settings:
    """What a server is started with (``rasd serve`` options, ``RASD_*`` variables)."""

    db: str
    # Writes are off without a token; with one, they need `Authorization: Bearer TOKEN`.
    token: str | None = None
    max_body: int = DEFAULT_MAX_BYTES


@dataclass
class State:
    settings: Settings
    _local: threading.local = field(default_factory=threading.local)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Pipeline | None = None

    def store(self) -> Store:
        """This thread's connection to the store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.settings.db)
            self._local.store = store
        return store

    def pipeline(self) -> Pipeline:
        """The analysis pipeline for writes, built on the first write (it loads lexicons)."""
        if self._pipeline is None:
            from rasd.analyze import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline


def state(request: Request) -> State:
    value: State = request.app.state.rasd
    return value


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with a 413, whether or not the client
    declared a Content-Length (a chunked upload is counted as it arrives)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _too_large(send, self.limit)
                return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": f"request body over the limit of {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add the CSP and friends to every response (pages, JSON, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BYTES,
) -> FastAPI:
    """The application over the SQLite store at ``db`` (created and migrated if needed).

    ``token`` enables the write endpoints (``RASD_API_TOKEN`` for ``rasd serve``);
    ``max_body`` caps request bodies, uploads included.
    """
    from rasd.api.routes import router as api_router
    from rasd.web import pages

    settings = Settings(db=str(db), token=token or None, max_body=max_body)
    # 1. Open (and migrate) once up front, so a bad path fails at start, not on the first
    # request; fill the fact tables for documents an older rasd stored without them.
    with Store(settings.db) as store, store.db:
        facts.backfill(store.db)
    app = FastAPI(
        title="rasd",
        version=__version__,
        summary="Arabic news as structured, searchable knowledge: who did what to whom, when, and who said so.",
        docs_url=None,  # the stock /docs loads Swagger UI from a CDN; ours is server-rendered
        redoc_url=None,
    )
    app.state.rasd = State(settings)
    # 2.
    app.include_router(api_router)
    app.include_router(pages.router)
    static = resources.files("rasd.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    # 3.
    _errors(app)
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _errors(app: FastAPI) -> None:
    """Errors as JSON for the API and JSON twins, as a page for the UI."""
    from rasd.web.pages import error_page, wants_json

    def respond(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return error_page(request, status, message)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        if wants_json(request):
            return JSONResponse(
                {"detail": problems, "errors": json.loads(json.dumps(exc.errors(), default=str))},
                status_code=422,
            )
        return error_page(request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        response = respond(request, exc.status_code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
