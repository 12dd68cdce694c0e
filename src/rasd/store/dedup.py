"""Duplicate stories: exact copies of the clean body and near-duplicates (MinHash LSH).

Syndicated copies of one story arrive with different titles, datelines, site furniture and
URLs, so their content-hash ids differ. This module finds them, in the store's own SQLite
file, without rebuilding anything in memory when the store is opened:

1. **Fingerprint** (:func:`fingerprint`). The body (``doc.text``, not ``doc.search``: a new
   title or dateline must not hide a copy) is put in the search form (no diacritics, one
   alef, one ya …) and cut into words. The *body hash* is the SHA-256 of those words, so
   copies that differ only in diacritics, punctuation, spacing or line breaks are exact
   duplicates. The *signature* is a datasketch ``MinHash`` (128 permutations, scheme
   ``affine32``: 128 × uint32 = 512 bytes a document) over the set of word 5-grams.
   Word 5-grams rather than character n-grams: a few times fewer shingles (MinHash cost is
   per shingle), and two different articles rarely share a five-word run outside quotes
   and stock phrases, while one changed word costs at most five shingles. Shingles stay
   inside a paragraph, so paragraphs moved around give the same set.
2. **Index**. The signature is cut into LSH bands; each band is hashed to a signed 64-bit
   key and stored as a row ``doc_bands(band, key, doc_rowid)`` (the primary key, so
   rerunning an ingest adds nothing). The band/row split is datasketch's own optimum
   (``MinHashLSH(threshold, num_perm).b``/``.r``) for :data:`CANDIDATE_THRESHOLD`.
3. **Candidates**: documents sharing at least one band key (one indexed lookup per band),
   plus documents with the same body hash.
4. **Verify** each candidate with the Jaccard similarity estimated from the two stored
   signatures (what ``MinHash.jaccard`` computes); keep those at or above :data:`THRESHOLD`.
   An estimate within :data:`BORDER` of the threshold is settled by the exact Jaccard,
   from the candidate's stored text: few candidates land there, and it removes the
   estimate's noise exactly where a decision turns on it.
5. **Mark**: the new document gets ``duplicate_of`` = the canonical copy of the matching
   story whose canonical was ingested first (smallest rowid). Canonicals never change:
   a copy that arrives later joins a story, it never re-points an existing one, and two
   stories a new copy happens to bridge are not merged.

Why not ``datasketch.MinHashLSH`` itself: its storage is an in-memory dict, Redis or
Cassandra. In memory it would have to be rebuilt from every stored signature each time the
store opens (millions of documents), and no backend shares a transaction with the
``documents`` table, so a crash could leave the index and the documents out of step. Band
rows in SQLite are written in the same transaction as the document they index.

Thresholds. A pair is marked at a Jaccard ≥ 0.7 of word 5-gram sets. On the ANT corpus,
pairs between 0.3 and 0.65 are mostly *different* stories sharing background paragraphs
(an outlet's follow-up that repeats yesterday's report with a new lead, two stories with
one background section), pairs at 0.7 and above mostly one story reworded by two outlets;
light edits of one article (new title or dateline, a short sentence dropped, 1-2% of the
words changed, paragraphs swapped, furniture or marks) stay above 0.7 for 99 in 100
(``bench/duplicates.py``). A heavy rewrite, or a story embedded in a longer one, is not
marked: precision first, since a wrong mark hides a story from collapsed search.
Candidates come from bands tuned for 0.5 (25 bands × 5 rows), not 0.7: the chance that a
pair at Jaccard 0.7 shares a band is 1 − (1 − 0.7⁵)²⁵ ≈ 0.99 (≈ 0.44 with bands tuned for
0.7), and the verification step removes the extra candidates. The estimate's standard error
at 128 permutations is about 0.04 near 0.7.

Short bodies. A body of fewer than :data:`MIN_WORDS` words (a video caption, a one-line
flash) is never marked: identical captions on two pages are not evidence of one story, and
a Jaccard over a handful of shingles swings on a single word.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from rasd.arabic.normalize import normalize
from rasd.errors import StoreError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
THRESHOLD = 0.7
CANDIDATE_THRESHOLD = 0.5
# Estimates this close to THRESHOLD (2.5 standard errors at 128 permutations) are decided
# by the exact Jaccard, recomputed from the stored texts.
BORDER = 0.1
MIN_WORDS = 10

# Letters and digits of the search form; punctuation, hashtag marks and underscores split.
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_PARAGRAPH = regex.compile(r"\n\s*")
# SQLite allows 32,766 parameters; smaller chunks keep each statement cheap to prepare.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the index stores for one body. ``body_hash`` and ``signature`` are None for
    bodies too short to mark (fewer than :data:`MIN_WORDS` words)."""

    words: int
    body_hash: bytes | None
    signature: bytes | None  # NUM_PERM little-endian uint32 MinHash values
    # Kept for the exact check of borderline candidates; not stored.
    shingles: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def band_keys(self) -> list[tuple[int, int]]:
        return band_keys(self.signature) if self.signature is not None else []


