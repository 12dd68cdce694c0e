"""Polite downloading of URL lists with httpx.

Politeness is not optional: robots.txt is read once per host and obeyed (including its
Crawl-delay), requests to one host are spaced by a delay, failures are retried with
exponential backoff (honouring ``Retry-After`` on 429/503), every request has a timeout
and a user agent that says who we are. Each response can be archived in a WARC file
(warcio), so a fetch is reproducible and can be re-analysed later without the network.

Responses become documents through the same paths as files: HTML pages go to the HTML
extractor, RSS/Atom feeds become one document per item. Anything else is skipped with a
counted reason; failures are drops with the reason (and go to quarantine on ingest).
"""

from __future__ import annotations

import io
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd import __version__
from rasd.document import Document, Source
from rasd.ingest.feeds import read_feed
from rasd.ingest.pages import document_from_bytes
from rasd.ingest.readers import sniff_format
from rasd.pipeline import Drop

DEFAULT_USER_AGENT = (
    f"rasd/{__version__} (Arabic news monitoring; +https://github.com/rasd-project/rasd)"
)
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(slots=True)
class FetchConfig:
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # seconds between requests to the same host
    timeout: float = 20.0
    retries: int = 3  # attempts after the first
    backoff: float = 1.0  # first retry waits this long, then doubles
    max_backoff: float = 60.0
    respect_robots: bool = True
    max_bytes: int = 10 * 1024 * 1024


@dataclass(slots=True)
class _Host:
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    last_request: float = float("-inf")
    delay: float = 0.0


@dataclass
class Fetcher:
    """Downloads URLs politely; :meth:`fetch` yields documents and drops in URL order."""

    config: FetchConfig = field(default_factory=FetchConfig)
    client: httpx.Client | None = None
    warc: Any = None  # a binary stream to archive responses to (WARC, gzip per record)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _hosts: dict[str, _Host] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(
                headers={"User-Agent": self.config.user_agent},
                timeout=httpx.Timeout(self.config.timeout),
                follow_redirects=True,
                max_redirects=5,
            )
        self._writer = WARCWriter(self.warc, gzip=True) if self.warc is not None else None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    def fetch(self, urls: Iterable[str]) -> Iterator[Document | Drop]:
        for raw in urls:
            url = raw.strip()
            if not url or url.startswith("#"):
                continue
            if urlsplit(url).scheme not in ("http", "https"):
                yield Drop(f"not an http(s) URL: {url!r}", url)
                continue
            yield from self._one(url)

    # -- one URL ---------------------------------------------------------------------
    def _one(self, url: str) -> Iterator[Document | Drop]:
        host = self._host(url)
        if self.config.respect_robots:
            if host.robots_error:
                yield Drop(host.robots_error, url)
                return
            if host.robots is not None and not host.robots.can_fetch(self.config.user_agent, url):
                yield Drop("skipped: disallowed by robots.txt", url, skipped=True)
                return
        response = self._get(url, host)
        if isinstance(response, Drop):
            yield response
            return
        body = response.content
        if len(body) > self.config.max_bytes:
            yield Drop(f"response too large: more than {self.config.max_bytes / 1e6:.1f} MB", url)
            return
        self._archive(url, response)
        ctype = response.headers.get("content-type", "").lower()
        final = str(response.url)
        fmt = _format(ctype, body, final)
        if fmt == "rss":
            yield from read_feed(body, name=final)
        elif fmt == "html":
            source = Source(format="html", url=final, id=url if final == url else None)
            item = document_from_bytes(body, source, declared=response.charset_encoding)
            if isinstance(item, Document):
                item.meta["fetched"] = response.headers.get("date") or ""
            yield item
        else:
            yield Drop(
                f"skipped: not HTML or a feed ({ctype.split(';')[0] or 'no type'})",
                url,
                skipped=True,
            )

    def _get(self, url: str, host: _Host) -> httpx.Response | Drop:
        assert self.client is not None
        attempt = 0
        while True:
            self._wait(host)
            try:
                response = self.client.get(url)
            except httpx.TimeoutException:
                problem = f"timed out after {self.config.timeout:g} s"
                wait = None
            except httpx.TransportError as exc:
                problem = f"connection failed: {type(exc).__name__}: {exc}"
                wait = None
            else:
                if response.status_code < 400:
                    return response
                problem = f"HTTP {response.status_code}"
                if response.status_code not in _RETRY_STATUS:
                    return Drop(problem, url)
                wait = _retry_after(response.headers.get("retry-after"))
            if attempt >= self.config.retries:
                return Drop(f"{problem} (gave up after {attempt + 1} attempts)", url)
            backoff = self.config.backoff * (2**attempt)
            self.sleep(min(self.config.max_backoff, max(backoff, wait or 0.0)))
            attempt += 1

    def _wait(self, host: _Host) -> None:
        gap = max(self.config.delay, host.delay)
        due = host.last_request + gap
        now = self.clock()
        if now < due:
            self.sleep(due - now)
        host.last_request = self.clock()

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host()
            if self.config.respect_robots:
                self._robots(key, host)
        return host

    def _robots(self, base: str, host: _Host) -> None:
        """Read robots.txt: 4xx means no rules; 5xx or no answer means stay away."""
        assert self.client is not None
        self._wait(host)
        try:
            response = self.client.get(f"{base}/robots.txt")
        except httpx.HTTPError as exc:
            host.robots_error = (
                f"robots.txt unreachable ({type(exc).__name__}): not fetching from {base}"
            )
            return
        if response.status_code >= 500:
            host.robots_error = (
                f"robots.txt answered HTTP {response.status_code}: not fetching from {base}"
            )
            return
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.text.splitlines() if response.status_code < 400 else [])
        host.robots = parser
        delay = parser.crawl_delay(self.config.user_agent)
        host.delay = float(delay) if delay else 0.0

    def _archive(self, url: str, response: httpx.Response) -> None:
        if self._writer is None:
            return
        status = f"{response.status_code} {response.reason_phrase}"
        # httpx has already decoded the body: drop transfer/content encodings from the
        # archived headers and give the decoded length, or a replay would misread it.
        kept = [
            (k, v)
            for k, v in response.headers.items()
            if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")
        ]
        kept.append(("Content-Length", str(len(response.content))))
        headers = StatusAndHeaders(status, kept, protocol="HTTP/1.1")
        # A known length keeps warcio from spooling the payload to a temporary file.
        record = self._writer.create_warc_record(
            str(response.url),
            "response",
            payload=io.BytesIO(response.content),
            length=len(response.content),
            http_headers=headers,
        )
        self._writer.write_record(record)


def _format(ctype: str, body: bytes, url: str) -> str:
    if any(t in ctype for t in ("rss", "atom", "application/xml", "text/xml")):
        return "rss" if sniff_format(body[:4096], url) == "rss" else "other"
    if "html" in ctype:
        return "html"
    if not ctype:
        sniffed = sniff_format(body[:4096], url)
        return sniffed if sniffed in ("html", "rss") else "other"
    return "other"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff
