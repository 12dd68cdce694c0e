"""Main-text extraction on real HTML: rasd's body vs trafilatura, readability and jusText.

    .venv/bin/python bench/html_extraction.py                     # the table, 181 pages
    .venv/bin/python bench/html_extraction.py --diagnostic --failures 8   # + why rasd loses
    .venv/bin/python bench/html_extraction.py --json > html-scores.json
    .venv/bin/python bench/html_extraction.py arabic --pages /tmp/rasd-html-pages --failures 5

The ``arabic`` command scores pages built by ``bench/build_html_pages.py`` (see
:func:`evaluate_arabic`); everything below describes the Scrapinghub run.

Data: the Scrapinghub/Zyte article-extraction benchmark staged in
``../shared/data/html/scrapinghub`` (181 English news/blog pages ``html/<id>.html.gz``,
gold ``ground-truth.json`` = ``{id: {url, articleBody}}``; MIT, see its LICENSE and
``../shared/data/html/SOURCE.txt``). Pages are read as UTF-8, as the benchmark's own
runners read them.

Steps (the numbered comments in :func:`evaluate` follow them):

1. Load every page and its gold body into memory, so the timings below measure
   extraction only, not gzip and disk.
2. Run each system over all pages and time it (wall clock), each in a fresh process
   (otherwise the second system finds htmldate's and dateparser's caches warm), after one
   untimed warm-up call that pays for lazy imports and lexicon compilation:

   - ``rasd``: ``default_pipeline()`` on a ``Document(format="html", url=…)`` — what a
     user gets; the body is ``doc.text`` (a ``Drop`` counts as an empty body). The time
     includes the Arabic stage (sentences, tokens) that runs after extraction.
   - ``trafilatura``: ``trafilatura.extract(html)`` with default settings.
   - ``readability``: trafilatura's bundled port of readability-lxml
     (``trafilatura.readability_lxml.Document(tree).summary()``), the summary's HTML
     turned into text with a line break after every block element. (readability-lxml
     itself is not installed: it pulls chardet, LGPL.)
   - ``justext``: ``justext.justext(html, justext.get_stoplist("English"))`` with the
     library's defaults, non-boilerplate paragraphs joined by blank lines. (The
     Scrapinghub runner passes older, looser thresholds; defaults are what a user gets.)
   - ``trafilatura-rasd-settings`` (diagnostic, ``--diagnostic``): trafilatura with the
     options rasd's HTML extractor passes (``favor_recall``, tables, no comments) and
     nothing else, which splits rasd's difference from plain trafilatura into what the
     options do and what rasd's line layer (title/byline/furniture removal) does.
3. Score each page, body vs gold, and average over the pages.

Token method (the main table). Both texts are NFC-normalised, lower-cased, combining
marks (Arabic harakat, stray accents) dropped, then cut into tokens with the Unicode
regex ``\\w+`` — i.e. split at whitespace *and* punctuation, so ``U.S.`` is ``u``, ``s`` and
``don't`` is ``don``, ``t``. Each text is a multiset (bag) of tokens; the overlap is the
multiset intersection: ``tp = sum(min(gold[t], pred[t]))``. Per page
``P = tp / |pred|``, ``R = tp / |gold|``, ``F1 = 2PR / (P + R)``; an empty prediction scores
P = R = F1 = 0 on that page (the column ``empty`` counts such pages). The table reports
the mean over pages of P, R and F1 (each page weighs the same, long or short).

For comparison with the published Scrapinghub leaderboard the table also gives
``F1-sh4``, the benchmark's own ``evaluate.py`` metric: 4-token shingles instead of tokens
(tokens ``\\w+``, case kept), each page's tp/fp/fn normalised to sum to 1, precision
averaged over pages with a non-empty prediction, recall over all pages, and F1 taken from
those two means (not a mean of per-page F1). Shingles punish a body cut mid-sentence
or a word glued to its neighbour more than a bag of tokens does.

Arabic pages (``arabic``): the same token method on the body (gold: the article's
paragraphs), the title exact after NFC and whitespace collapsing, the date exact to the
day. Both systems get the page's (invented, date-free) URL. rasd is the default pipeline
as above; trafilatura is ``bare_extraction(html, url=url, with_metadata=True)`` and its
``title``/``date``/``text``. Breakdowns by date placement, template and trap, and the
count of dates that are January 1st of the footer's © year (htmldate's fallback).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import gzip
import json
import multiprocessing
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import justext
import lxml.html
import trafilatura
from trafilatura.readability_lxml import Document as ReadabilityDocument

from rasd.analyze import default_pipeline
from rasd.document import Document, Source, content_id
from rasd.extract.html import HtmlExtractor
from rasd.pipeline import Drop, Pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
SCRAPINGHUB = Path("html") / "scrapinghub"

# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens, split at whitespace and punctuation (see the module doc)."""
    if not text:
        return []
    text = unicodedata.normalize("NFC", text).lower()
    # Harakat are combining marks, which \w does not match: left in, they would cut
    # "مُحمد" into two tokens and make a vocalised gold disagree with an unvocalised body.
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _TOKEN.findall(text)


