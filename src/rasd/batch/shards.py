"""Planning work as shards, and reading one shard back.

A shard is a small, stable description of a slice of the input: a run of records of a
JSONL file, one WARC file, or a list of page files. Its id is a hash of that description
(and of the files' sizes), so planning the same inputs twice gives the same shards and a
rerun can skip the ones already finished. Shards carry paths, not data: workers read
their own slice, so the driver never holds the corpus.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from rasd.document import Document
from rasd.ingest.readers import DEFAULT_MAX_BYTES, _expand, read_jsonl, read_path, sniff_format
from rasd.pipeline import Drop

DEFAULT_SHARD_SIZE = 500


@dataclass(slots=True, frozen=True)
class Shard:
    kind: str  # "jsonl" | "file" | "files"
    paths: tuple[str, ...]
    start: int = 0  # first record (jsonl)
    count: int = 0  # records in the shard (jsonl); 0 = all
    fingerprint: str = ""  # sizes of the files, so a changed input is a new shard

    @property
    def id(self) -> str:
        key = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(key).hexdigest()[:16]

    @property
    def size(self) -> int:
        """Records the shard holds (an estimate for whole files)."""
        return self.count or len(self.paths)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Shard:
        data = json.loads(text)
        data["paths"] = tuple(data["paths"])
        return cls(**data)


def plan_shards(inputs: Iterable[str], *, shard_size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """Split inputs into shards: JSONL files by record ranges, each WARC file whole,
    other files (text, HTML pages, feeds) in groups of ``shard_size``."""
    shards: list[Shard] = []
    loose: list[str] = []
    for arg in inputs:
        for path in _expand(arg):
            if not os.path.isfile(path):
                loose.append(path)  # reported as a drop by the worker that reads it
                continue
            with open(path, "rb") as fh:
                fmt = sniff_format(fh.read(4096), path)
            fingerprint = str(os.path.getsize(path))
            if fmt == "jsonl":
                n = _count_records(path)
                for start in range(0, max(n, 1), shard_size):
                    shards.append(
                        Shard("jsonl", (path,), start, min(shard_size, n - start), fingerprint)
                    )
            elif fmt == "warc":
                shards.append(Shard("file", (path,), fingerprint=fingerprint))
            else:
                loose.append(path)
    for group in _chunks(loose, shard_size):
        sizes = ",".join(str(os.path.getsize(p)) if os.path.isfile(p) else "-" for p in group)
        shards.append(
            Shard(
                "files", tuple(group), fingerprint=hashlib.sha256(sizes.encode()).hexdigest()[:16]
            )
        )
    return shards


def read_shard(shard: Shard, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Drop]:
    """The documents (and drops) of one shard, in order."""
    if shard.kind == "jsonl":
        (path,) = shard.paths
        with _open(path) as fh:
            lines = itertools.islice(fh, shard.start, shard.start + shard.count)
            # Line numbers stay the file's own, so record ids and drop sources match a
            # single-process run of the same file.
            yield from read_jsonl(lines, name=path, max_bytes=max_bytes, first_line=shard.start + 1)
        return
    for path in shard.paths:
        yield from read_path(path, max_bytes=max_bytes)


def _count_records(path: str) -> int:
    """Physical lines (blank ones included, as read_jsonl numbers them)."""
    with _open(path) as fh:
        return sum(1 for _ in fh)


def _open(path: str) -> io.BufferedIOBase:
    with open(path, "rb") as probe:
        gz = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gz else open(path, "rb")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
