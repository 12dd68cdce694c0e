"""The command line, through click's runner (no subprocess, no network)."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import json
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.store import open_store
from web_helpers import ARGUED_ROWS, NEW_EVENT_COLUMNS, argued_document

ARTICLE = "مقتل ثلاثة في انفجار\n\n13 نوفمبر، 2022\n\nبيروت (رويترز) - قال مسؤولون أمنيون إن ثلاثة أشخاص قتلوا في انفجار بالعاصمة اللبنانية.\n"
OTHER = "الحكومة تعلن خطة جديدة\n\n2022-11-14\n\nالقاهرة - أحمد الريدي - أعلنت الحكومة خطة لدعم الاقتصاد الوطني خلال العام المقبل.\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "cp1256.txt").write_bytes(ARTICLE.replace("ثلاثة", "أربعة").encode("cp1256"))
    return tmp_path


def run(*args: str, input: bytes | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_cli_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, f"`rasd {name}` has no help"
        assert run(name, "--help").exit_code == 0


def test_cli_analyze_one_file_pretty_json(files: Path) -> None:
    result = run("analyze", str(files / "a.txt"), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["published"] == "2022-11-13"
    assert doc["dateline"] == {"place": "بيروت", "outlet": "رويترز"}
    assert doc["source"]["path"].endswith("a.txt")
    assert "قال مسؤولون" in doc["text"]
    assert "\\u" not in result.stdout  # Arabic stays readable


def test_cli_analyze_jsonl_in_input_order_and_bad_file_reported(files: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["analyze", str(files / "b.txt"), str(files / "bad.txt"), str(files / "a.txt"), "--jsonl"],
    )
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"]["path"][-5:] for d in docs] == ["b.txt", "a.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("rasd: error:")]
    assert len(errors) == 1
    assert "bad.txt" in errors[0]
    assert "binary" in errors[0]


def test_cli_analyze_directory_glob_and_stdin(files: Path) -> None:
    by_dir = CliRunner().invoke(cli, ["analyze", str(files), "--jsonl"])
    paths = [json.loads(line)["source"]["path"] for line in by_dir.stdout.splitlines()]
    assert [Path(p).name for p in paths] == ["a.txt", "b.txt", "cp1256.txt"]
    by_glob = run("analyze", str(files / "[ab].txt"), "--jsonl")
    assert len(by_glob.stdout.splitlines()) == 2
    by_stdin = run("analyze", "-", "--json", input=ARTICLE.encode())
    assert json.loads(by_stdin.stdout)["source"]["path"] == "<stdin>"


def test_cli_analyze_windows_1256_is_decoded(files: Path) -> None:
    doc = json.loads(run("analyze", str(files / "cp1256.txt"), "--json").stdout)
    assert doc["source"]["encoding"] == "cp1256"
    assert "أربعة أشخاص" in doc["text"]


def test_cli_analyze_jsonl_records(tmp_path: Path) -> None:
    records = [
        {
            "id": "r1",
            "title": "عنوان جاهز",
            "text": "نص الخبر كما ورد في المدونة.",
            "published": "2018-03-01T10:00:00+01:00",
            "url": "http://x/1",
        },
        {"id": "r2", "text": ARTICLE},
        "not an object",
    ]
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--jsonl"])
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"]["id"] for d in docs] == ["r1", "r2"]
    assert docs[0]["title"] == "عنوان جاهز"
    assert docs[0]["published"] == "2018-03-01"
    assert docs[0]["source"]["url"] == "http://x/1"
    assert docs[1]["title"] == "مقتل ثلاثة في انفجار"
    assert result.exit_code == 1
    assert "in.jsonl.gz:3" in result.stderr


def test_cli_ingest_search_show_roundtrip(files: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    first = CliRunner().invoke(cli, ["ingest", str(files), "--db", db])
    assert "3 added" in first.stdout
    assert first.exit_code == 1  # bad.txt quarantined
    second = CliRunner().invoke(cli, ["ingest", str(files), "--db", db])
    assert "0 added" in second.stdout
    assert "3 documents" in second.stdout
    hits = run("search", "اللبنانيه", "--db", db, "--jsonl").stdout.splitlines()
    assert len(hits) == 2  # the UTF-8 and the windows-1256 copies differ by one word
    doc_id = json.loads(hits[0])["id"]
    shown = run("show", doc_id[:20], "--db", db)
    assert "بيروت / رويترز" in shown.stdout
    quarantine = run("quarantine", "--db", db, "--jsonl").stdout.splitlines()
    assert len(quarantine) == 1
    assert json.loads(quarantine[0])["source"].endswith("bad.txt")


def test_cli_search_without_db_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no database" in result.output


def test_cli_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    """The foundation's bad-input list, in one batch: empty, binary, invalid UTF-8,
    windows-1256, UTF-16 and a 50 MB file, between two good articles."""
    (tmp_path / "01-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "02-empty.txt").write_bytes(b"")
    (tmp_path / "03-binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "04-invalid-utf8.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "05-cp1256.txt").write_bytes(OTHER.encode("cp1256"))
    (tmp_path / "06-utf16.txt").write_bytes(OTHER.replace("خطة", "خطط").encode("utf-16"))
    with open(tmp_path / "07-huge.txt", "wb") as fh:  # sparse: 50 MB without writing them
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "08-good.txt").write_text(OTHER.replace("الحكومة", "الوزارة"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--jsonl"])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(d["source"]["path"]).name for d in docs] == [
        "01-good.txt",
        "05-cp1256.txt",
        "06-utf16.txt",
        "08-good.txt",
    ]
    assert docs[1]["source"]["encoding"] == "cp1256"
    assert docs[2]["source"]["encoding"] == "utf-16"
    assert "أعلنت الحكومة خطط" in docs[2]["text"]
    errors = result.stderr.splitlines()
    assert len(errors) == 4
    reasons = dict(line.removeprefix("rasd: error: ").split(": ", 1) for line in errors)
    by_name = {Path(path).name: reason for path, reason in reasons.items()}
    assert by_name["02-empty.txt"].startswith("empty")
    assert by_name["03-binary.txt"].startswith("binary")
    assert "UTF-8" in by_name["04-invalid-utf8.txt"]
    assert "too large" in by_name["07-huge.txt"]


def _text(value: object) -> str:
    """A value as the CSV export writes it."""
    return "" if value is None else str(value)


def test_cli_export_actor_filter_matches_every_member_of_a_compound_argument(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "e.db")
    with open_store(db) as store:
        store.upsert(argued_document())  # روسيا وإيران → العراق وسوريا; then a SANCTION

    def types(actor: str) -> list[str]:
        result = run("export", "events", "--db", db, "--format", "jsonl", "--actor", actor)
        assert result.exit_code == 0, result.output
        return [json.loads(line)["type"] for line in result.stdout.splitlines()]

    assert types("IRN") == ["SUPPORT"]  # the second actor
    assert types("Q858") == ["SUPPORT"]  # the second recipient, by entity id
    assert types("سوريا") == ["SUPPORT"]  # and by its text
    assert types("RUS") == ["SUPPORT", "SANCTION"]
    assert types("CHN") == []


def test_cli_export_events_carries_context_attribution_spans_and_members(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    with open_store(db) as store:
        store.upsert(argued_document())
    out = {fmt: tmp_path / f"events.{fmt}" for fmt in ("csv", "jsonl", "parquet")}
    for fmt, path in out.items():
        result = run("export", "events", "--db", db, "--format", fmt, "--out", str(path))
        assert result.exit_code == 0, result.output
    jsonl = [json.loads(line) for line in out["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [{c: r[c] for c in NEW_EVENT_COLUMNS} for r in jsonl] == ARGUED_ROWS
    parquet = pq.read_table(out["parquet"]).to_pylist()
    assert [{c: r[c] for c in NEW_EVENT_COLUMNS} for r in parquet] == ARGUED_ROWS
    with out["csv"].open(encoding="utf-8", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    # Offsets stay integers ("16", not "16.0") even where another row has none.
    assert [{c: r[c] for c in NEW_EVENT_COLUMNS} for r in csv_rows] == [
        {c: _text(v) for c, v in row.items()} for row in ARGUED_ROWS
    ]
    polecat = run("export", "events", "--db", db, "--format", "jsonl", "--layout", "polecat")
    rows = [json.loads(line) for line in polecat.stdout.splitlines()]
    assert [r["contexts"] for r in rows] == ["diplomatic", None]
    # One event per compound argument, its members listed with ";".
    assert [r["actor_name"] for r in rows] == ["روسيا;إيران", "عقوبات غربية"]
    assert [r["actor_entity"] for r in rows] == ["Q159;Q794", None]
    assert [r["actor_country"] for r in rows] == ["RUS;IRN", "WST"]
    assert [r["recipient_country"] for r in rows] == ["IRQ;SYR", "RUS"]
    # CAMEO rows are dyadic: one per pair of members, each with an id of its own.
    cameo = run("export", "events", "--db", db, "--format", "jsonl", "--layout", "cameo")
    rows = [json.loads(line) for line in cameo.stdout.splitlines()]
    assert [(r["Actor1Code"], r["Actor2Code"], r["EventCode"]) for r in rows] == [
        ("RUS", "IRQ", "057"),
        ("RUS", "SYR", "057"),
        ("IRN", "IRQ", "057"),
        ("IRN", "SYR", "057"),
        ("WST", "RUS", "163"),
    ]
    assert [r["Actor1Name"] for r in rows[:3]] == ["روسيا", "روسيا", "إيران"]
    ids = [r["GLOBALEVENTID"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert ids[0].endswith(":0:SUPPORT")
    assert ids[3].endswith(":0:SUPPORT/4")


def test_cli_export_ids_are_unique_with_two_events_of_a_type_in_a_sentence(
    tmp_path: Path,
) -> None:
    doc = argued_document()
    # A second SUPPORT in the first sentence, Russia alone → Iraq alone.
    doc.events.append(dataclasses.replace(doc.events[0], actors=[], recipients=[]))
    db = str(tmp_path / "rasd.db")
    with open_store(db) as store:
        store.upsert(doc)
    for layout, column, expected in (
        ("polecat", "event_id", [":0:SUPPORT", ":1:SANCTION", ":0:SUPPORT:2"]),
        ("cameo", "GLOBALEVENTID", [":0:SUPPORT", ":0:SUPPORT/2", ":0:SUPPORT/3", ":0:SUPPORT/4",
                                    ":1:SANCTION", ":0:SUPPORT:2"]),
    ):  # fmt: skip
        out = run("export", "events", "--db", db, "--format", "jsonl", "--layout", layout)
        ids = [json.loads(line)[column] for line in out.stdout.splitlines()]
        assert [i[len(doc.id) :] for i in ids] == expected
        assert len(set(ids)) == len(ids)
    polecat = run("export", "events", "--db", db, "--format", "jsonl", "--layout", "polecat")
    rows = [json.loads(line) for line in polecat.stdout.splitlines()]
    # Without its JSON lists the event reads as its single columns.
    assert (rows[2]["actor_name"], rows[2]["recipient_country"]) == ("روسيا", "IRQ")


def test_cli_export_polecat_lists_keep_members_in_step() -> None:
    import pandas as pd

    from rasd.export import _joined

    members = pd.Series([[{"text": "نظام الأسد"}, {"text": "أنصاره", "entity": "Q1"}], []])
    # The entity belongs to the second member: the first keeps an empty slot.
    entities = _joined(members, lambda m: m.get("entity"))
    assert entities[0] == ";Q1"
    assert pd.isna(entities[1])  # no member at all: missing, written as null
    assert _joined(members, lambda m: m.get("text"))[0] == "نظام الأسد;أنصاره"


def test_cli_export_layouts_of_a_store_without_events(tmp_path: Path) -> None:
    db = str(tmp_path / "rasd.db")
    with open_store(db):
        pass
    for layout in ("polecat", "cameo"):
        out = run("export", "events", "--db", db, "--format", "csv", "--layout", layout)
        assert out.exit_code == 0, out.output
        assert len(out.stdout.strip().splitlines()) == 1  # the header alone