@dataclass(slots=True, frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def token_prf(gold: str | None, pred: str | None) -> Score:
    """Bag-of-tokens precision, recall and F1 of ``pred`` against ``gold``."""
    g, p = Counter(tokens(gold)), Counter(tokens(pred))
    n_gold, n_pred = sum(g.values()), sum(p.values())
    if not n_gold and not n_pred:
        return Score(1.0, 1.0, 1.0)  # nothing to find and nothing found
    if not n_gold or not n_pred:
        return Score(0.0, 0.0, 0.0)
    tp = sum((g & p).values())
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return Score(precision, recall, f1)


def shingle_tp_fp_fn(gold: str | None, pred: str | None, n: int = 4) -> tuple[float, ...]:
    """The Scrapinghub benchmark's per-page tp/fp/fn over ``n``-token shingles,
    normalised to sum to 1 so long pages do not weigh more."""

    def shingles(text: str | None) -> Counter[tuple[str, ...]]:
        toks = _TOKEN.findall(text or "")
        return Counter(
            tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]
        )

    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scrapinghub_prf(rows: Iterable[tuple[float, ...]]) -> Score:
    """Mean precision and recall as the benchmark's ``evaluate.py`` takes them, F1 of the means."""
    rows = list(rows)

    def ratio(a: float, b: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return a / (a + b) if a + b else 0.0

    precision = statistics.mean(ratio(tp, fp, fp, fn) for tp, fp, fn in rows if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, fp, fn) for tp, fp, fn in rows if tp + fn > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


# ---------------------------------------------------------------------------------------
# The systems: html (str), url → body text
# ---------------------------------------------------------------------------------------

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "footer",
        "section",
        "article",
        "aside",
        "nav",
        "address",
        "figcaption",
        "td",
        "th",
        "tr",
        "table",
        "br",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
    ]
)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment with a line break after each block element, so
    words of adjacent paragraphs do not run together ("end.Next")."""
    if not fragment or not fragment.strip():
        return ""
    tree = lxml.html.fromstring(fragment)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (re.sub(r"\s+", " ", ln).strip() for ln in tree.text_content().split("\n"))
    return "\n".join(ln for ln in lines if ln)


Extractor = Callable[[str, str | None], str]


def rasd_extractor(pipeline: Pipeline | None = None) -> Extractor:
    pipe = pipeline or default_pipeline()

    def run(html: str, url: str | None) -> str:
        doc = Document(id=content_id(html), source=Source(format="html", url=url), raw=html)
        result = pipe(doc)
        return "" if isinstance(result, Drop) else result.text or ""

    return run


def trafilatura_body(html: str, url: str | None) -> str:
    # Default settings on purpose: the baseline the issue compares against. No url either,
    # as the "plain trafilatura" is `trafilatura.extract(html)`.
    return trafilatura.extract(html) or ""


def trafilatura_rasd_settings(html: str, url: str | None) -> str:
    # The options src/rasd/extract/html.py passes, without rasd's line layer on top.
    return (
        trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_recall=True
        )
        or ""
    )


def readability_body(html: str, url: str | None) -> str:
    tree = trafilatura.load_html(html)
    if tree is None:
        return ""
    return html_to_text(ReadabilityDocument(tree).summary())


def justext_body(html: str, url: str | None) -> str:
    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def systems(diagnostic: bool = False) -> dict[str, Extractor]:
    found: dict[str, Extractor] = {
        "rasd": rasd_extractor(),
        "trafilatura": trafilatura_body,
        "readability": readability_body,
        "justext": justext_body,
    }
    if diagnostic:
        found["trafilatura-rasd-settings"] = trafilatura_rasd_settings
    return found


# ---------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Page:
    id: str
    url: str | None
    html: str
    gold: str


def load_pages(data_dir: Path = DEFAULT_DATA, ids: Iterable[str] | None = None) -> list[Page]:
    """The benchmark's pages (all, or ``ids``) in a fixed order (sorted by id)."""
    root = data_dir / SCRAPINGHUB
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    wanted = sorted(truth) if ids is None else list(ids)
    pages = []
    for key in wanted:
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as fh:
            html = fh.read()
        pages.append(Page(key, truth[key].get("url"), html, truth[key].get("articleBody") or ""))
    return pages


