"""Duplicate marking on real articles: precision and recall of ``duplicate_of``, the story
count, and store throughput with duplicate marking on and off.

    .venv/bin/python bench/duplicates.py [--n 500] [--edits 100] [--seed 7] [--json]

1. Pick ``--n`` originals from the ANT corpus (``../shared/data/news/ant``), round-robin over
   its five outlets, skipping repeated titles and any article whose body shares a word
   5-gram Jaccard of 0.3 or more with one already picked: the corpus itself holds ~1,400
   cross-outlet near-duplicates, and 0.3 is far below the marking threshold (0.7), so a
   mark between two originals is a real false positive, not a corpus duplicate.
2. Make ``--edits`` lightly edited copies of distinct originals, each with one to three edits
   drawn from: a new title, a dateline added, a sentence dropped, two paragraphs swapped,
   a few words changed, site furniture added (header and footer lines, some of which the
   extractor leaves in the body), diacritics and punctuation changed. Copies with furniture
   are raw pages (the extractor must find title and body); the others are records with a
   title, as in a JSONL corpus.
3. Analyse everything once (``rasd.analyze``), then for marking off and on: a fresh store,
   ingest the originals, the same originals again (from another source), then the copies;
   time each ``Store.ingest``.
4. Score the marks: a true positive is a copy marked ``duplicate_of`` its own original;
   every other mark is a false positive; a copy left unmarked (or marked to the wrong
   story) is a false negative.

Article text stays in memory and in a temporary directory; nothing is written to the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import regex

import rasd
from rasd.document import Document, content_id
from rasd.store import dedup, open_store

ROOT = Path(__file__).resolve().parents[1]
ANT = "news/ant/ant_v2.1_multisource.jsonl.gz"
MIN_BODY_WORDS = 40  # an article, not a caption: the benchmark is about stories
PICK_MAX_JACCARD = 0.3

EDIT_KINDS = (
    "title",
    "dateline",
    "drop_sentence",
    "reorder",
    "words",
    "furniture",
    "marks",
)

# Written for this benchmark, in the ways Arabic sites phrase them.
DATELINES = (
    "القاهرة - (أ ف ب) - ",
    "بيروت (رويترز) - ",
    "عمّان/ بترا: ",
    "دبي - العربية.نت: ",
    "الرباط – ",
    "بغداد/ المسلة: ",
    "واشنطن - وكالات: ",
)
TITLE_EDITS = (
    lambda t: "عاجل: " + t,
    lambda t: "بالفيديو.. " + t,
    lambda t: t + " | أخبار العالم",
    lambda t: " ".join(t.split()[:-2]) if len(t.split()) > 5 else t + " (تحديث)",
    lambda t: "تقرير: " + t,
)
HEADER_FURNITURE = (
    "الرئيسية » أخبار » العالم العربي",
    "آخر تحديث: منذ ساعتين",
    "حجم الخط: + -",
)
FOOTER_FURNITURE = (
    "تابعونا على فيسبوك وتويتر وإنستغرام لمزيد من الأخبار",
    "جميع الحقوق محفوظة © 2018",
    "شارك هذا المقال مع أصدقائك",
    "للاشتراك في النشرة البريدية أدخل بريدك الإلكتروني",
    "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي الموقع",
    "أضف تعليقك",
)
# Word swaps an editor makes when rewriting a wire story.
SYNONYMS = {
    "قال": "أكد",
    "أكد": "قال",
    "أعلن": "ذكر",
    "أضاف": "تابع",
    "أن": "بأن",
    "إن": "بأن",
    "الذي": "والذي",
    "كما": "وكذلك",
    "بعد": "عقب",
    "خلال": "أثناء",
    "وقال": "وأكد",
    "وأضاف": "وتابع",
    "اليوم": "هذا اليوم",
    "أيضا": "كذلك",
}
_SENTENCE = regex.compile(r"(?<=[.!?؟])\s+")
_DIACRITIC = "\u064e"  # fatha, put on a few letters: the search form drops it


@dataclass
class Original:
    docno: str
    source: str
    title: str
    text: str
    published: str  # ISO date


@dataclass
class Copy:
    of: int  # index into originals
    edits: list[str]
    title: str | None  # None: a raw page
    text: str
    jaccard: float = 0.0  # exact word 5-gram Jaccard of the analysed bodies


@dataclass
class Run:
    batch_seconds: list[float]  # Store.ingest time of each batch
    marking_seconds: float  # of which spent in duplicate marking
    marks: dict[str, str | None] = field(default_factory=dict)
    count: int = 0
    stories: int = 0
    copies_counted: int = 0


# ---------------------------------------------------------------------------------------
# 1. Originals
# ---------------------------------------------------------------------------------------


def pick_originals(data: Path, n: int, rng: random.Random) -> tuple[list[Original], int]:
    """``n`` articles, round-robin over outlets, none a near-duplicate of another; also
    returns how many candidates were skipped as near-duplicates of a picked one."""
    from datasketch import MinHash, MinHashLSH

    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(data / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("title") and len(dedup.words(r.get("text") or "")) >= MIN_BODY_WORDS:
                by_source[r["source"]].append(r)
    queues = []
    for source in sorted(by_source):
        items = by_source[source][:]
        rng.shuffle(items)
        queues.append(items)
    lsh = MinHashLSH(threshold=PICK_MAX_JACCARD, num_perm=dedup.NUM_PERM)
    grams: list[frozenset[str]] = []
    titles: set[str] = set()
    chosen: list[Original] = []
    skipped = 0
    while len(chosen) < n and any(queues):
        for q in queues:
            while q:
                r = q.pop()
                if r["title"] in titles:
                    continue
                g = dedup.shingles(r["text"])[1]
                m = MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME)
                m.update_batch([s.encode("utf-8") for s in g])
                if any(dedup.jaccard(g, grams[i]) >= PICK_MAX_JACCARD for i in lsh.query(m)):
                    skipped += 1
                    continue
                lsh.insert(len(grams), m)
                grams.append(g)
                titles.add(r["title"])
                published = parsedate_to_datetime(r["time"]).date().isoformat()
                chosen.append(Original(r["docno"], r["source"], r["title"], r["text"], published))
                break
            if len(chosen) == n:
                break
    return chosen, skipped


# ---------------------------------------------------------------------------------------
# 2. Edited copies
# ---------------------------------------------------------------------------------------


def edit(o: Original, others: list[Original], rng: random.Random) -> Copy:
    """One lightly edited copy of ``o`` (one to three edits)."""
    paragraphs = [p.strip() for p in o.text.split("\n") if p.strip()]
    kinds = rng.sample(EDIT_KINDS, rng.choice((1, 1, 2, 2, 3)))
    title = o.title
    raw_page = False
    header: list[str] = []
    footer: list[str] = []
    applied = []
    for kind in kinds:
        if kind == "drop_sentence":
            dropped = _drop_sentence(paragraphs, rng)
            if dropped is None:  # no sentence light enough to drop: change words instead
                kind = "words"  # noqa: PLW2901 (recorded as the edit really made)
            else:
                paragraphs = dropped
        applied.append(kind)
        if kind == "title":
            title = rng.choice(TITLE_EDITS)(title)
        elif kind == "dateline":
            paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
        elif kind == "reorder":
            paragraphs = _reorder(paragraphs, rng)
        elif kind == "words":
            paragraphs = _change_words(paragraphs, rng)
        elif kind == "furniture":
            raw_page = True
            header = rng.sample(HEADER_FURNITURE, rng.randint(0, 2))
            footer = rng.sample(FOOTER_FURNITURE, rng.randint(1, 3))
            if rng.random() < 0.5:
                footer.append("اقرأ أيضاً: " + rng.choice(others).title)
        elif kind == "marks":
            paragraphs = [_marks(p, rng) for p in paragraphs]
    if raw_page:
        # A saved page: furniture, title, date line, body, furniture.
        lines = [*header, title, o.published, *paragraphs, *footer]
        return Copy(-1, applied, None, "\n\n".join(lines))
    return Copy(-1, applied, title, "\n".join(paragraphs))


def _drop_sentence(paragraphs: list[str], rng: random.Random) -> list[str] | None:
    """Drop one sentence other than the lead, short enough to be a light edit (at most
    15% of the words, or 12 words): Arabic news sentences often run a whole paragraph,
    and cutting one of three is a rewrite, not a trim."""
    total = sum(len(p.split()) for p in paragraphs)
    spots = [
        (i, j)
        for i, p in enumerate(paragraphs)
        for j, sentence in enumerate(_SENTENCE.split(p))
        if (i, j) != (0, 0) and len(sentence.split()) <= max(12, 0.15 * total)
    ]
    if not spots:
        return None
    i, j = rng.choice(spots)
    sentences = _SENTENCE.split(paragraphs[i])
    del sentences[j]
    out = paragraphs[:]
    if sentences:
        out[i] = " ".join(sentences)
    else:
        del out[i]
    return out


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    out = paragraphs[:]
    if len(out) >= 3:
        i, j = rng.sample(range(1, len(out)), 2)  # the lead stays first, as editors do
        out[i], out[j] = out[j], out[i]
    elif len(out) == 2:
        out.reverse()
    return out


def _change_words(paragraphs: list[str], rng: random.Random) -> list[str]:
    """About 1-2% of the words (one to six) replaced: synonyms where the article has
    them, else a number changed or a word dropped. Each changed word breaks up to five
    shingles, so a fixed count would be a light edit of a long article and a rewrite of a
    40-word one."""
    out = [p.split(" ") for p in paragraphs]
    spots = [(i, j) for i, ws in enumerate(out) for j in range(len(ws))]
    n = rng.randint(1, min(6, max(2, round(len(spots) * 0.02))))
    for i, j in rng.sample(spots, min(len(spots), n)):
        w = out[i][j]
        if w in SYNONYMS:
            out[i][j] = SYNONYMS[w]
        elif w.isdigit():
            out[i][j] = str(int(w) + rng.randint(1, 9))
        else:
            out[i][j] = ""
    return [" ".join(w for w in ws if w) for ws in out]


def _marks(paragraph: str, rng: random.Random) -> str:
    """Diacritics on some letters and different punctuation: the same words to a reader."""
    chars = []
    for ch in paragraph:
        chars.append(ch)
        if "\u0628" <= ch <= "\u064a" and rng.random() < 0.05:
            chars.append(_DIACRITIC)
    text = "".join(chars).replace("،", ",")
    return text.replace('"', "«", 1).replace('"', "»", 1)


# ---------------------------------------------------------------------------------------
# 3. Ingest and score
# ---------------------------------------------------------------------------------------


def analyse(
    originals: list[Original], copies: list[Copy]
) -> tuple[list[Document], list[Document], list[Document], float]:
    start = time.perf_counter()
    first = [
        rasd.analyze(o.text, o.published, title=o.title, source=f"ant/{o.docno}") for o in originals
    ]
    again = [
        rasd.analyze(o.text, o.published, title=o.title, source=f"mirror/{o.docno}")
        for o in originals
    ]
    edited = [
        rasd.analyze(c.text, title=c.title, source=f"edited/{n}") for n, c in enumerate(copies)
    ]
    return first, again, edited, time.perf_counter() - start


def ingest(db: Path, batches: list[list[Document]], *, dedup_on: bool) -> Run:
    """Ingest ``batches`` in order into a fresh store; time only the store's work, and
    within it the duplicate marking."""
    with open_store(db, dedup=dedup_on) as store:
        marking = [0.0]
        add = store.duplicates.add

        def timed_add(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return add(*args, **kwargs)
            finally:
                marking[0] += time.perf_counter() - start

        store.duplicates.add = timed_add  # type: ignore[method-assign]
        seconds = []
        copies_counted = 0
        for docs in batches:
            start = time.perf_counter()
            counts = store.ingest(docs)
            seconds.append(time.perf_counter() - start)
            copies_counted += counts.copies
        marks = dict(store.db.execute("SELECT id, duplicate_of FROM documents").fetchall())
        return Run(
            seconds,
            marking[0],
            marks,
            store.count(),
            store.count_stories(),
            copies_counted,
        )


def score(
    run: Run, first: list[Document], edited: list[Document], copies: list[Copy]
) -> dict[str, Any]:
    truth = {doc.id: first[c.of].id for doc, c in zip(edited, copies, strict=True)}
    marked = {i: d for i, d in run.marks.items() if d is not None}
    tp = sum(1 for i, d in marked.items() if truth.get(i) == d)
    fp = len(marked) - tp
    fn = len(truth) - tp
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_jaccard: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for doc, c in zip(edited, copies, strict=True):
        hit = int(run.marks.get(doc.id) == truth[doc.id])
        for k in c.edits:
            by_kind[k][0] += hit
            by_kind[k][1] += 1
        bucket = "1.0" if c.jaccard == 1.0 else f"{int(c.jaccard * 10) / 10:.1f}-"
        by_jaccard[bucket][0] += hit
        by_jaccard[bucket][1] += 1
        if not hit:
            misses.append({"edits": c.edits, "jaccard": round(c.jaccard, 3)})
    wrong = [
        {"id": i[:19], "marked": d[:19], "original_of": truth.get(i, "-")[:19]}
        for i, d in marked.items()
        if truth.get(i) != d
    ]
    return {
        "marked": len(marked),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "precision": round(tp / len(marked), 4) if marked else 1.0,
        "recall": round(tp / len(truth), 4) if truth else 1.0,
        "recall_by_edit": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "recall_by_jaccard": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_jaccard.items())},
        "misses": misses,
        "wrong_marks": wrong,
    }


def evaluate(data: Path, n: int, n_edits: int, seed: int, repeats: int = 1) -> dict[str, Any]:
    """The whole benchmark; returns the figures (see the module docstring)."""
    rng = random.Random(seed)
    originals, skipped = pick_originals(data, n, rng)
    picks = rng.sample(range(len(originals)), min(n_edits, len(originals)))
    copies = []
    for i in picks:
        o = originals[i]
        # An edit can leave the page as it was (two equal paragraphs swapped): that is
        # the original stored again, not a copy, so draw the edits again.
        while True:
            c = edit(o, originals, rng)
            raw = f"{c.title}\n\n{c.text}" if c.title else c.text
            if content_id(raw) != content_id(f"{o.title}\n\n{o.text}"):
                break
        c.of = i
        copies.append(c)
    first, again, edited, analyse_s = analyse(originals, copies)
    for doc, c in zip(edited, copies, strict=True):
        c.jaccard = dedup.jaccard(dedup.shingles(doc.text)[1], dedup.shingles(first[c.of].text)[1])
    dedup.fingerprint(first[0].text)  # load datasketch before timing, as a CLI run would
    # Marking off and on alternate, `repeats` times each, on fresh stores; the fastest run
    # of each batch counts (other processes on the machine only ever slow a run down).
    runs: dict[bool, list[Run]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeats):
            for dedup_on in (False, True):
                db = Path(tmp) / f"dedup-{dedup_on}-{r}.db"
                runs[dedup_on].append(ingest(db, [first, again, edited], dedup_on=dedup_on))
    on = runs[True][0]
    new_docs = len(first) + len(edited)

    def best(dedup_on: bool, *batches: int) -> float:
        return min(sum(run.batch_seconds[b] for b in batches) for run in runs[dedup_on])

    new_off, new_on = best(False, 0, 2), best(True, 0, 2)
    analyse_new = analyse_s / (len(first) + len(again) + len(edited)) * new_docs
    marking = min(run.marking_seconds for run in runs[True])
    report: dict[str, Any] = {
        "originals": len(originals),
        "skipped_as_corpus_near_duplicates": skipped,
        "edited_copies": len(copies),
        "edits": dict(Counter(k for c in copies for k in c.edits)),
        "edited_jaccard_min": round(min(c.jaccard for c in copies), 3),
        "documents_ingested": len(first) + len(again) + len(edited),
        "rows": on.count,
        "stories": on.stories,
        "copies_reported_by_ingest": on.copies_counted,
        **score(on, first, edited, copies),
        "analyse_docs_per_s": round(new_docs / analyse_new, 1),
        "store_new_docs_per_s_dedup_off": round(new_docs / new_off, 1),
        "store_new_docs_per_s_dedup_on": round(new_docs / new_on, 1),
        "marking_ms_per_new_doc": round(marking / new_docs * 1000, 2),
        "store_reingest_docs_per_s_dedup_off": round(len(again) / best(False, 1), 1),
        "store_reingest_docs_per_s_dedup_on": round(len(again) / best(True, 1), 1),
        "end_to_end_new_docs_per_s_dedup_off": round(new_docs / (analyse_new + new_off), 1),
        "end_to_end_new_docs_per_s_dedup_on": round(new_docs / (analyse_new + new_on), 1),
    }
    return report


def scale(data: Path, n: int, step: int) -> dict[str, Any]:
    """Marking cost as the store grows: ``n`` ANT bodies (the whole corpus by default)
    through :class:`DuplicateIndex` alone, in ANT's order, on a file database with bare
    document rows (no analysis, no FTS), timed per ``step`` documents. Also counts how
    many of the corpus's own articles are marked, exact and near."""
    from rasd.store import migrations

    with gzip.open(data / ANT, "rt", encoding="utf-8") as fh:
        texts = [t for t in (json.loads(line).get("text") for line in fh) if t][:n]
    out: dict[str, Any] = {"documents": len(texts), "ms_per_doc_by_store_size": {}}
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "scale.db")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(db)
        index = dedup.DuplicateIndex(db)
        dedup.fingerprint(texts[0])
        exact = near = 0
        for start in range(0, len(texts), step):
            chunk = texts[start : start + step]
            began = time.perf_counter()
            with db:
                for i, text in enumerate(chunk, start + 1):
                    db.execute(
                        "INSERT INTO documents (rowid, id, text, search, raw, data)"
                        " VALUES (?, ?, ?, '', '', '')",
                        (i, f"sha256:{i:064x}", text),
                    )
                    match = index.add(i, f"sha256:{i:064x}", text)
                    if match is not None:
                        exact += match.exact
                        near += not match.exact
            seconds = time.perf_counter() - began
            out["ms_per_doc_by_store_size"][f"{start}-{start + len(chunk)}"] = round(
                seconds / len(chunk) * 1000, 2
            )
        out["marked_exact_body"] = exact
        out["marked_near"] = near
        out["stories"] = len(texts) - exact - near
        out["band_rows"] = db.execute("SELECT count(*) FROM doc_bands").fetchone()[0]
        db.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=500, help="originals")
    parser.add_argument("--edits", type=int, default=100, help="edited copies")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per mode")
    parser.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="instead: marking cost as the store grows, over N ANT bodies (0: all)",
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = parser.parse_args()
    if not (opts.data / ANT).is_file():
        sys.exit(f"no ANT corpus at {opts.data / ANT}")
    if opts.scale is not None:
        report = scale(opts.data, opts.scale or 10**9, step=5000)
    else:
        report = evaluate(opts.data, opts.n, opts.edits, opts.seed, opts.repeats)
    if opts.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for key, value in report.items():
        if key in ("misses", "wrong_marks"):
            continue
        print(f"{key:<36} {value}")
    for key, label in (("misses", "miss"), ("wrong_marks", "wrong mark")):
        for item in report.get(key, []):
            print(f"{label:<36} {item}")


if __name__ == "__main__":
    main()
