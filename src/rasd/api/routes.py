"""The REST API under ``/api``: reads for everyone, writes behind a token.

Every read endpoint returns the dict of a :mod:`rasd.api.queries` function as it is, the
same JSON the page at the matching URL serves as its twin (``/api/search?q=…`` equals
``/search.json?q=…``).

Writes (``POST /api/documents``, ``POST /api/documents/batch``) run the analysis
pipeline and store the result. They are off unless the server has a token
(``RASD_API_TOKEN``): then a request needs ``Authorization: Bearer TOKEN``.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import zlib
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rasd.api import queries
from rasd.api.app import State, state
from rasd.api.params import (
    MAX_PARAM,
    Paging,
    Since,
    Text,
    Until,
    date,
    event_filters,
    paging,
    text,
)
from rasd.api.queries import MAX_EXPORT, EventFilters
from rasd.document import Document
from rasd.ingest.readers import read_jsonl
from rasd.pipeline import Drop

router = APIRouter(prefix="/api")

# -- search parameters, shared with the /search page -----------------------------------


class SearchParams(BaseModel):
    q: str = ""
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    type: str | None = None
    modality: str | None = None
    copies: bool = False


def search_params(
    q: Annotated[
        str, Query(max_length=MAX_PARAM, description='Words, "phrases", word*, AND/OR/NOT, ( ).')
    ] = "",
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    entity: Annotated[
        str | None, Query(max_length=MAX_PARAM, description="Entity id, or a name as written.")
    ] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="Documents with an event of this PLOVER type.")
    ] = None,
    modality: Annotated[
        str | None, Query(max_length=40, description="… with an event of this modality.")
    ] = None,
    copies: Annotated[
        bool, Query(description="List every stored copy of a story, not one hit per story.")
    ] = False,
) -> SearchParams:
    return SearchParams(
        q=q.strip(), since=date("since", since), until=date("until", until), outlet=text(outlet),
        entity=text(entity), type=text(type), modality=text(modality), copies=copies,
    )  # fmt: skip


def run_search(st: State, p: SearchParams, page: Paging) -> dict[str, Any]:
    return queries.search(
        st.store(), p.q, since=p.since, until=p.until, outlet=p.outlet, entity=p.entity,
        type=p.type, modality=p.modality, copies=p.copies, limit=page.size, offset=page.offset,
    )  # fmt: skip


# -- reads -----------------------------------------------------------------------------


@router.get("/stats", summary="Counts, latest articles, top entities")
def api_stats(st: Annotated[State, Depends(state)]) -> dict[str, Any]:
    return queries.stats(st.store())


@router.get("/search", summary="Full-text search with filters and facets")
def api_search(
    st: Annotated[State, Depends(state)],
    p: Annotated[SearchParams, Depends(search_params)],
    page: Annotated[Paging, Depends(paging(20))],
) -> dict[str, Any]:
    """Matches whatever the spelling (diacritics, alef/ya/ta-marbuta, clitics:
    ``روسيا`` finds ``وروسيا``). Snippets are pieces of the original text as
    ``{"text", "match"}`` segments. A query FTS5 cannot parse is a 400."""
    return run_search(st, p, page)


@router.get("/documents", summary="Stored articles, newest first")
def api_documents(
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(20))],
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    copies: bool = False,
) -> dict[str, Any]:
    return queries.documents(
        st.store(), since=date("since", since), until=date("until", until), outlet=text(outlet),
        copies=copies, limit=page.size, offset=page.offset,
    )  # fmt: skip


@router.get("/documents/{doc_id}", summary="One article (id or unique id prefix)")
def api_document(st: Annotated[State, Depends(state)], doc_id: str) -> dict[str, Any]:
    return queries.document(st.store(), doc_id)


@router.get("/entities", summary="Entities by the number of articles mentioning them")
def api_entities(
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(50))],
    q: Text = None,
    type: Annotated[
        str | None, Query(max_length=20, description="PER, ORG, GPE, LOC, FAC, NORP, MISC.")
    ] = None,
) -> dict[str, Any]:
    return queries.entities(
        st.store(), q=text(q), type=text(type), limit=page.size, offset=page.offset
    )


@router.get("/entities/{entity_id:path}", summary="One entity: roles, timeline, partners, tone")
def api_entity(
    st: Annotated[State, Depends(state)],
    entity_id: str,
    since: Since = None,
    until: Until = None,
    copies: bool = False,
) -> dict[str, Any]:
    return queries.entity(
        st.store(), entity_id, since=date("since", since), until=date("until", until), copies=copies
    )


@router.get("/events", summary="Events with filters (JSON or CSV)", response_model=None)
def api_events(
    st: Annotated[State, Depends(state)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    page: Annotated[Paging, Depends(paging(50))],
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> dict[str, Any] | Response:
    if format == "csv":
        return events_csv(st, filters)
    return queries.events(st.store(), filters, limit=page.size, offset=page.offset)


def events_csv(st: State, filters: EventFilters) -> Response:
    """Up to MAX_EXPORT rows as CSV; more with ``rasd export events``."""
    result = queries.events(st.store(), filters, limit=MAX_EXPORT, offset=0)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=result["columns"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(result["events"])
    headers = {
        "content-disposition": 'attachment; filename="events.csv"',
        "x-total-count": str(result["total"]),
    }
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/relations", summary="Actor network: edges actor → recipient")
def api_relations(
    st: Annotated[State, Depends(state)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    by: Annotated[str, Query(pattern="^(entity|code|country)$")] = "entity",
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 1,
    nodes: Annotated[int, Query(ge=2, le=150)] = 40,
) -> dict[str, Any]:
    return queries.relations(st.store(), filters, by=by, min_events=min_events, nodes=nodes)


@router.get("/quotes", summary="Attributed quotes")
def api_quotes(
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(50))],
    speaker: Text = None,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    copies: bool = False,
) -> dict[str, Any]:
    return queries.quotes(
        st.store(), speaker=text(speaker), q=text(q), since=date("since", since),
        until=date("until", until), outlet=text(outlet), copies=copies, limit=page.size,
        offset=page.offset,
    )  # fmt: skip


# -- writes ----------------------------------------------------------------------------


class DocumentIn(BaseModel):
    """One article: ``text`` (a page saved as text, or with ``title`` an extracted
    body) or ``html`` (a web page)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(
        None, description="Plain text: a saved page, or a body when title is given."
    )
    html: str | None = Field(None, description="An HTML page (used when text is absent).")
    title: str | None = None
    published: str | None = Field(None, description="ISO date; otherwise found in the text.")
    url: str | None = None
    id: str | None = Field(None, description="Your id for the record (kept as source.id).")