@dataclass(slots=True)
class SystemResult:
    name: str
    seconds: float
    bodies: dict[str, str] = field(default_factory=dict)
    scores: dict[str, Score] = field(default_factory=dict)
    shingles: dict[str, tuple[float, ...]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def mean(self, attr: str) -> float:
        return statistics.mean(getattr(s, attr) for s in self.scores.values())

    @property
    def empty(self) -> int:
        return sum(1 for b in self.bodies.values() if not tokens(b))

    def summary(self) -> dict[str, Any]:
        sh = scrapinghub_prf(self.shingles.values())
        return {
            "system": self.name,
            "pages": len(self.scores),
            "precision": round(self.mean("precision"), 4),
            "recall": round(self.mean("recall"), 4),
            "f1": round(self.mean("f1"), 4),
            "f1_sh4": round(sh.f1, 4),
            "empty": self.empty,
            "errors": len(self.errors),
            "seconds": round(self.seconds, 2),
            "ms_per_page": round(1000 * self.seconds / max(1, len(self.scores)), 1),
        }


def _warm_up(extract: Callable[[str, str | None], Any], html: str) -> None:
    if html:
        # A crash here is not lost: the timed run meets the same page and records it.
        with contextlib.suppress(Exception):
            extract(html, None)


Timed = tuple[list[Any], dict[int, str], float]  # outputs, errors by index, seconds


def run_timed(
    extract: Callable[[str, str | None], Any], items: list[tuple[str, str | None]]
) -> Timed:
    """Run one system over (html, url) items, timed as a whole; a crash on one page is
    recorded (its output is None), not raised."""
    # One untimed call first: lazy imports and lexicon compilation cost seconds once.
    _warm_up(extract, items[0][0] if items else "")
    outputs: list[Any] = []
    errors: dict[int, str] = {}
    start = time.perf_counter()
    for i, (html, url) in enumerate(items):
        try:
            outputs.append(extract(html, url))
        except Exception as exc:  # a failure to report, not to abort the run
            errors[i] = f"{type(exc).__name__}: {exc}"
            outputs.append(None)
    return outputs, errors, time.perf_counter() - start


def _run_named(kind: str, name: str, items: list[tuple[str, str | None]]) -> Timed:
    """Child-process entry: build the named system here, so nothing is shared."""
    registry: dict[str, Any] = systems(diagnostic=True) if kind == "body" else article_systems()
    return run_timed(registry[name], items)


def run_isolated(kind: str, name: str, items: list[tuple[str, str | None]]) -> Timed:
    """Run a registered system in a fresh process. In one process the second system to
    run would find htmldate's and dateparser's caches warm from the first (the same date
    strings): measured here, the first of rasd/trafilatura took 7-13 s on 120 pages and the
    second 2.5-3 s, whichever it was."""
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(_run_named, kind, name, items).result()


def evaluate(
    pages: list[Page], extractors: dict[str, Extractor], *, isolate: bool = False
) -> dict[str, SystemResult]:
    """Run every extractor over every page and score the bodies. ``isolate`` runs each
    (registered, by name) system in its own process, for fair timings."""
    results = {}
    items = [(page.html, page.url) for page in pages]
    for name, extract in extractors.items():
        # 2. One system at a time over all pages (already in memory: step 1 ran in
        # load_pages), timed as a whole.
        outputs, errors, seconds = (
            run_isolated("body", name, items) if isolate else run_timed(extract, items)
        )
        result = SystemResult(name, seconds)
        # 3. Scores.
        for i, page in enumerate(pages):
            body = outputs[i] or ""
            if i in errors:
                result.errors[page.id] = errors[i]
            result.bodies[page.id] = body
            result.scores[page.id] = token_prf(page.gold, body)
            result.shingles[page.id] = shingle_tp_fp_fn(page.gold, body)
        results[name] = result
    return results


def table(results: dict[str, SystemResult]) -> str:
    head = f"{'system':<26} {'P':>6} {'R':>6} {'F1':>6} {'F1-sh4':>7} {'empty':>5} {'time s':>7} {'ms/page':>8}"
    rows = [head, "-" * len(head)]
    for r in results.values():
        s = r.summary()
        rows.append(
            f"{s['system']:<26} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
            f"{s['f1_sh4']:>7.3f} {s['empty']:>5d} {s['seconds']:>7.2f} {s['ms_per_page']:>8.1f}"
        )
    return "\n".join(rows)


# ---------------------------------------------------------------------------------------
# Failure analysis: where rasd's body is worse than plain trafilatura's, and why
# ---------------------------------------------------------------------------------------


def _share_in(line: str, bag: Counter[str]) -> float:
    """Share of the line's tokens that the bag (gold) holds."""
    toks = tokens(line)
    if not toks:
        return 1.0
    return sum((Counter(toks) & bag).values()) / len(toks)


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = tokens(text)
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def diagnose(page: Page) -> dict[str, Any]:
    """Where rasd's body lost or gained text on one page:

    - ``lost``: lines rasd's line layer moved to ``boilerplate`` although the gold has
      them (with the classifier's kind and score);
    - ``unseen``: gold lines that trafilatura, run on the HTML *string* with rasd's
      options, gives but that reach neither rasd's body nor its boilerplate, i.e. text
      lost before the line layer (parsing, the tree handed to trafilatura);
    - ``kept``: body lines the gold does not have."""
    doc = Document(
        id=content_id(page.html), source=Source(format="html", url=page.url), raw=page.html
    )
    result = HtmlExtractor().process(doc)
    gold = Counter(tokens(page.gold))
    if isinstance(result, Drop):
        return {"page": page.id, "drop": result.reason}
    lost = [
        {
            "text": b.text[:120],
            "kind": b.kind,
            "score": b.score,
            "in_gold": round(_share_in(b.text, gold), 2),
        }
        for b in result.boilerplate
        # The headline is the title, not lost body, even if its words recur in the gold.
        if len(tokens(b.text)) >= 3
        and _share_in(b.text, gold) >= 0.8
        and tokens(b.text) != tokens(result.title)
    ]
    # 4-token shingles, not tokens: common words would make any lost line look "seen".
    seen = _shingles(result.text or "") | {
        sh for b in result.boilerplate for sh in _shingles(b.text)
    }
    unseen = [
        {"text": ln[:120]}
        for ln in trafilatura_rasd_settings(page.html, page.url).split("\n")
        if len(tokens(ln)) >= 8
        and _share_in(ln, gold) >= 0.8
        and len(_shingles(ln) & seen) < 0.5 * len(_shingles(ln))
    ]
    kept = [
        {"text": ln[:120], "in_gold": round(_share_in(ln, gold), 2)}
        for ln in (result.text or "").split("\n\n")
        if tokens(ln) and _share_in(ln, gold) < 0.5
    ]
    return {
        "page": page.id,
        "url": page.url,
        "title": result.title,
        "lost": lost,
        "unseen": unseen,
        "kept": kept,
    }


def worst_pages(
    results: dict[str, SystemResult], pages: list[Page], k: int, against: str = "trafilatura"
) -> list[tuple[Page, float, float]]:
    """Pages where rasd's F1 is furthest below ``against``'s."""
    by_id = {p.id: p for p in pages}
    ours, theirs = results["rasd"].scores, results[against].scores
    gaps = sorted((ours[i].f1 - theirs[i].f1, i) for i in ours if ours[i].f1 < theirs[i].f1 - 0.005)
    return [(by_id[i], ours[i].f1, theirs[i].f1) for _, i in gaps[:k]]


# ---------------------------------------------------------------------------------------
# Arabic pages (bench/build_html_pages.py): body, title and date, rasd vs trafilatura
# ---------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Extraction:
    title: str | None
    published: str | None
    body: str
    how: str | None = None  # where the date came from, when the system says


ArticleExtractor = Callable[[str, str | None], Extraction]


def rasd_article(pipeline: Pipeline | None = None) -> ArticleExtractor:
    pipe = pipeline or default_pipeline()

    def run(html: str, url: str | None) -> Extraction:
        doc = Document(id=content_id(html), source=Source(format="html", url=url), raw=html)
        result = pipe(doc)
        if isinstance(result, Drop):
            return Extraction(None, None, "", f"drop: {result.reason}")
        return Extraction(result.title, result.published, result.text or "", result.published_from)

    return run


def trafilatura_article(html: str, url: str | None) -> Extraction:
    # As the issue states it: bare_extraction with metadata, default settings otherwise.
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Extraction(None, None, "")
    return Extraction(doc.title, doc.date, doc.text or "", "htmldate")


def article_systems() -> dict[str, ArticleExtractor]:
    return {"rasd": rasd_article(), "trafilatura": trafilatura_article}


def same_title(gold: str, found: str | None) -> bool:
    """Exact after NFC and whitespace collapsing: a site name left on or a word cut off
    is wrong (it would be stored and shown as the headline)."""
    if not found:
        return False

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).split())

    return norm(gold) == norm(found)


