"""Event coding on short hand-written articles (tests/data/events_cases.tsv).

Each row names one event the stage must code (type, mode, actor and recipient country,
modality, date and its precision, background) or a type it must not code at all. The
articles go through the stages before the entity tagger only (extract, arabic, times,
numbers), so these tests pin the events stage's own grammar and its place/nisba/title
fallback, whatever the tagger and linker (trained and curated elsewhere) do.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from events_helpers import untagged
from rasd.events import CodedEvent, extract_events

CASES = Path(__file__).parent / "data" / "events_cases.tsv"
COLUMNS = [
    "published",
    "text",
    "expect",
    "type",
    "mode",
    "actor",
    "recipient",
    "modality",
    "date",
    "precision",
    "background",
    "note",
]


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return [dict(zip(COLUMNS, row, strict=True)) for row in csv.reader(lines, delimiter="\t")]


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _matches(e: CodedEvent, row: dict[str, str]) -> bool:
    checks = {
        "mode": e.mode,
        "actor": _country(e.actor.code if e.actor else None),
        "modality": e.modality,
        "date": e.date,
        "precision": e.date_precision,
        "background": str(e.background).lower(),
    }
    for key, value in checks.items():
        want = row[key]
        if want == "-":
            continue
        if want == "none" and value is not None:
            return False
        if want not in ("none", value):
            return False
    want = row["recipient"]
    recipients = {_country(r.code) for r in e.recipients}
    if want == "none":
        return not recipients
    return want == "-" or want in recipients


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["note"])
def test_events_cases(row: dict[str, str]) -> None:
    doc = untagged(row["text"], row["published"])
    events = [e for e in extract_events(doc) if e.type == row["type"]]
    coded = [
        (
            e.mode,
            e.actor and e.actor.code,
            [r.code for r in e.recipients],
            e.modality,
            e.date,
            e.date_precision,
            e.background,
        )
        for e in events
    ]
    if row["expect"] == "absent":
        assert not events, coded
    else:
        assert any(_matches(e, row) for e in events), coded
