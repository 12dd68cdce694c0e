"""The batch driver: plan shards, run them on Dask, report progress, optionally load.

Steps (numbered in :func:`run_batch`):

1. Plan shards from the inputs (stable ids) and write the plan to ``OUT/plan.jsonl``.
2. Skip shards whose folder already has a ``_SUCCESS`` marker: a rerun resumes.
3. Connect to Dask: the client given, a scheduler address (``tcp://host:8786``, e.g. one
   started by dask-jobqueue on Slurm), or a local cluster of ``workers`` processes.
4. Map :func:`~rasd.batch.worker.process_shard` over the remaining shards. When a worker
   dies, Dask reschedules its shard elsewhere; a shard that fails on its own is reported
   and the others go on.
5. Report documents/second and ETA while shards complete.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rasd.batch.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards
from rasd.batch.worker import is_done, process_shard


@dataclass(slots=True)
class BatchReport:
    shards: int = 0
    skipped: int = 0  # finished by an earlier run
    done: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard id, error)
    documents: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    dashboard: str | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


Progress = Callable[[BatchReport, int], None]  # (report so far, records planned)


def run_batch(
    inputs: Iterable[str],
    out: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    progress: Progress | None = None,
) -> BatchReport:
    from dask.distributed import Client, LocalCluster, as_completed

    out = os.path.abspath(out)
    os.makedirs(os.path.join(out, "shards"), exist_ok=True)
    report = BatchReport()
    # 1. Plan (absolute paths: workers may run elsewhere, with the same shared filesystem).
    shards = plan_shards(
        [os.path.abspath(p) if p != "-" else p for p in inputs], shard_size=shard_size
    )
    with open(os.path.join(out, "plan.jsonl"), "w", encoding="utf-8") as fh:
        fh.writelines(s.to_json() + "\n" for s in shards)
    report.shards = len(shards)
    # 2. Resume. Half-written folders of workers that died are removed first.
    for name in os.listdir(os.path.join(out, "shards")):
        if name.startswith(".tmp-"):
            shutil.rmtree(os.path.join(out, "shards", name), ignore_errors=True)
    todo: list[Shard] = [s for s in shards if not is_done(out, s)]
    report.skipped = len(shards) - len(todo)
    planned = sum(s.size for s in todo)
    if not todo:
        return report
    # 3. Dask.
    own_cluster = None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            own_cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,  # the pipeline is CPU-bound Python: processes, not threads
                processes=True,
                dashboard_address=":0",  # a free port: never clash with another cluster
            )
            client = Client(own_cluster)
    report.dashboard = getattr(client, "dashboard_link", None) if _has_bokeh() else None
    began = time.perf_counter()
    try:
        # 4. One task per shard; retries cover a shard whose worker raised (not a bug in
        # the shard itself, which fails the same way again and is then reported).
        futures = client.map(
            process_shard, [s.to_json() for s in todo], out=out, pure=False, retries=1
        )
        shard_of = {f.key: s for f, s in zip(futures, todo, strict=True)}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:
                report.failed.append((shard_of[future.key].id, f"{type(exc).__name__}: {exc}"))
                continue
            report.done += 1
            report.documents += result["documents"]
            report.quarantined += result["quarantined"]
            report.seconds = time.perf_counter() - began
            # 5. Progress.
            if progress is not None:
                progress(report, planned)
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    report.seconds = time.perf_counter() - began
    return report


def _has_bokeh() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True