def load_arabic_pages(
    pages_dir: Path, limit: int | None = None
) -> list[tuple[dict[str, Any], str]]:
    """(gold, html) pairs in page order."""
    golds = (
        sorted(pages_dir.glob("*.gold.json"))[:limit]
        if limit
        else sorted(pages_dir.glob("*.gold.json"))
    )
    out = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((gold, (pages_dir / gold["file"]).read_text(encoding="utf-8")))
    return out


@dataclass(slots=True)
class ArticleResult:
    name: str
    seconds: float = 0.0
    errors: dict[int, str] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, key: str, rows: list[dict[str, Any]] | None = None) -> float:
        rows = self.rows if rows is None else rows
        return sum(1 for r in rows if r[key]) / len(rows) if rows else 0.0

    def mean(self, key: str, rows: list[dict[str, Any]] | None = None) -> float:
        rows = self.rows if rows is None else rows
        return statistics.mean(r[key] for r in rows) if rows else 0.0


def evaluate_arabic(
    pages: list[tuple[dict[str, Any], str]],
    extractors: dict[str, ArticleExtractor],
    *,
    isolate: bool = False,
) -> dict[str, ArticleResult]:
    """Body P/R/F1 (the token method above), title exact, date exact, per page.
    ``isolate``: each registered system in its own process (see :func:`run_isolated`)."""
    results = {}
    items = [(html, gold.get("url")) for gold, html in pages]
    for name, extract in extractors.items():
        found, errors, seconds = (
            run_isolated("article", name, items) if isolate else run_timed(extract, items)
        )
        result = ArticleResult(name, seconds, errors=errors)
        crashed = Extraction(None, None, "", "crash")
        for (gold, _), output in zip(pages, found, strict=True):
            ex = output or crashed
            score = token_prf("\n\n".join(gold["body_paragraphs"]), ex.body)
            published = (ex.published or "")[:10] or None
            result.rows.append(
                {
                    "id": gold["id"],
                    "template": gold["template"],
                    "placement": gold["placement"],
                    "traps": gold["traps"],
                    "p": score.precision,
                    "r": score.recall,
                    "f1": score.f1,
                    "title_ok": same_title(gold["title"], ex.title),
                    "date_ok": published == gold["published"],
                    # htmldate's last resort: January 1st of the footer's © year.
                    "copyright_year": published == f"{gold['footer_year']}-01-01",
                    "title": ex.title,
                    "published": published,
                    "gold_published": gold["published"],
                    "how": ex.how,
                }
            )
        results[name] = result
    return results


