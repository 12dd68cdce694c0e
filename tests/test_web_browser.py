"""The web UI in a real browser: headless Chromium (Debian's ``chromium``, installed by
``.ci/run``) driven by Playwright's Python package, against ``rasd serve``'s app on a
loopback port. Nothing is downloaded: Playwright is pointed at ``/usr/bin/chromium``.

Each test saves a screenshot; the folder is printed at the end of the run (set
``RASD_SCREENSHOTS`` to choose it). The tests skip when Chromium or Playwright is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from rasd.api import create_app
from web_helpers import HOSTILE_ENTITY, build_store

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("RASD_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def store_ids(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[Path, dict[str, str]]:
    seed = (
        Path(__file__).resolve().parents[1].parent / "shared/fixtures/seed/almasalla-2022-11-13.txt"
    )
    db = tmp_path_factory.mktemp("browser") / "rasd.db"
    text = seed.read_text(encoding="utf-8") if seed.is_file() else None
    return db, build_store(db, seed_text=text)


@pytest.fixture(scope="module")
def base_url(store_ids: tuple[Path, dict[str, str]]) -> Iterator[str]:
    import uvicorn

    db, _ = store_ids
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Path]:
    folder = Path(os.environ.get("RASD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    names = sorted(p.name for p in folder.glob("*.png"))
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if names and capture is not None:
        # Past pytest's output capture, so the folder shows in a plain `pytest -q` run.
        with capture.global_and_fixture_disabled():
            print(f"\nrasd web screenshots ({', '.join(names)}): {folder}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    if path is None:
        pytest.skip("no Chromium (apt-get install chromium): browser tests skipped")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Watched:
    """A page with every dialog (alert/confirm/prompt) and CSP report recorded."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **context)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.close()


def _needs_seed(ids: dict[str, str]) -> None:
    if "seed" not in ids:
        pytest.skip("../shared/fixtures/seed is absent")


def test_web_browser_search_finds_the_seed(
    watched: Watched, base_url: str, store_ids: tuple[Path, dict[str, str]], shots: Path
) -> None:
    _, ids = store_ids
    _needs_seed(ids)
    page = watched.page
    # As a reader would: the home page's search box, typed into, Enter.
    page.goto(base_url + "/")
    page.fill("input[name=q]", "بوتين")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("ol.hits > li")
    assert hits.count() >= 2
    links = [hits.nth(i).locator("h3 a").get_attribute("href") for i in range(hits.count())]
    assert f"/documents/{quote(ids['seed'], safe='')}" in links
    # The match is highlighted in the original spelling, in titles and snippets.
    marks = page.locator("ol.hits mark").all_inner_texts()
    assert marks
    assert all("بوتين" in m for m in marks)
    assert page.locator("aside.facets li").count() > 0
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    assert not watched.dialogs


def test_web_browser_article_highlights_entities_events_quotes(
    watched: Watched, base_url: str, store_ids: tuple[Path, dict[str, str]], shots: Path
) -> None:
    _, ids = store_ids
    _needs_seed(ids)
    page = watched.page
    page.goto(f"{base_url}/documents/{quote(ids['seed'], safe='')}")
    body = page.locator(".doc-main .body")
    assert body.locator(".m").count() >= 20  # entity mentions
    assert body.locator(".m-PER").count() >= 5
    assert body.locator(".ev").count() == 7  # one trigger per event
    assert body.locator(".q").count() >= 4
    putin = body.locator("a.m-PER", has_text="فلاديمير بوتين").first
    assert putin.get_attribute("href") == "/entities/Q7747"
    assert "Q7747" in (putin.get_attribute("data-tip") or "")
    assert page.locator(".side-events > li").count() == 7
    assert page.locator(".side-quotes > li").count() == 4
    # The removed boilerplate is there, collapsed.
    details = page.locator("details.boilerplate")
    assert details.count() == 1
    assert details.get_attribute("open") is None
    # Hovering shows the tooltip (type, link, modality) — kept in the screenshot.
    body.locator(".ev").first.hover()
    tip = page.evaluate(
        "getComputedStyle(document.querySelector('.body .ev:hover'), '::after').content"
    )
    assert "CONSULT" in tip
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    assert not watched.dialogs
    assert not [c for c in watched.console if "Content Security Policy" in c]


