"""Inspection commands (`rasd tokens`, `rasd dates`, `rasd numbers`) through click's runner.

The date tests hold with either backend: the time-expression module (``find_times``) when
it is there, the absolute-date finder otherwise. Relative dates need ``find_times``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from typing import Any

import click
import pytest
from click.testing import CliRunner

from rasd.cli.inspect import date_rows, number_rows, token_rows
from rasd.cli.main import cli

HAS_TIMES = importlib.util.find_spec("rasd.arabic.times") is not None
needs_times = pytest.mark.skipif(not HAS_TIMES, reason="rasd.arabic.times is not there yet")

SENTENCE = "قال الكرملين إن بوتين أجرى السبت اتصالا هاتفيا برئيسي في 13 نوفمبر، 2022."


def run(*args: str, input: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input)


def as_json(result: click.testing.Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- rasd tokens ----------------------------------------------------------------------------


def test_cli_tokens_json_has_offsets_into_the_text_and_every_field() -> None:
    text = "وبالعراق، قال 2022"
    rows = as_json(run("tokens", text, "--json"))
    assert [r["text"] for r in rows] == ["وبالعراق", "،", "قال", "2022"]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert set(r) == {"start", "end", "kind", "text", "norm", "stem", "prefixes", "suffixes"}
    assert [r["kind"] for r in rows] == ["word", "punct", "word", "number"]


def test_cli_tokens_norm_is_the_search_form() -> None:
    rows = as_json(run("tokens", "إيرانى", "--json"))
    assert rows[0]["norm"] == "ايراني"


def test_cli_tokens_segmentation_when_the_stage_gives_one() -> None:
    rows = token_rows("وبالعراق")
    if rows[0]["stem"] is None:
        pytest.skip("clitic segmentation has not landed in the Arabic stage yet")
    assert rows[0]["stem"] == "عراق"
    assert rows[0]["prefixes"][0] == "و"


def test_cli_tokens_reads_stdin_with_dash() -> None:
    rows = as_json(run("tokens", "-", "--json", input="قال بوتين\n"))
    assert [r["text"] for r in rows] == ["قال", "بوتين"]


def test_cli_tokens_words_need_no_quotes() -> None:
    rows = as_json(run("tokens", "قال", "بوتين", "--json"))
    assert [(r["start"], r["text"]) for r in rows] == [(0, "قال"), (4, "بوتين")]


def test_cli_tokens_table_is_readable_and_arabic_stays_arabic() -> None:
    result = run("tokens", "قال الرئيس")
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert header.split() == ["start", "end", "kind", "text", "norm", "segments"]
    assert lines[1].split()[:4] == ["4", "10", "word", "الرئيس"]
    assert "\\u" not in run("tokens", "قال", "--json").stdout


# --- rasd dates -----------------------------------------------------------------------------


def test_cli_dates_absolute_date_json() -> None:
    rows = as_json(run("dates", SENTENCE, "--published", "2022-11-13", "--json"))
    dated = [r for r in rows if r["value"] == "2022-11-13"]
    assert len(dated) == 1
    row = dated[0]
    assert row["text"].startswith("13 نوفمبر، 2022")
    assert SENTENCE[row["start"] : row["end"]] == row["text"]
    assert row["precision"] in ("day", "time")
    assert {"start", "end", "text", "value", "precision"} <= set(row)


def test_cli_dates_both_backends_give_the_same_fields() -> None:
    keys = {"start", "end", "text", "value", "precision", "time", "tz", "relative", "calendar"}
    for row in date_rows("في 13 نوفمبر، 2022", None):
        assert set(row) == keys


def test_cli_dates_fall_back_to_absolute_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail, as in a build without rasd.arabic.times.
    monkeypatch.setitem(sys.modules, "rasd.arabic.times", None)
    rows = as_json(run("dates", SENTENCE, "--published", "2022-11-13", "--json"))
    assert [(r["text"], r["value"], r["precision"]) for r in rows] == [
        ("13 نوفمبر، 2022", "2022-11-13", "day")
    ]


@needs_times
def test_cli_dates_weekday_resolved_against_published() -> None:
    rows = as_json(run("dates", SENTENCE, "--published", "2022-11-13", "--json"))
    saturday = [r for r in rows if r["text"] == "السبت"]
    assert saturday
    assert saturday[0]["value"] == "2022-11-12"
    assert saturday[0]["precision"] == "day"
    assert saturday[0]["relative"] is True


@needs_times
def test_cli_dates_range_value_is_a_pair() -> None:
    rows = as_json(run("dates", "الأسبوع الماضي", "--published", "2022-11-13", "--json"))
    assert len(rows) == 1
    assert rows[0]["value"] == ["2022-10-31", "2022-11-06"]


def test_cli_dates_table_and_csv() -> None:
    table = run("dates", "في 13 نوفمبر، 2022", "--published", "2022-11-13")
    assert table.exit_code == 0
    assert "2022-11-13" in table.stdout
    csv = run("dates", "في 13 نوفمبر، 2022", "--published", "2022-11-13", "--csv")
    assert csv.stdout.splitlines()[0].startswith("start,end,text,value,precision")


def test_cli_dates_stdin_and_no_published() -> None:
    rows = as_json(run("dates", "-", "--json", input="في 13 نوفمبر، 2022\n"))
    assert [r["value"] for r in rows] == ["2022-11-13"]


@pytest.mark.parametrize(
    "bad", ["2022-13-45", "2022-02-30", "13/11/2022", "20221113", "yesterday", ""]
)
def test_cli_dates_bad_published_is_a_clear_error(bad: str) -> None:
    result = run("dates", "السبت", "--published", bad)
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_cli_dates_none_found_says_so() -> None:
    result = run("dates", "لا تاريخ هنا")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no dates" in result.stderr


# --- rasd numbers ---------------------------------------------------------------------------


def test_cli_numbers_json_values() -> None:
    text = "قتل خمسة عشر شخصا وأصيب ١٬٢٤٥ ونزح نصف مليون، بنسبة 3.5%"
    rows = as_json(run("numbers", text, "--json"))
    assert [(r["text"], r["value"]) for r in rows] == [
        ("خمسة عشر", 15),
        ("١٬٢٤٥", 1245),
        ("نصف مليون", 500000),
        ("3.5%", 3.5),
    ]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
    # Whole numbers print as integers.
    assert '"value": 15\n' in run("numbers", "خمسة عشر", "--json").stdout


def test_cli_numbers_stdin_table_and_csv() -> None:
    table = run("numbers", "-", input="ثلاثة آلاف جندي\n")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[1].split() == ["0", "10", "ثلاثة", "آلاف", "3000"]
    csv = run("numbers", "ثلاثة آلاف", "--csv")
    assert csv.stdout.splitlines() == ["start,end,text,value", "0,10,ثلاثة آلاف,3000"]


def test_cli_numbers_jsonl() -> None:
    result = run("numbers", "5 و6", "--jsonl")
    assert [json.loads(line)["value"] for line in result.stdout.splitlines()] == [5, 6]


def test_cli_numbers_functions_match_the_commands() -> None:
    assert number_rows("عشرات القتلى") == []
    assert number_rows("ثلاثة ونصف") == [
        {"start": 0, "end": 10, "text": "ثلاثة ونصف", "value": 3.5}
    ]


def test_cli_inspect_commands_need_text() -> None:
    for name in ("tokens", "dates", "numbers"):
        result = run(name)
        assert result.exit_code == 2
        assert "TEXT" in result.stderr