def arabic_tables(results: dict[str, ArticleResult]) -> str:
    names = list(results)
    out = []
    head = f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'title':>6} {'date':>6} {'©-year':>6} {'time s':>7} {'ms/page':>8}"
    out += [head, "-" * len(head)]
    for r in results.values():
        n = max(1, len(r.rows))
        out.append(
            f"{r.name:<12} {r.mean('p'):>6.3f} {r.mean('r'):>6.3f} {r.mean('f1'):>6.3f} "
            f"{r.rate('title_ok'):>6.3f} {r.rate('date_ok'):>6.3f} "
            f"{sum(x['copyright_year'] for x in r.rows):>6d} {r.seconds:>7.2f} {1000 * r.seconds / n:>8.1f}"
        )

    def breakdown(key: str, label: str) -> None:
        groups = sorted({row[key] for row in results[names[0]].rows})
        cols = "".join(
            f" {n[:5] + ' F1':>9} {n[:5] + ' ttl':>9} {n[:5] + ' date':>10}" for n in names
        )
        h = f"{label:<16} {'n':>3}{cols}"
        out.extend(["", h, "-" * len(h)])
        for g in groups:
            line = ""
            for n in names:
                rows = [x for x in results[n].rows if x[key] == g]
                line += f" {results[n].mean('f1', rows):>9.3f} {results[n].rate('title_ok', rows):>9.3f} {results[n].rate('date_ok', rows):>10.3f}"
            count = sum(1 for x in results[names[0]].rows if x[key] == g)
            out.append(f"{g:<16} {count:>3}{line}")

    breakdown("placement", "date placement")
    breakdown("template", "template")
    trap_rows = [("none", lambda t: not t)] + [
        (t, lambda traps, t=t: t in traps)
        for t in ("modified", "updated-line", "sidebar-dates", "comment-dates")
    ]
    h = f"{'traps':<16} {'n':>3}" + "".join(f" {n[:5] + ' date':>10}" for n in names)
    out.extend(["", h, "-" * len(h)])
    for label, test in trap_rows:
        cells = ""
        for n in names:
            rows = [x for x in results[n].rows if test(x["traps"])]
            cells += f" {results[n].rate('date_ok', rows):>10.3f}"
        count = sum(1 for x in results[names[0]].rows if test(x["traps"]))
        out.append(f"{label:<16} {count:>3}{cells}")
    if "rasd" in results:
        how = Counter(x["how"] for x in results["rasd"].rows)
        out.append("\nrasd date source: " + ", ".join(f"{k} {v}" for k, v in how.most_common()))
    return "\n".join(out)