def require_token(request: Request) -> None:
    """Writes need the server's token; without one configured they are off."""
    token = state(request).settings.token
    if not token:
        raise HTTPException(
            403, "writes are off on this server: start it with RASD_API_TOKEN set to enable them"
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # compare_digest takes as long whatever the bytes, so timing tells nothing of the token.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        value.strip().encode(), token.encode()
    ):
        raise HTTPException(
            401,
            "a write needs the header 'Authorization: Bearer <token>' with the server's token",
            headers={"WWW-Authenticate": 'Bearer realm="rasd"'},
        )


def _store_items(st: State, items: Iterable[Document | Drop]) -> dict[str, Any]:
    counts = {"added": 0, "updated": 0, "unchanged": 0, "quarantined": 0}
    stored: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    store = st.store()
    with st.write_lock:
        for item in st.pipeline().run(items):
            if isinstance(item, Drop):
                if item.skipped:
                    continue
                store.quarantine(item)
                counts["quarantined"] += 1
                errors.append({"source": item.source, "reason": item.reason})
                continue
            status = store.upsert(item)
            counts[status] += 1
            stored.append(
                {
                    "id": item.id,
                    "status": status,
                    "title": item.title,
                    "published": item.published,
                    "url": f"/documents/{item.id}",
                }
            )
    return {**counts, "documents": stored, "errors": errors}


@router.post(
    "/documents",
    summary="Analyse and store one article (token required)",
    dependencies=[Depends(require_token)],
    responses={
        201: {"description": "Added"},
        200: {"description": "Already stored (updated or unchanged)"},
        401: {"description": "No or wrong token"},
        403: {"description": "Writes are off on this server"},
        413: {"description": "Body over the limit"},
        422: {"description": "Not an article (empty, binary…): the reason"},
    },
    response_model=None,
)
async def api_post_document(request: Request) -> JSONResponse:
    """The body is JSON (:class:`DocumentIn`), or the page itself as ``text/plain`` or
    ``text/html``. The article goes through the same reader and pipeline as a JSONL
    record given to ``rasd ingest``."""
    st = state(request)
    body = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("text/plain", "text/html"):
        decoded = body.decode("utf-8", errors="replace")
        record: dict[str, Any] = {"html" if kind == "text/html" else "text": decoded}
    else:
        try:
            record = DocumentIn.model_validate_json(body).model_dump(exclude_none=True)
        except ValueError as exc:
            raise HTTPException(422, f"expected a JSON object like DocumentIn: {exc}") from exc
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    # Analysis is CPU work: off the event loop, in the same pool as the sync endpoints.
    result = await run_in_threadpool(
        _store_items, st, read_jsonl(io.BytesIO(line), name="api", max_bytes=st.settings.max_body)
    )
    if result["errors"]:
        return JSONResponse({"detail": result["errors"][0]["reason"], **result}, status_code=422)
    doc = result["documents"][0]
    return JSONResponse(doc, status_code=201 if doc["status"] == "added" else 200)


@router.post(
    "/documents/batch",
    summary="Analyse and store a JSONL upload (token required)",
    dependencies=[Depends(require_token)],
    response_model=None,
)
async def api_post_batch(request: Request) -> JSONResponse:
    """The body is JSONL (``application/x-ndjson``), gzip-compressed or not: one record
    ``{"id", "text" | "html", "title"?, "published"?, "url"?}`` a line, as for
    ``rasd ingest``. Bad lines are reported (and quarantined); the rest is stored."""
    st = state(request)
    body = await request.body()
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, st.settings.max_body)
    result = await run_in_threadpool(
        _store_items,
        st,
        read_jsonl(io.BytesIO(body), name="upload", max_bytes=st.settings.max_body),
    )
    return JSONResponse(result, status_code=200)


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress, refusing to inflate past ``limit`` (a small bomb is a big file)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise HTTPException(400, f"body looks gzip-compressed but is not: {exc}") from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise HTTPException(413, f"decompressed body over the limit of {limit} bytes")
    return out
