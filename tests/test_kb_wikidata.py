"""``rasd kb import wikidata`` on a small dump fragment the test writes, and ``rasd kb
lookup``."""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.cli.main import cli
from rasd.kb.index import build, reset_kb
from rasd.kb.wikidata import import_wikidata


@pytest.fixture(autouse=True, scope="module")
def _no_user_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The shipped tables only: a user's own KB files must not change these answers."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RASD_KB_DIR", str(tmp_path_factory.mktemp("empty-kb")))
        reset_kb()
        yield
    reset_kb()


def _time(day: str) -> dict[str, Any]:
    return {"datavalue": {"value": {"time": f"+{day}T00:00:00Z", "precision": 11}}}


def _item(
    qid: str, ar: str | None, en: str, claims: dict[str, Any], aliases: list[str] = ()
) -> dict[str, Any]:  # type: ignore[assignment]
    entity: dict[str, Any] = {
        "type": "item",
        "id": qid,
        "labels": {"en": {"value": en}},
        "claims": claims,
    }
    if ar:
        entity["labels"]["ar"] = {"language": "ar", "value": ar}
    if aliases:
        entity["aliases"] = {"ar": [{"language": "ar", "value": a} for a in aliases]}
    return entity


def _ref(prop: str, qid: str, qualifiers: dict[str, Any] | None = None) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "mainsnak": {"property": prop, "datavalue": {"value": {"id": qid}}},
        "rank": "normal",
    }
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


DUMP = [
    # A person with two dated positions, one of them in a country only the dump knows.
    _item(
        "Q900001",
        "سالم المحلاوي",
        "Salim al-Mahlawi",
        {
            "P31": [_ref("P31", "Q5")],
            "P27": [_ref("P27", "Q948")],  # Tunisia, known from countries.tsv
            "P39": [
                _ref(
                    "P39", "Q900010", {"P580": [_time("2015-02-06")], "P582": [_time("2016-08-27")]}
                ),
                _ref("P39", "Q900011", {"P580": [_time("2019-01-01")]}),
            ],
        },
        aliases=["سالم محلاوي"],
    ),
    _item("Q900010", None, "Minister of the Interior of Tunisia", {"P17": [_ref("P17", "Q948")]}),
    _item("Q900011", None, "judge of the Court of Zembla", {"P17": [_ref("P17", "Q900020")]}),
    # A country the shipped table does not have a QID for, with its ISO code.
    _item(
        "Q900020",
        "زمبلا",
        "Zembla",
        {
            "P31": [_ref("P31", "Q6256")],
            "P298": [{"mainsnak": {"datavalue": {"value": "ZMB"}}, "rank": "normal"}],
        },
    ),
    # No Arabic name: left out.
    _item("Q900030", None, "Nobody", {"P31": [_ref("P31", "Q5")]}),
]


def write_dump(path: Path, opener: Any = open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(e, ensure_ascii=False) for e in DUMP))
        fh.write("\n]\n")
    return path


@pytest.mark.parametrize(
    ("name", "opener"), [("d.json", open), ("d.json.gz", gzip.open), ("d.json.bz2", bz2.open)]
)
def test_kb_wikidata_import_reads_every_compression(tmp_path: Path, name: str, opener: Any) -> None:
    dump = write_dump(tmp_path / name, opener)
    report = import_wikidata(dump, tmp_path / "kb")
    assert report.read == len(DUMP)
    assert report.kept == 2  # the person and the country with Arabic labels
    assert report.roles == 2


def test_kb_wikidata_import_gives_dated_roles_the_linker_uses(tmp_path: Path) -> None:
    import_wikidata(write_dump(tmp_path / "d.json"), tmp_path / "kb")
    records = [
        json.loads(line)
        for line in (tmp_path / "kb/wikidata.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    person = next(r for r in records if r["id"] == "Q900001")
    assert person["country"] == "TUN"
    assert person["aliases_ar"] == ["سالم محلاوي"]
    codes = {(r["code"], r.get("start"), r.get("end")) for r in person["roles"]}
    assert codes == {("TUNGOV", "2015-02-06", "2016-08-27"), ("ZMBJUD", "2019-01-01", None)}
    kb = build([tmp_path / "kb"])
    (hit,) = kb.lookup("سالم محلاوي")
    assert kb.records[hit.id].code_on("2016-01-01")[0] == "TUNGOV"
    assert kb.records[hit.id].code_on("2020-01-01")[0] == "ZMBJUD"


def test_kb_wikidata_import_rejects_a_broken_dump(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"id": "Q1",\n]\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["kb", "import", "wikidata", str(bad), "--kb-dir", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "not a JSON entity" in str(result.exception) + result.output


def test_kb_cli_import_then_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_KB_DIR", str(tmp_path / "kb"))
    monkeypatch.setattr("rasd.kb.index._BUILT", [])  # a KB of its own, whatever happens
    runner = CliRunner()
    result = runner.invoke(cli, ["kb", "import", "wikidata", str(write_dump(tmp_path / "d.json"))])
    assert result.exit_code == 0, result.output
    assert "kept 2" in result.output
    result = runner.invoke(cli, ["kb", "lookup", "سالم المحلاوي", "--date", "2016-01-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["chosen"] is True
    assert (rows[0]["id"], rows[0]["actor_code"]) == ("Q900001", "TUNGOV")
    reset_kb()  # the next test must not see this user KB


def test_kb_cli_lookup_explains_dated_roles_and_metonymy() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["kb", "lookup", "رئيسي", "--date", "2020-01-01", "--type", "PER", "--json"]
    )
    assert result.exit_code == 0, result.output
    chosen = json.loads(result.output)[0]
    assert (chosen["id"], chosen["actor_code"]) == ("rasd:p/ebrahim-raisi", "IRNJUD")
    assert "chief_justice" in chosen["why"]
    result = runner.invoke(
        cli,
        [
            "kb",
            "lookup",
            "طهران",
            "--date",
            "2022-11-13",
            "--context",
            "ونفت طهران هذه المعلومات",
            "--json",
        ],
    )
    assert json.loads(result.output)[0]["actor_code"] == "IRNGOV"
    result = runner.invoke(cli, ["kb", "lookup", "طهران", "--context", "ونفت موسكو"])
    assert result.exit_code == 2
    assert "does not occur" in result.output
