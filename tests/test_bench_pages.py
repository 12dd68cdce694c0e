"""The extraction benchmark harness (bench/build_pages.py, bench/eval_extract.py).

These tests check the harness, not the extractor: the gold each page carries must agree
with the page, and the scorer must give full marks to a perfect extractor and catch a
useless one. Accuracy floors are left to the benchmark while the extractor is changing.
Needs the ANT corpus in ../shared; skipped without it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

import rasd
from rasd.arabic.normalize import normalize

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEED_FIXTURE = REPO.parent / "shared" / "fixtures" / "seed"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not (DATA / "news" / "ant").is_dir(), reason="needs ../shared/data/news/ant"
    ),
]

# bench/ is a folder of scripts, not a package; the eval imports the builder by name.
sys.path.insert(0, str(REPO / "bench"))
import build_pages  # noqa: E402
import eval_extract  # noqa: E402

N_PAGES = 40


@pytest.fixture(scope="module")
def articles() -> list[build_pages.Article]:
    return build_pages.load_articles(DATA)


@pytest.fixture(scope="module")
def built(articles, tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("pages")
    golds = build_pages.build(DATA, out, n=N_PAGES, seed=7, articles=articles)
    return out, golds


def _page(out: Path, gold: dict) -> str:
    return (out / f"{gold['id']}.txt").read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_build_pages_writes_page_and_gold_pairs(built):
    out, golds = built
    assert len(golds) == N_PAGES
    assert sorted(p.name for p in out.glob("*.txt")) == [
        f"{i:03d}.txt" for i in range(1, N_PAGES + 1)
    ]
    for gold in golds:
        on_disk = json.loads((out / f"{gold['id']}.gold.json").read_text(encoding="utf-8"))
        assert on_disk == gold


def test_build_pages_mixes_outlets_and_formats(built):
    _, golds = built
    # Round-robin over the six outlets, and the date formats vary.
    assert len({g["source"] for g in golds}) == 6
    assert len({g["date_format"] for g in golds}) >= 8
    assert len({g["dateline_style"] for g in golds}) >= 6
    assert len({g["docno"] for g in golds}) == N_PAGES


def test_build_pages_is_deterministic(articles, built, tmp_path):
    out, _ = built
    build_pages.build(DATA, tmp_path, n=5, seed=7, articles=articles)
    for page in sorted(tmp_path.glob("*")):
        assert page.read_bytes() == (out / page.name).read_bytes()


def test_build_pages_gold_matches_page(built):
    out, golds = built
    for gold in golds:
        lines = _lines(_page(out, gold))
        paragraphs = gold["body_paragraphs"]
        assert gold["title"] in lines, gold["id"]
        for date_line in gold["date_lines"]:
            assert date_line in lines, gold["id"]
        if gold["author_line"]:
            assert gold["author_line"] in lines
        # The lead carries the dateline prefix; every other paragraph is a line as is.
        lead = paragraphs[0]
        style, prefix = gold["dateline_style"], gold["dateline_text"]
        if style in ("none", "own-line"):
            assert lead in lines, gold["id"]
        else:
            assert f"{prefix} {lead}" in lines, gold["id"]
        if style == "own-line":
            assert lines.index(prefix) + 1 == lines.index(lead)
        for paragraph in paragraphs[1:]:
            assert paragraph in lines, gold["id"]
        # Body order is the article's order.
        where = [next(i for i, line in enumerate(lines) if p in line) for p in paragraphs]
        assert where == sorted(where), gold["id"]
        assert lead.startswith(gold["body_starts_with"])
        assert paragraphs[-1].endswith(gold["body_ends_with"])
        assert len(gold["body_starts_with"]) >= min(30, len(lead.rstrip()))
        assert dt.date.fromisoformat(gold["published"]).year >= 2000
        assert len(gold["body_heading_like"]) == len(paragraphs)


def test_build_pages_gold_datelines_agree(built):
    _, golds = built
    for gold in golds:
        if gold["dateline_style"] == "none":
            assert gold["dateline_text"] is None
            assert gold["dateline_place"] is None
            assert gold["outlet"] is None
            continue
        assert gold["dateline_place"] or gold["outlet"], gold["id"]
        for part in (gold["dateline_place"], gold["outlet"]):
            if part:
                assert part in gold["dateline_text"], gold["id"]


def test_build_pages_furniture_is_on_the_page_and_not_in_the_article(built):
    out, golds = built
    kinds = {k for k, *_ in build_pages.POOLS.items()}
    for gold in golds:
        lines = _lines(_page(out, gold))
        for item in gold["boilerplate"]:
            assert item["text"] in lines, (gold["id"], item["text"])
            assert item["kind"] in kinds
            assert item["kind"] in item["ok_kinds"]
        texts = [b["text"] for b in gold["boilerplate"]]
        assert len(texts) == len(set(texts)), "a furniture line is used twice on one page"
        # Whatever is listed as not-in-body must not occur in the article itself, or the
        # eval would count a leak the extractor did not make.
        for text in gold["not_in_body"]:
            assert not build_pages.found_in(text, gold["body_paragraphs"]), (gold["id"], text)
        assert set(texts) <= set(gold["not_in_body"])


def test_build_pages_furniture_pools_are_not_copied():
    # The pools must not reuse the seed fixture's lines or the cue lexicon's patterns
    # verbatim, so the benchmark measures generalisation.
    fixture_lines = set()
    for path in SEED_FIXTURE.glob("*.txt"):
        fixture_lines |= set(_lines(path.read_text(encoding="utf-8")))
    cues = REPO / "src" / "rasd" / "data" / "boilerplate_cues.tsv"
    patterns = {
        line.split("\t")[-1]
        for line in cues.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    }
    for pool in build_pages.POOLS.values():
        for text, _ in pool:
            # Bare tokens (", ,", "Close") are what every site prints; the brief asks for them.
            assert len(text) <= 5 or text not in fixture_lines, text
            assert normalize(text) not in patterns


def test_build_pages_refuses_out_inside_repo():
    with pytest.raises(SystemExit):
        build_pages.main(["--n", "1", "--out", str(REPO / "bench" / "pages")])


def test_parse_time_handles_each_corpus_format():
    assert build_pages.parse_time("Sun, 18 Feb 2018 21:35:43 +0400").date() == dt.date(2018, 2, 18)
    assert build_pages.parse_time("2017-01-20T21:43:00+01:00").date() == dt.date(2017, 1, 20)
    assert build_pages.parse_time("21/04/2017").date() == dt.date(2017, 4, 21)
    assert build_pages.parse_time("") is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(622, 7, 19), (1, 1, 1)),  # the epoch (16 July 622 Julian)
        (dt.date(2022, 7, 30), (1444, 1, 1)),  # 1 Muharram 1444
        (dt.date(2018, 5, 16), (1439, 9, 1)),  # 1 Ramadan 1439
    ],
)
def test_hijri_matches_known_dates(day, expected):
    assert build_pages.hijri(day) == expected


def test_eval_extract_returns_rates_in_unit_interval(built):
    out, _ = built
    report = eval_extract.evaluate(out)
    assert report.pages == N_PAGES
    for metric in report.metrics.values():
        assert 0.0 <= metric.rate <= 1.0
        assert metric.correct <= metric.total
    for name in ("title", "published", "body_start", "body_end", "leaked_boilerplate"):
        assert report.metrics[name].total == N_PAGES
    formats = {f for f, _ in build_pages.DATE_FORMATS}
    assert set(report.breakdowns["published_by_date_format"]) <= formats
    json.dumps(report.to_dict(failures=3), ensure_ascii=False)
    assert "title" in eval_extract.format_table(report)


def _perfect(golds: dict[str, dict]):
    """An analyze() that returns exactly the gold: what a flawless extractor would give."""

    def analyze(page: str) -> rasd.Document:
        gold = golds[page]
        dateline = None
        if gold["dateline_style"] != "none":
            dateline = rasd.Dateline(place=gold["dateline_place"], outlet=gold["outlet"])
        return rasd.Document(
            id="x",
            source=rasd.Source(format="text"),
            raw=page,
            title=gold["title"],
            published=gold["published"],
            dateline=dateline,
            author=gold["author"],
            text="\n\n".join(gold["body_paragraphs"]),
            boilerplate=[
                rasd.Boilerplate(text=b["text"], kind=b["kind"]) for b in gold["boilerplate"]
            ],
        )

    return analyze


def test_eval_extract_gives_a_perfect_extractor_full_marks(built):
    out, golds = built
    by_page = {_page(out, g): g for g in golds}
    report = eval_extract.evaluate(out, analyze=_perfect(by_page))
    for name, metric in report.metrics.items():
        assert metric.rate == (0.0 if metric.lower_is_better else 1.0), name
    assert not any(report.failures.values())


def test_eval_extract_catches_an_extractor_that_keeps_everything(built):
    out, golds = built

    def keep_all(page: str) -> rasd.Document:
        # No fields, and the whole page as the body: every furniture line leaks.
        return rasd.Document(
            id="x", source=rasd.Source(format="text"), raw=page, text="\n\n".join(_lines(page))
        )

    report = eval_extract.evaluate(out, analyze=keep_all)
    m = report.metrics
    assert m["title"].rate == 0.0
    assert m["published"].rate == 0.0
    assert m["lost_paragraphs"].rate == 0.0  # nothing is lost when nothing is removed
    assert m["boilerplate_removed"].rate == 0.0
    assert m["leaked_boilerplate"].correct == sum(1 for g in golds if g["not_in_body"])
    assert m["body_start"].correct < N_PAGES  # pages open with furniture or the title
    assert report.failures["title"][0].expected == golds[0]["title"]


# The accuracy gate. Floors sit below what the extractor measures on 200 pages of seeds 7
# and 11 (title 100%, date 100%, body boundary 96.5%, leaks 6.5-8.5%), so they hold across
# seeds; lowering one is a visible decision in review, never a silent regression.
FLOORS = {
    "title": 0.95,
    "published": 0.97,
    "dateline_place": 0.93,
    "body_start": 0.95,
    "body_boundary": 0.88,
    "boilerplate_removed": 0.93,
}
CEILINGS = {"leaked_boilerplate": 0.15, "lost_paragraphs": 0.02, "false_dateline": 0.02}


def test_extraction_accuracy_gate(built) -> None:
    out, _ = built
    report = eval_extract.evaluate(out)
    for name, floor in FLOORS.items():
        assert report.metrics[name].rate >= floor, (name, report.metrics[name].rate)
    for name, ceiling in CEILINGS.items():
        assert report.metrics[name].rate <= ceiling, (name, report.metrics[name].rate)
