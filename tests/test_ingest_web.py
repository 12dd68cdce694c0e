"""Web inputs: HTML pages, WARC files, RSS/Atom feeds and polite fetching from a local
HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.analyze import analyze_paths
from rasd.cli.main import cli
from rasd.document import Document
from rasd.extract.html import _copyright_fallback
from rasd.ingest.fetch import FetchConfig, Fetcher
from rasd.ingest.readers import read_inputs, sniff_format
from rasd.pipeline import Drop
from rasd.store import open_store

BODY = (
    "<p>عمّان - وكالات: أجرى وزير الخارجية الأردني اتصالًا هاتفيًا الجمعة بنظيره العراقي، "
    "بحثا خلاله سبل تعزيز التعاون بين البلدين في مجالي الطاقة والنقل.</p>"
    "<p>وقال البيان إن الجانبين أكدا أهمية المضي في تنفيذ مشروع أنبوب النفط الممتد من البصرة "
    "إلى ميناء العقبة، وتسريع العمل على الربط الكهربائي بين الشبكتين.</p>"
)


def page(
    title: str, *, head: str = "", byline: str = "", body: str = BODY, charset: str = "utf-8"
) -> str:
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}"><title>{title}</title>{head}</head>'
        f'<body><nav><a href="/">الرئيسية</a> » <a href="/news">أخبار</a></nav>'
        f"<article><h1>{title}</h1><div class='byline'>{byline}</div>{body}</article>"
        "<footer>جميع الحقوق محفوظة © 2021 موقع الخبر</footer></body></html>"
    )


def analyze_html(html: str | bytes, tmp_path: Path, name: str = "p.html") -> Document:
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    (doc,) = analyze_paths([str(path)])
    assert isinstance(doc, Document), doc
    return doc


# -- HTML ------------------------------------------------------------------------------


def test_html_article_fields_and_footer_year_is_not_the_date(tmp_path: Path) -> None:
    doc = analyze_html(
        page(
            "الأردن والعراق يبحثان التعاون",
            byline="بقلم: سامر الخطيب | ١٣ تشرين الثاني/نوفمبر ٢٠٢٢",
        ),
        tmp_path,
    )
    assert doc.source.format == "html"
    assert doc.title == "الأردن والعراق يبحثان التعاون"
    assert doc.published == "2022-11-13"
    assert doc.published_from == "byline"
    assert doc.author == "سامر الخطيب"
    assert doc.dateline is not None
    assert doc.dateline.place == "عمّان"
    assert doc.text.startswith("أجرى وزير الخارجية")
    # htmldate's last resort is the footer's © year (2021-01-01): never taken.
    assert doc.meta.get("date_rejected", {"value": "2021-01-01"})["value"] == "2021-01-01"
    assert _copyright_fallback("2021-01-01", ["جميع الحقوق محفوظة © 2021 موقع الخبر"])
    assert not _copyright_fallback("2021-01-01", ["نشر في 1 يناير 2021"])


def test_html_meta_date_is_strongest_evidence(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2022-11-12T21:00:00+03:00">'
    doc = analyze_html(page("عنوان الخبر هنا", head=head, byline="13 نوفمبر، 2022"), tmp_path)
    assert (doc.published, doc.published_from) == ("2022-11-12", "meta")
    assert doc.published_confidence is not None
    assert doc.published_confidence >= 0.9
    assert {c["source"] for c in doc.meta["date_candidates"]} >= {"meta", "byline"}


def test_html_json_ld_date(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2023-03-12T08:00:00Z",
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    doc = analyze_html(page("عنوان الخبر هنا", head=head), tmp_path)
    assert (doc.published, doc.published_from) == ("2023-03-12", "meta")


def test_html_windows_1256_meta_charset(tmp_path: Path) -> None:
    html = page("خبر بترميز ويندوز", charset="windows-1256")
    doc = analyze_html(html.encode("cp1256"), tmp_path)
    assert doc.source.encoding == "cp1256"
    assert "وزير الخارجية الأردني" in doc.text


def test_html_surviving_related_list_goes_to_boilerplate(tmp_path: Path) -> None:
    body = (
        BODY
        + "<p>اقرأ أيضاً:</p><p>الأردن يستضيف اجتماعا إقليميا حول المياه</p>"
        + (
            "<p>وأشار الوزيران إلى أن اللجنة العليا المشتركة ستعقد اجتماعها المقبل في بغداد قبل نهاية العام.</p>"
        )
    )
    doc = analyze_html(page("عنوان الخبر هنا", body=body), tmp_path)
    assert "اقرأ أيضاً" not in doc.text
    assert "الأردن يستضيف" not in doc.text
    assert "اللجنة العليا المشتركة" in doc.text
    assert {b.kind for b in doc.boilerplate} >= {"related"}


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"<!DOCTYPE html><html>", "html"),
        (b"  <html lang='ar'>", "html"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0">', "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "rss"),
        (b'{"id": 1, "text": "x"}', "jsonl"),
        ("بغداد/المسلة: نص".encode(), "text"),
        (gzip.compress(b"WARC/1.0\r\n"), "warc"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head) == fmt


# -- WARC ------------------------------------------------------------------------------


def write_warc(path: Path, *, cut_last: bool = False) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(
            uri: str,
            status: str,
            ctype: str,
            payload: bytes,
            extra: list[tuple[str, str]] | None = None,
        ) -> None:
            headers = StatusAndHeaders(
                status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1"
            )
            # A known length keeps warcio from spooling the payload to a temporary file.
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=headers,
            )
            writer.write_record(record)

        response(
            "https://example.com/a",
            "200 OK",
            "text/html; charset=utf-8",
            page("الخبر الأول عن الطاقة").encode(),
        )
        response("https://example.com/report.pdf", "200 OK", "application/pdf", b"%PDF-1.4 binary")
        response(
            "https://example.com/old",
            "301 Moved Permanently",
            "text/html",
            b"",
            [("Location", "/a")],
        )
        response(
            "https://example.com/b",
            "200 OK",
            "text/html; charset=windows-1256",
            page("الخبر الثاني", charset="windows-1256").encode("cp1256"),
        )
        response("https://example.com/c", "200 OK", "text/html", page("الخبر الثالث").encode())
    if cut_last:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 200])  # the last gzip member is cut short


def test_warc_counts_by_reason(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    items = list(analyze_paths([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    skips = sorted(i.reason for i in items if isinstance(i, Drop) and i.skipped)
    assert [d.source.url for d in docs] == [
        "https://example.com/a",
        "https://example.com/b",
        "https://example.com/c",
    ]
    assert skips == ["skipped: not HTML (application/pdf)", "skipped: redirect"]
    assert all(d.source.format == "warc" and d.meta.get("fetched") for d in docs)
    assert docs[1].source.encoding == "cp1256"
    assert docs[1].title == "الخبر الثاني"


def test_warc_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, cut_last=True)
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, Drop) and not i.skipped]
    assert [d.source.url for d in docs] == ["https://example.com/a", "https://example.com/b"]
    assert len(errors) == 1
    assert "damaged WARC" in errors[0].reason or "cannot read" in errors[0].reason


def test_cli_ingest_warc_reports_skips_not_quarantine(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stdout
    assert "2 skipped" in result.stdout
    assert "1 not HTML (application/pdf)" in result.stderr
    with open_store(db) as store:
        assert store.quarantined() == []


# -- a local web server ---------------------------------------------------------------

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار</title>
<item><title>الحكومة تقر الموازنة</title><link>http://HOST/news/1</link>
<pubDate>Sun, 13 Nov 2022 09:00:00 +0300</pubDate>
<description>&lt;p&gt;أقر مجلس الوزراء مشروع الموازنة العامة للعام المقبل.&lt;/p&gt;</description></item>
<item><title>ارتفاع أسعار الوقود</title><link>http://HOST/news/2</link>
<pubDate>Sat, 12 Nov 2022 18:30:00 +0300</pubDate>
<description>ارتفعت أسعار الوقود في الأسواق المحلية بنسبة خمسة في المئة.</description></item>
</channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        host = self.headers.get("Host", "")
        if self.path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        elif self.path == "/feed.xml":
            self._send(200, "application/rss+xml", FEED.replace("HOST", host).encode())
        elif self.path == "/flaky":
            if self.hits[self.path] < 3:
                self._send(503, "text/plain", b"busy", [("Retry-After", "0")])
            else:
                self._send(
                    200, "text/html; charset=utf-8", page("صفحة بعد إعادة المحاولة").encode()
                )
        elif self.path.startswith("/news/"):
            self._send(200, "text/html; charset=utf-8", page(f"خبر رقم {self.path[-1]}").encode())
        elif self.path == "/moved":
            self._send(301, "text/html", b"", [("Location", "/news/1")])
        elif self.path == "/file.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4")
        else:
            self._send(404, "text/plain", b"not found")

    def _send(
        self, status: int, ctype: str, body: bytes, headers: list[tuple[str, str]] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers or []:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = {}
    Handler.agents = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_is_polite_and_classifies_responses(server: str) -> None:
    sleeps: list[float] = []
    fetcher = Fetcher(FetchConfig(delay=0.5, backoff=0.01, retries=3), sleep=sleeps.append)
    urls = [
        f"{server}/news/1",
        f"{server}/private/x",
        f"{server}/flaky",
        f"{server}/missing",
        f"{server}/file.pdf",
        f"{server}/moved",
    ]
    items = list(fetcher.fetch(urls))
    fetcher.close()
    by_url = {(i.source.url if isinstance(i, Document) else i.source): i for i in items}
    assert isinstance(by_url[f"{server}/news/1"], Document)
    assert by_url[f"{server}/private/x"].reason == "skipped: disallowed by robots.txt"  # type: ignore[union-attr]
    assert isinstance(by_url[f"{server}/flaky"], Document)
    assert Handler.hits["/flaky"] == 3  # two 503s, then success
    assert by_url[f"{server}/missing"].reason == "HTTP 404"  # type: ignore[union-attr]
    assert by_url[f"{server}/file.pdf"].skipped  # type: ignore[union-attr]
    assert Handler.hits.get("/private/x") is None
    assert Handler.hits["/robots.txt"] == 1  # read once per host
    assert all(a.startswith("rasd/") for a in Handler.agents)
    # Requests to one host were spaced: the fetcher asked to wait between them.
    assert sum(1 for s in sleeps if s > 0.3) >= 3


def test_fetch_gives_up_with_the_reason(tmp_path: Path) -> None:
    fetcher = Fetcher(
        FetchConfig(retries=1, backoff=0.0, timeout=0.5, delay=0), sleep=lambda s: None
    )
    (drop,) = list(fetcher.fetch(["http://127.0.0.1:9/nothing-listens-here"]))
    assert isinstance(drop, Drop)
    assert "robots.txt unreachable" in drop.reason or "gave up" in drop.reason


def test_cli_fetch_feed_ingested_and_archived(server: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# feeds and pages\n{server}/feed.xml\n{server}/news/2\n", encoding="utf-8")
    db, warc = str(tmp_path / "f.db"), str(tmp_path / "f.warc.gz")
    result = CliRunner().invoke(
        cli, ["fetch", str(urls), "--db", db, "--warc", warc, "--delay", "0"]
    )
    assert result.exit_code == 0, result.output
    assert "3 added" in result.stdout
    with open_store(db) as store:
        hits = store.search("الموازنة")
        assert len(hits) == 1
        doc = store.get(hits[0].id)
        assert doc.published == "2022-11-13"
        assert doc.source.format == "rss"
    # The archive replays without the network.
    replay = [i for i in analyze_paths([warc]) if isinstance(i, Document)]
    assert [d.title for d in replay] == ["خبر رقم 2"]
