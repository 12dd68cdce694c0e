"""One shard in, one folder of Parquet files out: the unit of work of a batch.

The folder is written under a temporary name and renamed into place only when every
table and the ``_SUCCESS`` marker are on disk, so a worker killed mid-shard leaves no
half-shard behind: the rerun finds no marker and does the shard again. Workers build the
pipeline (and load its models) once per process, not once per shard.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasd.analyze import default_pipeline
from rasd.batch.shards import Shard, read_shard
from rasd.batch.tables import COLUMNS, TABLES, collect
from rasd.pipeline import Pipeline

MARKER = "_SUCCESS"
_INT = {
    "start", "end", "n_sentences", "sentence", "trigger_start", "trigger_end",
    # character offsets of an event's arguments (rasd.flat)
    "actor_start", "actor_end", "recipient_start", "recipient_end",
    "attributed_to_start", "attributed_to_end",
}  # fmt: skip
_FLOAT = {"score"}
_BOOL = {"direct", "background"}


@lru_cache(maxsize=1)
def _worker_pipeline() -> Pipeline:
    """Built once per worker process: models load once, not once per shard."""
    return default_pipeline()


def schema(table: str) -> pa.Schema:
    def kind(col: str) -> pa.DataType:
        if col in _INT:
            return pa.int64()
        if col in _FLOAT:
            return pa.float64()
        if col in _BOOL:
            return pa.bool_()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in COLUMNS[table]])


def shard_dir(out: str, shard: Shard) -> str:
    return os.path.join(out, "shards", shard.id)


def is_done(out: str, shard: Shard) -> bool:
    return os.path.exists(os.path.join(shard_dir(out, shard), MARKER))


def process_shard(shard_json: str, out: str) -> dict[str, Any]:
    """Analyse one shard and write its tables; returns counts for progress reporting."""
    shard = Shard.from_json(shard_json)
    if is_done(out, shard):
        return {
            "shard": shard.id,
            "skipped": True,
            "documents": 0,
            "quarantined": 0,
            "seconds": 0.0,
        }
    began = time.perf_counter()
    tables = collect(_worker_pipeline().run(read_shard(shard)))
    final = shard_dir(out, shard)
    tmp = os.path.join(out, "shards", f".tmp-{shard.id}-{uuid.uuid4().hex[:8]}")
    os.makedirs(tmp)
    try:
        for name in TABLES:
            table = pa.Table.from_pylist(tables[name], schema=schema(name))
            pq.write_table(table, os.path.join(tmp, f"{name}.parquet"))
        with open(os.path.join(tmp, "shard.json"), "w", encoding="utf-8") as fh:
            fh.write(shard.to_json())
        with open(os.path.join(tmp, MARKER), "w") as fh:
            fh.write("ok\n")
        if os.path.exists(final):  # a half-written folder from an older rasd: replace it
            shutil.rmtree(final)
        os.rename(tmp, final)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return {
        "shard": shard.id,
        "skipped": False,
        "documents": len(tables["documents"]),
        "quarantined": len(tables["quarantine"]),
        "seconds": time.perf_counter() - began,
    }
