"""Batch processing on a local Dask cluster: shards, resume, load, kill a worker, export."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from rasd.batch import load, plan_shards, run_batch
from rasd.cli.main import cli
from rasd.document import content_id
from rasd.export import frame, write
from rasd.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
ANT = SHARED / "data/news/ant/ant_v2.1_multisource.jsonl.gz"

PLACES = ["بغداد", "القاهرة", "دمشق", "بيروت", "عمّان", "الرياض"]


def article(i: int) -> dict[str, str]:
    place = PLACES[i % len(PLACES)]
    return {
        "id": f"a{i}",
        "text": (
            f"خبر رقم {i} عن الاقتصاد\n\n{1 + i % 28} نوفمبر، 2022\n\n"
            f"{place} - وكالات: أعلنت الحكومة اليوم خطة رقم {i} لدعم الاقتصاد الوطني خلال العام المقبل، "
            "وقال المتحدث باسمها إن الخطة تشمل مشاريع في الطاقة والنقل والمياه."
        ),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps(article(i), ensure_ascii=False) + "\n")
            if i == 30:
                fh.write("{broken json\n")
        fh.write(json.dumps(article(5), ensure_ascii=False) + "\n")  # an exact repeat
    return path


def test_batch_plan_is_stable_and_changes_with_the_input(corpus: Path) -> None:
    first = plan_shards([str(corpus)], shard_size=25)
    again = plan_shards([str(corpus)], shard_size=25)
    assert [s.id for s in first] == [s.id for s in again]
    assert [(s.start, s.count) for s in first] == [(0, 25), (25, 25), (50, 12)]
    with gzip.open(corpus, "at", encoding="utf-8") as fh:
        fh.write(json.dumps(article(99), ensure_ascii=False) + "\n")
    assert {s.id for s in plan_shards([str(corpus)], shard_size=25)}.isdisjoint(
        {s.id for s in first}
    )


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as lc,
        Client(lc) as client,
    ):
        yield client


def test_batch_runs_resumes_and_loads_exactly_once(cluster, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, db = str(tmp_path / "out"), str(tmp_path / "b.db")
    report = run_batch([str(corpus)], out, client=cluster, shard_size=25)
    assert (report.shards, report.done, report.failed) == (3, 3, [])
    assert report.documents == 61
    assert report.quarantined == 1
    again = run_batch([str(corpus)], out, client=cluster, shard_size=25)
    assert (again.done, again.skipped) == (0, 3)
    first_load = load(out, db)
    assert (
        first_load.counts.added,
        first_load.counts.unchanged,
        first_load.counts.quarantined,
    ) == (60, 1, 1)
    second_load = load(out, db)
    assert second_load.counts.added == 0
    with open_store(db) as store:
        assert store.count() == 60
        (bad,) = store.quarantined()
        assert bad["source"].endswith("corpus.jsonl.gz:32")
        assert store.search("بغداد")


def test_cli_batch_load_and_export_round_trip(corpus: Path, tmp_path: Path) -> None:
    out, db = str(tmp_path / "out"), str(tmp_path / "c.db")
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(corpus),
            "--out",
            out,
            "--workers",
            "1",
            "--shard-size",
            "40",
            "--no-progress",
            "--load",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "60 added" in result.stdout
    for fmt in ("csv", "parquet", "jsonl"):
        path = str(tmp_path / f"docs.{fmt}")
        assert (
            CliRunner()
            .invoke(cli, ["export", "documents", "--db", db, "--format", fmt, "--out", path])
            .exit_code
            == 0
        )
        df = {
            "csv": pd.read_csv,
            "parquet": pd.read_parquet,
            "jsonl": lambda p: pd.read_json(p, lines=True),
        }[fmt](path)
        assert len(df) == 60
        assert set(df["doc_id"]) == {
            r[0] for r in sqlite3.connect(db).execute("SELECT id FROM documents")
        }
    filtered = frame(db, "documents", since="2022-11-10", until="2022-11-12")
    assert len(filtered) > 0
    assert filtered["published"].between("2022-11-10", "2022-11-12").all()
    events = frame(db, "events", layout="cameo")
    assert list(events.columns)[:3] == ["GLOBALEVENTID", "SQLDATE", "Actor1Code"]
    with pytest.raises(Exception, match="Parquet"):
        write(filtered, "parquet", None)


@pytest.mark.skipif(not ANT.exists(), reason="needs ../shared/data/news/ant")
def test_batch_survives_a_killed_worker_and_reruns_exactly(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """2,000 real articles, two workers; one is killed mid-run. Dask reschedules its shard;
    the rerun finds nothing to do; the store holds exactly the expected documents."""
    corpus = tmp_path / "ant2000.jsonl"
    expected: set[str] = set()
    with gzip.open(ANT, "rt", encoding="utf-8") as src, open(corpus, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == 2000:
                break
            r = json.loads(line)
            dst.write(
                json.dumps(
                    {
                        "id": r["docno"],
                        "title": r["title"],
                        "text": r["text"],
                        "published": r["time"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            expected.add(content_id(f"{r['title'].strip()}\n\n{r['text']}"))
    out, db = str(tmp_path / "out"), str(tmp_path / "k.db")
    result: dict[str, object] = {}
    runner = threading.Thread(
        target=lambda: result.setdefault(
            "r", run_batch([str(corpus)], out, client=cluster, shard_size=100)
        )
    )
    runner.start()
    shards_dir = Path(out) / "shards"
    deadline = time.time() + 120
    while time.time() < deadline and not any(
        (shards_dir / d / "_SUCCESS").exists()
        for d in (os.listdir(shards_dir) if shards_dir.exists() else [])
    ):
        time.sleep(0.05)
    victim = sorted(cluster.run(os.getpid).values())[0]
    os.kill(victim, signal.SIGKILL)  # mid-run: the other shards are still being processed
    runner.join(timeout=600)
    first = result["r"]
    assert first.failed == []  # type: ignore[attr-defined]
    rerun = run_batch([str(corpus)], out, client=cluster, shard_size=100)
    assert (rerun.done, rerun.skipped, rerun.failed) == (0, 20, [])
    load(out, db)
    load(out, db)  # loading twice changes nothing
    with open_store(db) as store:
        ids = {r[0] for r in store.db.execute("SELECT id FROM documents")}
        assert ids == expected
        assert store.count() == len(expected)
        events = sum(
            len(json.loads(r[0]).get("events", []))
            for r in store.db.execute("SELECT data FROM documents")
        )
    shard_events = sum(len(pd.read_parquet(p)) for p in Path(out).glob("shards/*/events.parquet"))
    assert events == shard_events
