"""Docs that tests keep current: commands and kinds named in the README exist, and the
other way round."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from rasd.api.queries import EVENT_COLUMNS
from rasd.batch.tables import COLUMNS
from rasd.cli.main import cli
from rasd.store.facts import EVENT_COLUMNS as FACT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def test_docs_readme_names_every_command_and_only_real_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", readme, re.DOTALL))
    named = set(re.findall(r"^rasd (\w+)", blocks, re.MULTILINE))
    assert named <= set(cli.commands), named - set(cli.commands)
    assert set(cli.commands) <= named, set(cli.commands) - named


def test_docs_schema_lists_every_boilerplate_kind() -> None:
    cues = resources.files("rasd.data").joinpath("boilerplate_cues.tsv").read_text(encoding="utf-8")
    kinds = {line.split("\t")[0] for line in cues.splitlines() if line and not line.startswith("#")}
    for doc in ("README.md", "docs/schema.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        missing = {k for k in kinds | {"separator", "link"} if f"`{k}`" not in text}
        assert not missing, f"{doc} does not list {missing}"


def test_docs_schema_describes_every_event_column() -> None:
    text = (ROOT / "docs/schema.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE))
    named = set(re.findall(r"`(\w+)`", text))
    # The batch/export columns each have a row of the table; the columns only the store
    # or the API add are named in the notes below it.
    assert set(COLUMNS["events"]) <= described, set(COLUMNS["events"]) - described
    extra = (set(FACT_COLUMNS) | set(EVENT_COLUMNS)) - set(COLUMNS["events"])
    assert extra <= named, extra - named
