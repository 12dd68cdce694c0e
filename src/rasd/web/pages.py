"""The web UI: server-rendered pages, each with a JSON twin.

Every page is registered twice, at its URL and at the URL + ``.json``; the handler
builds the page's data with a :mod:`rasd.api.queries` function (the same call its
``/api`` endpoint makes) and either renders it or returns it as JSON — JSON also when
the request asks with ``Accept: application/json``. So what a page shows and what the
API returns cannot drift apart.

The interface is Arabic and right-to-left by default; ``?lang=en`` (remembered in a
cookie) switches it to English. Article text is shown as stored, whatever the language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from rasd.api import queries
from rasd.api.app import State, state
from rasd.api.params import MAX_PARAM, Paging, Since, Text, Until, date, event_filters, paging, text
from rasd.api.queries import EventFilters
from rasd.api.routes import SearchParams, events_csv, run_search, search_params
from rasd.errors import QueryError
from rasd.web import i18n, render, svg

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    return render.environment()


def wants_json(request: Request) -> bool:
    """The JSON twin: a ``.json`` URL, the API, or a client that asks for JSON only."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def translator(request: Request) -> i18n.Translator:
    return i18n.Translator(
        i18n.pick_lang(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE))
    )


def _page_path(request: Request) -> str:
    path = request.url.path
    if path == "/index.json":
        return "/"
    return path.removesuffix(".json")


def _query(request: Request, **changes: Any) -> dict[str, str]:
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    if "page" not in changes:
        params.pop("page", None)  # a new filter starts from the first page
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return params


def render_page(
    request: Request, template: str, data: dict[str, Any], *, status: int = 200, **extra: Any
) -> Response:
    """The page, or its JSON twin."""
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    t = translator(request)
    path = _page_path(request)

    def url_with(**changes: Any) -> str:
        query = urlencode(_query(request, **changes))
        return path + ("?" + query if query else "")

    def url_keep(**changes: Any) -> str:  # pagination: keep the page unless changed
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        params.update({k: str(v) for k, v in changes.items()})
        return path + "?" + urlencode(params)

    twin = ("/index" if path == "/" else path) + ".json"
    query = urlencode({k: v for k, v in request.query_params.items() if k != "lang"})
    html = (
        env()
        .get_template(template)
        .render(
            t=t,
            data=data,
            path=path,
            url_with=url_with,
            url_keep=url_keep,
            twin_url=twin + ("?" + query if query else ""),
            lang_url=url_keep(lang="en" if t.lang == "ar" else "ar"),
            event_types=list(i18n.EVENT_TYPES),
            modalities=list(i18n.MODALITIES),
            entity_types=list(i18n.ENTITY_TYPES),
            **extra,
        )
    )
    response = HTMLResponse(html, status_code=status)
    chosen = request.query_params.get("lang")
    if chosen in i18n.LANGS:
        response.set_cookie(
            i18n.COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", httponly=True
        )
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    return render_page(request, "error.html", {"detail": message, "status": status}, status=status)