@dataclass(frozen=True, slots=True)
class Match:
    """Why a document was marked: the canonical copy and the best similarity to the story
    (1.0 for an exact body copy)."""

    canonical: str
    similarity: float
    exact: bool


@lru_cache(maxsize=1)
def _minhash_kit() -> tuple[Any, Any, int, int]:
    """datasketch's MinHash class, its permutations and the LSH band/row split.

    Imported on first use: datasketch pulls in scipy (half a second), which `rasd search`
    and `rasd show` never need. The permutations are made once, not per document.
    """
    from datasketch import MinHash, MinHashLSH

    permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return MinHash, permutations, int(lsh.b), int(lsh.r)


def lsh_params() -> tuple[int, int]:
    """(bands, rows per band) of the LSH index."""
    _, _, bands, rows = _minhash_kit()
    return bands, rows


def index_params() -> dict[str, object]:
    """Everything that must match for stored signatures and band keys to be comparable
    with new ones; recorded in ``dedup_meta`` by the first indexed document."""
    bands, rows = lsh_params()
    return {
        "shingles": f"word-{SHINGLE_WORDS}-grams of the normalised body, within paragraphs",
        "minhash": f"datasketch num_perm={NUM_PERM} seed={SEED} scheme={SCHEME} sha1_hash32",
        "bands": bands,
        "rows": rows,
        "band_key": "blake2b-64 of the band's little-endian uint32 values",
        "min_words": MIN_WORDS,
    }


def words(text: str) -> list[str]:
    """The words of ``text``'s search form."""
    found: list[str] = _WORD.findall(normalize(text))
    return found


def shingles(text: str) -> tuple[list[str], frozenset[str]]:
    """The body's words and its set of word 5-grams.

    Shingles do not cross paragraph breaks, so the same paragraphs in another order are
    the same set; a paragraph shorter than five words is one shingle.
    """
    tokens: list[str] = []
    out: set[str] = set()
    for paragraph in _PARAGRAPH.split(text):
        ws = words(paragraph)
        tokens += ws
        if len(ws) <= SHINGLE_WORDS:
            if ws:
                out.add(" ".join(ws))
            continue
        out.update(" ".join(ws[i : i + SHINGLE_WORDS]) for i in range(len(ws) - SHINGLE_WORDS + 1))
    return tokens, frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def fingerprint(text: str) -> Fingerprint:
    """Body hash and MinHash signature of a clean body (see the module docstring)."""
    tokens, grams = shingles(text)
    if len(tokens) < MIN_WORDS:
        return Fingerprint(len(tokens), None, None)
    body = " ".join(tokens)
    minhash_cls, permutations, _, _ = _minhash_kit()
    m = minhash_cls(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=permutations)
    m.update_batch([s.encode("utf-8") for s in grams])
    signature = m.hashvalues.astype("<u4").tobytes()
    return Fingerprint(len(tokens), hashlib.sha256(body.encode("utf-8")).digest(), signature, grams)