def test_web_browser_entity_page_renders_its_chart(
    watched: Watched, base_url: str, shots: Path
) -> None:
    page = watched.page
    page.goto(f"{base_url}/entities/Q7747")
    chart = page.locator("svg.chart")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 100
    assert page.locator("svg.chart rect.bar").count() >= 6  # six months of cooperation
    assert page.locator("svg.chart circle.pt").count() >= 6  # the mean score line
    assert page.locator("table.partners tbody tr").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 6
    page.screenshot(path=str(shots / "entity.png"), full_page=True)


def test_web_browser_relations_page_renders_its_graph(
    watched: Watched, base_url: str, shots: Path
) -> None:
    page = watched.page
    page.goto(f"{base_url}/relations")
    graph = page.locator("svg.graph")
    assert graph.count() == 1
    nodes = page.locator("svg.graph a.node")
    edges = page.locator("svg.graph a.edge")
    assert nodes.count() >= 4
    assert edges.count() >= 3
    box = graph.bounding_box()
    assert box is not None
    assert box["width"] > 500
    # Every node is drawn inside the picture.
    for i in range(nodes.count()):
        b = nodes.nth(i).locator("circle").bounding_box()
        assert b is not None
        assert box["x"] <= b["x"]
        assert b["x"] + b["width"] <= box["x"] + box["width"]
    page.screenshot(path=str(shots / "relations.png"), full_page=True)
    # Hovering an actor dims the links that do not touch it (rasd.js).
    nodes.first.hover()
    assert "dim" in (graph.get_attribute("class") or "")
    # Click-through: the edge's events.
    target = page.locator("table.edges a").first
    expected = int(target.inner_text())
    target.click()
    page.wait_for_url("**/events?*")
    assert page.locator("table.events tbody tr").count() == expected
    page.screenshot(path=str(shots / "relations-edge-events.png"), full_page=True)
    assert not watched.dialogs


def test_web_browser_hostile_document_is_inert(
    watched: Watched, base_url: str, store_ids: tuple[Path, dict[str, str]], shots: Path
) -> None:
    _, ids = store_ids
    page = watched.page
    urls = [
        f"/documents/{quote(ids['hostile'], safe='')}",
        "/search?q=المتحدث",
        f"/entities/{quote(HOSTILE_ENTITY, safe='')}",
        "/events",
        "/quotes",
        "/relations",
        "/entities",
    ]
    for url in urls:
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        # Hover every annotation: an onmouseover in the data would fire now.
        for el in page.locator("[data-tip]").all()[:20]:
            el.hover()
        # No element came from the data: our one script, no images, frames or SVG handlers.
        scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
        assert scripts == [base_url + "/static/rasd.js"], url
        assert page.locator("img, iframe, object, embed").count() == 0, url
        assert (
            page.locator('a[href^="javascript:"], [onerror], [onload], [onmouseover]').count() == 0
        ), url
        if url.startswith("/documents/"):
            page.screenshot(path=str(shots / "hostile.png"), full_page=True)
            text = page.locator(".doc-main .body").inner_text()
            assert "<script>alert(1)</script>" in text  # shown as text
            assert '<img src=x onerror="alert(2)">' in text
            assert page.locator(".doc-main .body .ctl").count() == 4  # RLO, PDF, LRI, PDI shown
            assert "\u202e" not in page.title()
            assert page.locator(".doc-head a[href^=javascript]").count() == 0
    page.wait_for_timeout(300)  # give any deferred handler the chance to fire
    assert watched.dialogs == []
    assert all(r.startswith(base_url) for r in watched.requests), watched.requests


def test_web_browser_english_interface(watched: Watched, base_url: str, shots: Path) -> None:
    page = watched.page
    page.goto(base_url + "/?lang=en")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("header.top nav a").first.inner_text() == "Search"
    # The choice is remembered (cookie) on the next page.
    page.goto(base_url + "/events")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.screenshot(path=str(shots / "events-en.png"), full_page=True)
    page.goto(base_url + "/events?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