def twin(path: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a page handler at ``path`` and at its JSON twin."""
    json_path = "/index.json" if path == "/" else path + ".json"

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        # The .json route first: `/documents/{id}` would otherwise take `abc.json` as an id.
        router.add_api_route(json_path, fn, methods=["GET"], response_model=None)
        router.add_api_route(path, fn, methods=["GET"], response_model=None)
        return fn

    return register


def pages_of(total: int, page: Paging) -> dict[str, Any]:
    last = max(1, -(-total // page.size))
    return {"page": page.page, "last": last, "size": page.size, "total": total}


# -- pages -----------------------------------------------------------------------------


@twin("/")
def home(request: Request, st: Annotated[State, Depends(state)]) -> Response:
    return render_page(request, "home.html", queries.stats(st.store()), nav="home")


@twin("/search")
def search_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    p: Annotated[SearchParams, Depends(search_params)],
    page: Annotated[Paging, Depends(paging(20))],
) -> Response:
    try:
        data = run_search(st, p, page)
    except QueryError as exc:
        if wants_json(request):
            raise
        # The form stays, with the message, so the analyst can fix the query.
        data = {
            "query": p.q,
            "filters": {},
            "total": 0,
            "hits": [],
            "facets": {},
            "error": str(exc),
        }
        return render_page(request, "search.html", data, status=400, nav="search", pager=None)
    return render_page(
        request, "search.html", data, nav="search", pager=pages_of(data["total"], page)
    )


@twin("/documents")
def documents_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(20))],
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    copies: bool = False,
) -> Response:
    data = queries.documents(
        st.store(), since=date("since", since), until=date("until", until), outlet=text(outlet),
        copies=copies, limit=page.size, offset=page.offset,
    )  # fmt: skip
    return render_page(
        request, "documents.html", data, nav="documents", pager=pages_of(data["total"], page)
    )


@twin("/documents/{doc_id}")
def document_page(request: Request, st: Annotated[State, Depends(state)], doc_id: str) -> Response:
    data = queries.document(st.store(), doc_id)
    t = translator(request)
    doc = data["document"]
    body = render.pieces(doc["text"], render.article_marks(doc, t))
    names = {e["id"]: e for e in doc.get("entities", [])}
    return render_page(request, "document.html", data, nav="documents", body=body, names=names)


@twin("/entities")
def entities_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(50))],
    q: Text = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    data = queries.entities(
        st.store(), q=text(q), type=text(type), limit=page.size, offset=page.offset
    )
    return render_page(
        request, "entities.html", data, nav="entities", pager=pages_of(data["total"], page)
    )


@twin("/entities/{entity_id:path}")
def entity_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    entity_id: str,
    since: Since = None,
    until: Until = None,
    copies: bool = False,
) -> Response:
    data = queries.entity(
        st.store(), entity_id, since=date("since", since), until=date("until", until), copies=copies
    )
    chart = svg.tone_chart(data["series"]) if data["series"] else None
    return render_page(request, "entity.html", data, nav="entities", chart=chart)


@twin("/events")
def events_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    page: Annotated[Paging, Depends(paging(50))],
) -> Response:
    data = queries.events(st.store(), filters, limit=page.size, offset=page.offset)
    query = urlencode(
        {k: v for k, v in request.query_params.items() if k not in ("lang", "page", "size")}
    )
    return render_page(
        request, "events.html", data, nav="events", pager=pages_of(data["total"], page),
        csv_url="/events.csv" + ("?" + query if query else ""),
    )  # fmt: skip


@router.get("/events.csv", response_model=None)
def events_csv_page(
    st: Annotated[State, Depends(state)],
    filters: Annotated[EventFilters, Depends(event_filters)],
) -> Response:
    return events_csv(st, filters)


@twin("/relations")
def relations_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    filters: Annotated[EventFilters, Depends(event_filters)],
    by: Annotated[str, Query(pattern="^(entity|code|country)$")] = "entity",
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 1,
    nodes: Annotated[int, Query(ge=2, le=150)] = 40,
) -> Response:
    data = queries.relations(st.store(), filters, by=by, min_events=min_events, nodes=nodes)
    graph = svg.network(data["nodes"], data["edges"]) if data["edges"] else None
    # The click-through of an edge: the events it counts, with the same filters.
    base = {k: v for k, v in filters.as_dict().items() if k != "by"}
    base["by"] = by
    return render_page(
        request, "relations.html", data, nav="relations", graph=graph,
        edge_query=lambda s, r: urlencode({**base, "actor": s, "recipient": r}),
        node_query=lambda k: urlencode({**base, "party": k}),
    )  # fmt: skip


@twin("/quotes")
def quotes_page(
    request: Request,
    st: Annotated[State, Depends(state)],
    page: Annotated[Paging, Depends(paging(50))],
    speaker: Text = None,
    q: Annotated[str | None, Query(max_length=MAX_PARAM)] = None,
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    copies: bool = False,
) -> Response:
    data = queries.quotes(
        st.store(), speaker=text(speaker), q=text(q), since=date("since", since),
        until=date("until", until), outlet=text(outlet), copies=copies, limit=page.size,
        offset=page.offset,
    )  # fmt: skip
    return render_page(
        request, "quotes.html", data, nav="quotes", pager=pages_of(data["total"], page)
    )


@twin("/docs")
def api_docs_page(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (its twin is the schema)."""
    schema = request.app.openapi()
    if wants_json(request):
        return JSONResponse(schema)
    operations = []
    for route, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_type(p.get("schema", {})),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": list(op.get("requestBody", {}).get("content", {})),
                }
            )
    return render_page(request, "api_docs.html", {"operations": operations}, nav="api")


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    return str(schema.get("type", "any"))