def arabic_failures(results: dict[str, ArticleResult], k: int) -> str:
    out = []
    for name, r in results.items():
        for key, what in (("date_ok", "date"), ("title_ok", "title")):
            bad = [x for x in r.rows if not x[key]]
            out.append(f"\n{name}: {len(bad)} {what} errors" + (", first:" if bad else ""))
            for x in bad[:k]:
                got = x["published"] if what == "date" else x["title"]
                want = x["gold_published"] if what == "date" else ""
                out.append(
                    f"  {x['id']} {x['template']:<11} {x['placement']:<12} got {got!r}"
                    + (f" want {want} ({x['how']})" if what == "date" else "")
                )
        low = sorted(r.rows, key=lambda x: x["f1"])[:k]
        out.append(f"\n{name}: lowest body F1")
        for x in low:
            out.append(
                f"  {x['id']} {x['template']:<11} P {x['p']:.3f} R {x['r']:.3f} F1 {x['f1']:.3f}"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    sh = sub.add_parser("scrapinghub", help="the 181 English pages with gold bodies (default)")
    sh.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    sh.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    sh.add_argument(
        "--systems", help="comma-separated subset, e.g. rasd,trafilatura (default: all)"
    )
    sh.add_argument(
        "--diagnostic",
        action="store_true",
        help="also run trafilatura with rasd's options (splits options from the line layer)",
    )
    sh.add_argument("--failures", type=int, default=0, help="diagnose the N worst pages")
    sh.add_argument("--json", action="store_true", help="summary and per-page scores as JSON")
    sh.add_argument(
        "--same-process", action="store_true", help="no process per system (timings unfair)"
    )
    ar = sub.add_parser("arabic", help="pages built by bench/build_html_pages.py")
    ar.add_argument("--pages", type=Path, default=Path("/tmp/rasd-html-pages"))
    ar.add_argument("--limit", type=int, help="only the first N pages")
    ar.add_argument("--failures", type=int, default=0, help="list the first N errors per metric")
    ar.add_argument("--json", action="store_true", help="per-page rows as JSON")
    ar.add_argument(
        "--same-process", action="store_true", help="no process per system (timings unfair)"
    )
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("scrapinghub", "arabic", "-h", "--help"):
        argv.insert(0, "scrapinghub")  # the Scrapinghub table is the default
    args = parser.parse_args(argv)
    if args.command == "arabic":
        return main_arabic(parser, args)
    return main_scrapinghub(parser, args)


def main_arabic(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not any(args.pages.glob("*.gold.json")):
        parser.error(f"no pages in {args.pages}: run bench/build_html_pages.py first")
    pages = load_arabic_pages(args.pages, args.limit)
    results = evaluate_arabic(pages, article_systems(), isolate=not args.same_process)
    if args.json:
        print(json.dumps({n: r.rows for n, r in results.items()}, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(pages)} Arabic pages from {args.pages}\n")
    print(arabic_tables(results))
    if args.failures:
        print(arabic_failures(results, args.failures))
    return 0


def main_scrapinghub(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not (args.data / SCRAPINGHUB / "ground-truth.json").is_file():
        parser.error(f"no Scrapinghub benchmark under {args.data / SCRAPINGHUB}")
    pages = load_pages(args.data)
    if args.limit:
        pages = pages[: args.limit]
    known = systems(diagnostic=True)
    chosen = systems(args.diagnostic)
    if args.systems:
        names = [s.strip() for s in args.systems.split(",")]
        unknown = sorted(set(names) - set(known))
        if unknown:
            parser.error(f"unknown systems {unknown}; known: {sorted(known)}")
        chosen = {n: known[n] for n in names}
    results = evaluate(pages, chosen, isolate=not args.same_process)
    failures = []
    if args.failures and "rasd" in results and "trafilatura" in results:
        failures = [
            {"rasd_f1": round(a, 3), "trafilatura_f1": round(b, 3), **diagnose(p)}
            for p, a, b in worst_pages(results, pages, args.failures)
        ]
    if args.json:
        out = {
            "summary": [r.summary() for r in results.values()],
            "pages": {
                p.id: {
                    name: {
                        "p": round(r.scores[p.id].precision, 4),
                        "r": round(r.scores[p.id].recall, 4),
                        "f1": round(r.scores[p.id].f1, 4),
                    }
                    for name, r in results.items()
                }
                for p in pages
            },
            "errors": {name: r.errors for name, r in results.items() if r.errors},
            "failures": failures,
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(pages)} pages from {args.data / SCRAPINGHUB}\n")
    print(table(results))
    for name, r in results.items():
        for key, err in list(r.errors.items())[:3]:
            print(f"  {name} crashed on {key}: {err}")
    if "rasd" in results and "trafilatura" in results:
        ours, theirs = results["rasd"].scores, results["trafilatura"].scores
        worse = sum(1 for i in ours if ours[i].f1 < theirs[i].f1 - 0.005)
        better = sum(1 for i in ours if ours[i].f1 > theirs[i].f1 + 0.005)
        print(
            f"\nrasd vs trafilatura per page (F1 ±0.005): better {better}, worse {worse}, "
            f"tied {len(ours) - better - worse}"
        )
    for f in failures:
        print(
            f"\n{f['page'][:12]} rasd F1 {f['rasd_f1']} vs trafilatura {f['trafilatura_f1']}  {f.get('url')}"
        )
        for item in f.get("lost", [])[:6]:
            print(f"  lost  [{item['kind']} {item['score']}] {item['text']}")
        for item in f.get("unseen", [])[:3]:
            print(f"  unseen {item['text']}")
        for item in f.get("kept", [])[:4]:
            print(f"  kept  {item['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