def band_keys(signature: bytes) -> list[tuple[int, int]]:
    """``(band, key)`` pairs: each band's values hashed to a signed 64-bit SQLite integer.

    datasketch keys a band by its raw bytes; SQLite compares fixed 8-byte integers faster
    and stores them smaller than 20-byte blobs. A key collision only adds a candidate,
    which verification then drops.
    """
    bands, rows = lsh_params()
    width = rows * 4
    return [
        (
            band,
            int.from_bytes(
                hashlib.blake2b(
                    signature[band * width : (band + 1) * width], digest_size=8
                ).digest(),
                "little",
                signed=True,
            ),
        )
        for band in range(bands)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures (as ``MinHash.jaccard``)."""
    return float((_values(a) == _values(b)).mean())


def _values(signature: bytes) -> npt.NDArray[np.uint32]:
    import numpy as np  # loaded on use, like datasketch

    return np.frombuffer(signature, dtype="<u4")


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class DuplicateIndex:
    """Marks duplicates in a rasd SQLite database. Opens no transaction of its own: the
    store calls it inside the transaction that writes the document, so the document, its
    fingerprint, its band rows and its ``duplicate_of`` commit (or roll back) together."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._params_checked = False

    # -- parameters ------------------------------------------------------------------
    def check_params(self) -> None:
        """Record the index parameters on first use; refuse to mix incompatible ones."""
        if self._params_checked:
            return
        current = json.dumps(index_params(), sort_keys=True)
        row = self.db.execute("SELECT value FROM dedup_meta WHERE key = 'params'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO dedup_meta (key, value) VALUES ('params', ?)", (current,))
        elif row[0] != current and self._indexed_any():
            raise StoreError(
                "this database's duplicate index was built with different parameters "
                f"({row[0]}); this rasd uses {current}. Rebuild it with "
                "`rasd duplicates --rebuild`."
            )
        elif row[0] != current:
            self.db.execute("UPDATE dedup_meta SET value = ? WHERE key = 'params'", (current,))
        self._params_checked = True

    def _indexed_any(self) -> bool:
        return self.db.execute("SELECT 1 FROM doc_minhash LIMIT 1").fetchone() is not None

    # -- writes ----------------------------------------------------------------------
    def add(self, rowid: int, doc_id: str, text: str, *, changed: bool = False) -> Match | None:
        """Index one stored document and mark it if it copies a stored story.

        A document already indexed is left alone (reruns are no-ops) unless ``changed``
        (its body was re-analysed): then its fingerprint and bands are replaced, and it is
        matched again only if it is neither a copy nor the canonical of other copies, so
        no canonical id ever flips.
        """
        self.check_params()
        old = self.db.execute(
            "SELECT signature, similarity FROM doc_minhash WHERE doc_rowid = ?", (rowid,)
        ).fetchone()
        if old is not None and not changed:
            return None
        fp = fingerprint(text)
        if old is not None:
            if old[0] is not None:
                self.db.executemany(
                    "DELETE FROM doc_bands WHERE band = ? AND key = ? AND doc_rowid = ?",
                    [(band, key, rowid) for band, key in band_keys(old[0])],
                )
            self.db.execute("DELETE FROM doc_minhash WHERE doc_rowid = ?", (rowid,))
        match = None
        # A copy re-analysed stays a copy: keep the similarity it was marked with.
        marked_with = old[1] if old is not None else None
        if self._may_be_marked(rowid, doc_id):
            match = self.find(fp, exclude=rowid)
            if match is not None:
                self.db.execute(
                    "UPDATE documents SET duplicate_of = ? WHERE rowid = ?",
                    (match.canonical, rowid),
                )
        self.db.execute(
            "INSERT INTO doc_minhash (doc_rowid, words, body_hash, signature, similarity)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                rowid,
                fp.words,
                fp.body_hash,
                fp.signature,
                match.similarity if match else marked_with,
            ),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO doc_bands (band, key, doc_rowid) VALUES (?, ?, ?)",
            [(band, key, rowid) for band, key in fp.band_keys()],
        )
        return match

    def _may_be_marked(self, rowid: int, doc_id: str) -> bool:
        row = self.db.execute(
            "SELECT duplicate_of FROM documents WHERE rowid = ?", (rowid,)
        ).fetchone()
        if row is None or row[0] is not None:
            return False
        has_copies = self.db.execute(
            "SELECT 1 FROM documents WHERE duplicate_of = ? LIMIT 1", (doc_id,)
        ).fetchone()
        return has_copies is None

    # -- reads -----------------------------------------------------------------------
    def find(self, fp: Fingerprint, *, exclude: int | None = None) -> Match | None:
        """The story ``fp`` copies, if any: the matching cluster whose canonical was
        ingested first, with the best similarity to any of its copies."""
        if fp.body_hash is None:
            return None
        found: dict[int, float] = {}
        for (rowid,) in self.db.execute(
            "SELECT doc_rowid FROM doc_minhash WHERE body_hash = ?", (fp.body_hash,)
        ):
            found[rowid] = 1.0
        exact = set(found)
        skip = exact | ({exclude} if exclude is not None else set())
        for rowid, sim in self._verified(fp, skip=skip):
            found[rowid] = sim
        if exclude is not None:
            found.pop(exclude, None)
        # Group the matches by story: canonical rowid -> (canonical id, best similarity,
        # exact copy of some member).
        stories: dict[int, tuple[str, float, bool]] = {}
        for ids in _chunks(sorted(found)):
            rows = self.db.execute(
                "SELECT d.rowid, coalesce(c.rowid, d.rowid), coalesce(d.duplicate_of, d.id)"
                " FROM documents d LEFT JOIN documents c ON c.id = d.duplicate_of"
                f" WHERE d.rowid IN ({','.join('?' * len(ids))})",
                ids,
            )
            for rowid, canon_rowid, canon_id in rows:
                _, sim, was_exact = stories.get(canon_rowid, (canon_id, 0.0, False))
                stories[canon_rowid] = (
                    canon_id,
                    max(sim, found[rowid]),
                    was_exact or rowid in exact,
                )
        if not stories:
            return None
        # The earliest canonical wins, so the answer does not depend on candidate order.
        canon_id, sim, was_exact = stories[min(stories)]
        return Match(canon_id, sim, was_exact)

    def _verified(self, fp: Fingerprint, skip: set[int]) -> Iterable[tuple[int, float]]:
        keys = fp.band_keys()
        if not keys or fp.signature is None:
            return
        # One OR of (band, key) equalities: SQLite runs it as one primary-key search per
        # band (a row-value IN (VALUES …) would scan the whole table instead).
        where = " OR ".join(["(band = ? AND key = ?)"] * len(keys))
        params = [v for pair in keys for v in pair]
        candidates = sorted(
            {
                r
                for (r,) in self.db.execute(
                    f"SELECT doc_rowid FROM doc_bands WHERE {where}", params
                )
            }
            - skip
        )
        border: list[int] = []
        for ids in _chunks(candidates):
            rows = self.db.execute(
                "SELECT doc_rowid, signature FROM doc_minhash"
                f" WHERE doc_rowid IN ({','.join('?' * len(ids))}) AND signature IS NOT NULL",
                ids,
            )
            for rowid, signature in rows:
                sim = similarity(fp.signature, signature)
                if sim >= THRESHOLD + BORDER:
                    yield rowid, sim
                elif sim > THRESHOLD - BORDER:
                    border.append(rowid)
        # Near the threshold the estimate is a coin toss (its standard error is 0.04: a
        # true 0.74 can estimate 0.69); the exact answer costs one re-shingling of the
        # candidate's stored text, for few candidates.
        for ids in _chunks(border):
            rows = self.db.execute(
                f"SELECT rowid, text FROM documents WHERE rowid IN ({','.join('?' * len(ids))})",
                ids,
            )
            for rowid, text in rows:
                sim = jaccard(fp.shingles, shingles(text)[1])
                if sim >= THRESHOLD:
                    yield rowid, sim

    def pending(self) -> int:
        """How many stored documents have not been through duplicate marking."""
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM doc_minhash)"
        ).fetchone()
        return int(row[0])

    def catch_up(self) -> int:
        """Mark every document not marked yet, in ingest order; return how many."""
        done = 0
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT d.rowid, d.id, d.text FROM documents d WHERE d.rowid > ?"
                " AND NOT EXISTS (SELECT 1 FROM doc_minhash m WHERE m.doc_rowid = d.rowid)"
                " ORDER BY d.rowid LIMIT 1000",
                (last,),
            ).fetchall()
            if not rows:
                return done
            for rowid, doc_id, text in rows:
                self.add(rowid, doc_id, text)
                last = rowid
                done += 1

    def rebuild(self) -> int:
        """Forget every fingerprint, band and mark, and mark the whole store again in ingest
        order (after a change of parameters). Canonicals are then the earliest copies."""
        self.db.execute("DELETE FROM doc_bands")
        self.db.execute("DELETE FROM doc_minhash")
        self.db.execute("UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        self.db.execute("DELETE FROM dedup_meta WHERE key = 'params'")
        self._params_checked = False
        return self.catch_up()
