"""Batch processing at scale: shards on Dask, Parquet per shard, resumable, then loaded."""

from rasd.batch.load import LoadReport, load
from rasd.batch.run import BatchReport, run_batch
from rasd.batch.shards import Shard, plan_shards, read_shard

__all__ = ["BatchReport", "LoadReport", "Shard", "load", "plan_shards", "read_shard", "run_batch"]
