"""Duplicate stories in the store: exact body copies, near-duplicates, stable canonicals,
idempotent reruns, collapsed search and counts, the CLI. Articles are written inline."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import rasd
from rasd.cli.main import cli
from rasd.document import Document
from rasd.store import Store, dedup, open_store

OIL = (
    "أعلنت وزارة النفط العراقية، يوم الأحد، أن صادرات البلاد من النفط الخام ارتفعت خلال "
    "الشهر الماضي إلى أعلى مستوى لها منذ ثلاث سنوات، مدفوعة بزيادة الشحنات من موانئ البصرة "
    "الجنوبية.\n\n"
    "وقال المتحدث باسم الوزارة في بيان إن متوسط الصادرات بلغ ثلاثة ملايين وأربعمئة ألف برميل "
    "يوميا، مشيرا إلى أن الإيرادات الشهرية تجاوزت تسعة مليارات دولار للمرة الأولى هذا العام.\n\n"
    "وأضاف أن الوزارة تعمل على توسيع الطاقة التصديرية عبر إنشاء خزانات جديدة ومد أنابيب "
    "إضافية، بالتعاون مع شركات أجنبية تعمل في حقول الجنوب.\n\n"
    "ويعتمد العراق على عائدات النفط في تمويل أكثر من تسعين في المئة من موازنته العامة، ما "
    "يجعل اقتصاده عرضة لتقلبات الأسعار في الأسواق العالمية.\n\n"
    "ويرى خبراء أن استقرار الأسعار خلال الأشهر المقبلة سيساعد الحكومة على سداد رواتب الموظفين "
    "وتمويل مشاريع البنية التحتية المتأخرة منذ سنوات."
)
# The same story as another outlet ran it: a dateline, one sentence dropped, a few words
# changed, the last two paragraphs swapped.
OIL_EDITED = (
    "بغداد (رويترز) - أعلنت وزارة النفط العراقية، الأحد، أن صادرات البلاد من النفط الخام "
    "ارتفعت خلال الشهر الماضي إلى أعلى مستوى لها منذ ثلاث سنوات، مدفوعة بزيادة الشحنات من "
    "موانئ البصرة الجنوبية.\n\n"
    "وأكد المتحدث باسم الوزارة في بيان إن متوسط الصادرات بلغ ثلاثة ملايين وأربعمئة ألف برميل "
    "يوميا، مشيرا إلى أن الإيرادات الشهرية تجاوزت تسعة مليارات دولار للمرة الأولى هذا العام.\n\n"
    "ويرى خبراء أن استقرار الأسعار خلال الأشهر المقبلة سيساعد الحكومة على سداد رواتب الموظفين "
    "وتمويل مشاريع البنية التحتية المتأخرة منذ سنوات.\n\n"
    "ويعتمد العراق على عائدات النفط في تمويل أكثر من تسعين في المئة من موازنته العامة، ما "
    "يجعل اقتصاده عرضة لتقلبات الأسعار في الأسواق العالمية."
)
# The same words with diacritics, other punctuation and other line breaks.
OIL_MARKED = OIL.replace("النفط", "النِّفط").replace("،", " ,").replace("\n\n", "\n")
# Another story on the same subject, sharing one background sentence with OIL.
REFINERY = (
    "اندلع حريق كبير، مساء الثلاثاء، في وحدة تكرير داخل مصفاة بيجي شمال العراق، ما أدى إلى "
    "توقف الإنتاج في أجزاء من المصفاة وإصابة عاملين اثنين بجروح طفيفة.\n\n"
    "وقالت فرق الدفاع المدني إنها تمكنت من السيطرة على النيران بعد ساعات من العمل، وإن "
    "التحقيقات جارية لمعرفة أسباب الحادث، فيما رجحت مصادر محلية أن يكون تماسا كهربائيا.\n\n"
    "ويعتمد العراق على عائدات النفط في تمويل أكثر من تسعين في المئة من موازنته العامة، ما "
    "يجعل اقتصاده عرضة لتقلبات الأسعار في الأسواق العالمية."
)
FOOTBALL = (
    "تأهل المنتخب المغربي لكرة القدم إلى الدور نصف النهائي من البطولة القارية بعد فوزه على "
    "نظيره الكاميروني بهدفين مقابل هدف واحد، في المباراة التي أقيمت مساء السبت.\n\n"
    "وسجل المهاجم الشاب الهدف الأول في الدقيقة العشرين بتسديدة قوية من خارج منطقة الجزاء، قبل "
    "أن يعادل المنتخب الكاميروني النتيجة مع بداية الشوط الثاني.\n\n"
    "وجاء هدف الفوز في الوقت بدل الضائع من ركلة جزاء احتسبها الحكم بعد العودة إلى تقنية "
    "الفيديو، وسط احتجاجات لاعبي الفريق المنافس."
)


def article(body: str, title: str, source: str) -> Document:
    return rasd.analyze(body, "2022-11-13", title=title, source=source)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "d.db") as s:
        yield s


def test_store_dedup_exact_body_copy_under_another_title(store: Store) -> None:
    first = article(OIL, "العراق: صادرات النفط في أعلى مستوى منذ ثلاث سنوات", "a.txt")
    copy = article(OIL, "صادرات النفط العراقية ترتفع", "b.txt")
    assert first.id != copy.id
    store.upsert(first)
    store.upsert(copy)
    assert store.duplicate_of(copy.id) == first.id
    assert store.duplicate_of(first.id) is None
    assert [(c.id, c.similarity) for c in store.copies(copy.id)] == [
        (first.id, None),
        (copy.id, 1.0),
    ]


def test_store_dedup_diacritics_punctuation_and_line_breaks_are_an_exact_copy(
    store: Store,
) -> None:
    first = article(OIL, "صادرات النفط", "a.txt")
    marked = article(OIL_MARKED, "صادرات النفط", "b.txt")
    store.upsert(first)
    store.upsert(marked)
    assert store.duplicate_of(marked.id) == first.id
    assert store.copies(first.id)[1].similarity == 1.0


def test_store_dedup_near_duplicate_is_marked(store: Store) -> None:
    first = article(OIL, "صادرات النفط", "a.txt")
    edited = article(OIL_EDITED, "ارتفاع صادرات العراق النفطية", "reuters.txt")
    store.upsert(first)
    store.upsert(edited)
    assert store.duplicate_of(edited.id) == first.id
    similarity = store.copies(first.id)[1].similarity
    assert similarity is not None
    assert dedup.THRESHOLD <= similarity < 1.0


@pytest.mark.parametrize("other", [REFINERY, FOOTBALL])
def test_store_dedup_different_story_is_not_marked(store: Store, other: str) -> None:
    store.upsert(article(OIL, "صادرات النفط", "a.txt"))
    different = article(other, "خبر آخر", "b.txt")
    store.upsert(different)
    assert store.duplicate_of(different.id) is None
    assert store.count() == store.count_stories() == 2


def test_store_dedup_paragraph_order_does_not_matter(store: Store) -> None:
    paragraphs = OIL.split("\n\n")
    first = article(OIL, "صادرات النفط", "a.txt")
    shuffled = article("\n\n".join(paragraphs[2:] + paragraphs[:2]), "صادرات النفط", "b.txt")
    store.upsert(first)
    store.upsert(shuffled)
    assert store.duplicate_of(shuffled.id) == first.id
    assert store.copies(first.id)[1].similarity == 1.0  # the same shingles, another order


def test_store_dedup_short_bodies_are_never_marked(store: Store) -> None:
    # Two video pages with the same caption are not one story.
    caption = "شاهد الفيديو الكامل على موقعنا"
    a = article(caption, "انفجار في بيروت", "a.txt")
    b = article(caption, "زلزال في تركيا", "b.txt")
    store.upsert(a)
    store.upsert(b)
    assert store.duplicate_of(b.id) is None
    assert store.count_stories() == 2


def test_store_dedup_canonical_stays_the_first_copy(store: Store) -> None:
    first = article(OIL, "صادرات النفط", "a.txt")
    edited = article(OIL_EDITED, "ارتفاع صادرات العراق النفطية", "b.txt")
    # A copy of the edited version (closer to it than to the first) joins the same story.
    again = article(OIL_EDITED + "\n\nتابعونا على تويتر", "نسخة ثالثة", "c.txt")
    for doc in (first, edited, again):
        store.upsert(doc)
    assert store.duplicate_of(edited.id) == first.id
    assert store.duplicate_of(again.id) == first.id
    # A re-analysis of the canonical (an author found) keeps it canonical.
    first.author = "مراسل"
    assert store.upsert(first) == "updated"
    assert store.duplicate_of(first.id) is None
    assert [c.id for c in store.copies(again.id)] == [first.id, edited.id, again.id]


def test_store_dedup_rerun_is_idempotent(tmp_path: Path) -> None:
    docs = [
        article(OIL, "صادرات النفط", "a.txt"),
        article(OIL_EDITED, "ارتفاع صادرات العراق النفطية", "b.txt"),
        article(FOOTBALL, "المغرب إلى نصف النهائي", "c.txt"),
    ]

    def snapshot(s: Store) -> tuple[object, ...]:
        return (
            s.db.execute("SELECT count(*) FROM doc_bands").fetchone(),
            s.db.execute("SELECT count(*) FROM doc_minhash").fetchone(),
            s.db.execute("SELECT id, duplicate_of FROM documents ORDER BY id").fetchall(),
        )

    with open_store(tmp_path / "r.db") as s:
        first = s.ingest(docs)
        before = snapshot(s)
    with open_store(tmp_path / "r.db") as s:
        second = s.ingest(docs)
        after = snapshot(s)
    assert (first.added, first.copies) == (3, 1)
    assert (second.unchanged, second.copies) == (3, 0)
    assert before == after
    bands, _ = dedup.lsh_params()
    assert before[0] == (3 * bands,)


def test_store_dedup_reanalysed_body_replaces_its_fingerprint(store: Store) -> None:
    doc = article(OIL, "صادرات النفط", "a.txt")
    store.upsert(doc)
    # A newer extractor finds another body in the same page: its bands are replaced, not
    # added to, and it now matches what its new body copies.
    doc.text = FOOTBALL
    assert store.upsert(doc) == "updated"
    bands, _ = dedup.lsh_params()
    assert store.db.execute("SELECT count(*) FROM doc_bands").fetchone() == (bands,)
    football = article(FOOTBALL, "المغرب إلى نصف النهائي", "b.txt")
    store.upsert(football)
    assert store.duplicate_of(football.id) == doc.id
    oil = article(OIL, "نفط", "c.txt")
    store.upsert(oil)
    assert store.duplicate_of(oil.id) is None  # the old body's bands are gone


def test_store_dedup_search_collapses_copies_unless_asked(store: Store) -> None:
    first = article(OIL, "صادرات النفط", "a.txt")
    edited = article(OIL_EDITED, "ارتفاع صادرات العراق النفطية", "b.txt")
    other = article(REFINERY, "حريق في مصفاة بيجي", "c.txt")
    store.ingest([first, edited, other])
    hits = store.search("العراق")
    assert sorted(h.copies for h in hits) == [1, 2]
    assert {h.story for h in hits} == {first.id, other.id}
    everything = store.search("العراق", collapse=False)
    assert {h.id for h in everything} == {first.id, edited.id, other.id}
    assert {h.id: h.story for h in everything}[edited.id] == first.id
    assert store.count() == 3
    assert store.count_stories() == 2


def test_store_dedup_off_then_on_marks_what_was_skipped(tmp_path: Path) -> None:
    first = article(OIL, "صادرات النفط", "a.txt")
    edited = article(OIL_EDITED, "ارتفاع صادرات العراق النفطية", "b.txt")
    with open_store(tmp_path / "o.db", dedup=False) as s:
        s.ingest([first, edited])
        assert s.duplicate_of(edited.id) is None
        assert s.unmarked() == 2
    with open_store(tmp_path / "o.db") as s:
        counts = s.ingest([article(FOOTBALL, "المغرب", "c.txt")])
        assert s.unmarked() == 0
        assert s.duplicate_of(edited.id) == first.id  # marked in ingest order
        assert counts.copies == 0  # the catch-up's marks are not this batch's
        assert s.count_stories() == 2


def test_store_dedup_database_from_before_duplicates_is_upgraded(tmp_path: Path) -> None:
    from rasd.store import migrations

    path = tmp_path / "old.db"
    old = [article(OIL, "صادرات النفط", "a.txt"), article(OIL, "عنوان آخر", "b.txt")]
    with open_store(path, dedup=False) as s:
        s.ingest(old)
    # Make it look like a database written before m002: drop what m002 made.
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE doc_bands; DROP TABLE doc_minhash; DROP TABLE dedup_meta;"
        " DROP INDEX documents_duplicate_of; ALTER TABLE documents DROP COLUMN duplicate_of;"
        " DELETE FROM _migrations WHERE name = 'm002_duplicates';"
    )
    db.close()
    with open_store(path) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM _migrations ORDER BY name")]
        assert names == [name for name, _ in migrations.MIGRATIONS]
        assert s.unmarked() == 2
        assert s.mark_duplicates() == 2
        assert s.duplicate_of(old[1].id) == old[0].id


def test_store_dedup_candidate_lookup_uses_the_band_index(store: Store) -> None:
    # One primary-key search per band: never a scan of doc_bands (millions of rows).
    where = " OR ".join(["(band = ? AND key = ?)"] * 3)
    plan = store.db.execute(
        f"EXPLAIN QUERY PLAN SELECT doc_rowid FROM doc_bands WHERE {where}", [1, 2] * 3
    ).fetchall()
    details = " ".join(row[3] for row in plan)
    assert "SCAN doc_bands" not in details
    assert "SEARCH doc_bands USING PRIMARY KEY (band=? AND key=?)" in details
    copies = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM documents WHERE duplicate_of = ?", ["x"]
    ).fetchall()
    assert "documents_duplicate_of" in " ".join(row[3] for row in copies)


def test_store_dedup_refuses_signatures_made_with_other_parameters(store: Store) -> None:
    store.upsert(article(OIL, "صادرات النفط", "a.txt"))
    store.db.execute("UPDATE dedup_meta SET value = '{}' WHERE key = 'params'")
    store.db.commit()
    store.duplicates = dedup.DuplicateIndex(store.db)
    with pytest.raises(rasd.StoreError, match="duplicates --rebuild"):
        store.upsert(article(FOOTBALL, "المغرب", "c.txt"))
    assert store.mark_duplicates(rebuild=True) == 1


def test_dedup_lsh_bands_are_datasketch_optimum() -> None:
    # The module docstring's recall figure (0.99 at Jaccard 0.7) assumes 25 bands of 5.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=dedup.CANDIDATE_THRESHOLD, num_perm=dedup.NUM_PERM)
    assert dedup.lsh_params() == (lsh.b, lsh.r) == (25, 5)
    assert round(1 - (1 - 0.7**5) ** 25, 2) == 0.99


def test_dedup_fingerprint_of_the_same_words_is_the_same() -> None:
    a = dedup.fingerprint(OIL)
    b = dedup.fingerprint(OIL_MARKED)
    assert a.body_hash == b.body_hash
    assert a.signature == b.signature
    assert a.signature is not None
    assert len(a.signature) == dedup.NUM_PERM * 4
    assert dedup.fingerprint("نص قصير").signature is None


# -- command line ---------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    records = [
        {"id": "a", "title": "صادرات النفط", "text": OIL, "published": "2022-11-13"},
        {"id": "b", "title": "ارتفاع صادرات العراق", "text": OIL_EDITED},
        {"id": "c", "title": "حريق في مصفاة بيجي", "text": REFINERY},
    ]
    (folder / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return folder


def test_cli_ingest_and_search_mention_copies(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    code, out, _ = run("ingest", str(pages), "--db", db)
    assert code == 0
    assert "1 marked as copies of stored stories" in out
    assert "3 documents (2 stories)" in out
    code, out, _ = run("search", "العراق", "--db", db)
    assert "(2 copies)" in out
    assert len([line for line in out.splitlines() if line.startswith("sha256:")]) == 2
    _, out, _ = run("search", "العراق", "--db", db, "--all")
    assert len([line for line in out.splitlines() if line.startswith("sha256:")]) == 3
    assert "(copy of sha256:" in out
    _, out, _ = run("search", "العراق", "--db", db, "--jsonl")
    hits = [json.loads(line) for line in out.splitlines()]
    assert sorted(h["copies"] for h in hits) == [1, 2]


def test_cli_duplicates_lists_stories_and_copies(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    run("ingest", str(pages), "--db", db)
    _, out, _ = run("duplicates", "--db", db, "--json")
    stories = json.loads(out)
    assert [(s["copies"], s["title"]) for s in stories] == [(2, "صادرات النفط")]
    _, out, _ = run("duplicates", stories[0]["id"][7:20], "--db", db, "--jsonl")
    copies = [json.loads(line) for line in out.splitlines()]
    assert [c["duplicate_of"] for c in copies] == [None, stories[0]["id"]]
    assert copies[1]["similarity"] >= dedup.THRESHOLD


def test_cli_ingest_no_dedup_then_duplicates_update(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    _, out, _ = run("ingest", str(pages), "--db", db, "--no-dedup")
    assert "3 not yet checked for copies" in out
    code, out, err = run("duplicates", "--db", db)
    assert "3 documents not yet checked" in err
    code, out, err = run("duplicates", "--db", db, "--update")
    assert code == 0
    assert "checked 3 documents" in err
    assert out.split()[1:4] == ["2", "2022-11-13", "-"]  # the story: two copies
    assert "صادرات النفط" in out


# -- on real articles (the benchmark's harness, small) -----------------------------------

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "news" / "ant").is_dir(), reason="needs ../shared/data/news/ant")
def test_bench_duplicates_on_ant_articles() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import duplicates  # bench/ is a folder of scripts, not a package

    report = duplicates.evaluate(DATA, n=60, n_edits=20, seed=3)
    assert report["rows"] == 80
    assert report["originals"] == 60
    assert report["false_positives"] == 0
    # Light edits stay well above the threshold; allow one miss on a short article.
    assert report["true_positives"] >= 19
    assert report["stories"] == 60 + report["false_negatives"]
