"""Reading the knowledge-base files: the tables shipped in ``rasd/data/kb`` and the user's
own files (TSV or JSONL) in the user KB directory.

Shipped tables (see ``docs/kb.md`` for their columns): ``countries.tsv``, ``places.tsv``,
``people.tsv`` + ``roles.tsv``, ``entities.tsv``, ``agents.tsv``, ``metonyms.tsv`` and
``petrarch_ar_people.tsv``. A user directory may hold ``*.jsonl`` entity records (what
``rasd kb import wikidata`` writes) and ``*.tsv`` files with the header of ``people.tsv``,
``entities.tsv`` or ``roles.tsv``.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.errors import RasdError
from rasd.kb.model import Record, Role


class KnowledgeBaseError(RasdError):
    """A knowledge-base file could not be read (bad header, bad date, bad JSON)."""


@dataclass(slots=True, frozen=True)
class Agent:
    """A generic agent: a title or body with a sector code, joined to a country later."""

    alias: str
    sector: str
    role: str
    type: str
    country: str | None


@dataclass(slots=True, frozen=True)
class Metonym:
    """A place that stands for ``target`` (an entity id or ``gov:ISO3``) when it acts."""

    alias: str
    target: str
    start: str = ""
    end: str = ""
    source: str = "curated"

    def valid(self, date: str | None) -> bool:
        if not date:
            return not self.start and not self.end
        return (not self.start or self.start <= date[:10]) and (
            not self.end or date[:10] <= self.end
        )


@dataclass(slots=True)
class Country:
    """A row of ``countries.tsv``: the record plus what only countries have."""

    record: Record
    iso2: str
    nisba: list[str]
    plural: list[str]
    capital_ar: list[str]


def user_kb_dirs() -> list[Path]:
    """Where user KB files live: ``$RASD_KB_DIR`` (``os.pathsep``-separated) or
    ``$XDG_DATA_HOME/rasd/kb`` (``~/.local/share/rasd/kb``)."""
    env = os.environ.get("RASD_KB_DIR")
    if env:
        return [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share")
    return [base / "rasd" / "kb"]


def _rows(text: str, name: str) -> Iterator[dict[str, str]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
        if None in row:
            raise KnowledgeBaseError(f"{name}: row {n} has more cells than the header")
        yield {k: (v or "").strip() for k, v in row.items()}


def _shipped(name: str) -> list[dict[str, str]]:
    text = resources.files("rasd.data").joinpath("kb", name).read_text(encoding="utf-8")
    return list(_rows(text, name))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _date(value: str, where: str) -> str:
    value = value.strip()
    if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
        raise KnowledgeBaseError(f"{where}: expected an ISO date YYYY-MM-DD, got {value!r}")
    return value


def read_countries() -> list[Country]:
    out = []
    for row in _shipped("countries.tsv"):
        rec = Record(
            id=row["id"],
            type="GPE",
            kind="country",
            name=row["name_en"],
            name_ar=row["name_ar"],
            country=row["iso3"],
            code=row["cameo"],
            aliases=_split(row["aliases_ar"]),
            source=row["source"],
            capital=row["capital_id"] or None,
        )
        out.append(
            Country(
                rec,
                row["iso2"],
                _split(row["nisba_ar"]),
                _split(row["plural_ar"]),
                _split(row["capital_ar"]),
            )
        )
    return out


def read_places() -> list[Record]:
    out = []
    for row in _shipped("places.tsv"):
        names = _split(row["names_ar"])
        source = "curated" if "curated" in row["source"] else "geonames"
        out.append(
            Record(
                id=row["id"],
                type="GPE" if row["feature"].startswith("PPL") else "LOC",
                kind="city" if row["feature"].startswith("PPL") else "place",
                name=row["name_en"] or names[0],
                name_ar=names[0],
                country=row["country"] or None,
                aliases=names,
                source=source,
                population=int(row["population"] or 0),
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
            )
        )
    return out


def records_from_people(rows: Iterable[dict[str, str]], default_source: str) -> list[Record]:
    out = []
    for row in rows:
        aliases = _split(row.get("aliases_ar", ""))
        short = _split(row.get("short_ar", ""))
        # A short form of two words (حمد بن جاسم، قائد السبسي) names the person as surely
        # as the full name; only a single word (a surname) needs support from context.
        aliases += [s for s in short if " " in s]
        short = [s for s in short if " " not in s]
        out.append(
            Record(
                id=row["id"],
                type="PER",
                kind="person",
                name=row.get("name_en") or row["name_ar"],
                name_ar=row["name_ar"],
                country=row.get("country") or None,
                code=row.get("code") or None,
                aliases=[row["name_ar"], *aliases],
                short=short,
                source=row.get("source") or default_source,
            )
        )
    return out


def records_from_entities(rows: Iterable[dict[str, str]], default_source: str) -> list[Record]:
    out = []
    for row in rows:
        out.append(
            Record(
                id=row["id"],
                type=row.get("type") or "ORG",
                kind=row.get("kind") or "org",
                name=row.get("name_en") or row["name_ar"],
                name_ar=row["name_ar"],
                country=row.get("country") or None,
                code=row.get("code") or None,
                aliases=[row["name_ar"], *_split(row.get("aliases_ar", ""))],
                source=row.get("source") or default_source,
                nisba=_split(row.get("nisba_ar", "")),
            )
        )
    return out


def roles_from_rows(rows: Iterable[dict[str, str]], name: str) -> dict[str, list[Role]]:
    out: dict[str, list[Role]] = {}
    for n, row in enumerate(rows, 2):
        where = f"{name} row {n}"
        start, end = _date(row.get("start", ""), where), _date(row.get("end", ""), where)
        if start and end and end < start:
            raise KnowledgeBaseError(f"{where}: role ends ({end}) before it starts ({start})")
        out.setdefault(row["id"], []).append(
            Role(
                row["role"],
                row["code"],
                start,
                end,
                row.get("source") or "user",
                row.get("note", ""),
            )
        )
    return out


def read_people() -> list[Record]:
    return records_from_people(_shipped("people.tsv"), "curated")


def read_roles() -> dict[str, list[Role]]:
    return roles_from_rows(_shipped("roles.tsv"), "roles.tsv")


def read_entities() -> list[Record]:
    return records_from_entities(_shipped("entities.tsv"), "curated")


def read_petrarch_people() -> list[Record]:
    """The cleaned Arabic PETRARCH seed: one record per name, its roles gathered."""
    by_name: dict[str, Record] = {}
    for row in _shipped("petrarch_ar_people.tsv"):
        name = row["name_ar"]
        rec = by_name.get(name)
        if rec is None:
            rec = by_name[name] = Record(
                id=f"petrarch:{name.replace(' ', '_')}",
                type="PER",
                kind="person",
                name=name,
                name_ar=name,
                country=row["country"] if row["country"] != "IGO" else None,
                aliases=[name],
                source="petrarch_ar",
            )
        rec.roles.append(Role("petrarch", row["code"], row["start"], row["end"], "petrarch_ar"))
    return list(by_name.values())


def read_agents() -> list[Agent]:
    return [
        Agent(r["alias_ar"], r["sector"], r["role"], r["type"], r["country"] or None)
        for r in _shipped("agents.tsv")
    ]


def read_metonyms() -> list[Metonym]:
    return [
        Metonym(r["alias_ar"], r["target"], r["start"], r["end"], r["source"])
        for r in _shipped("metonyms.tsv")
    ]


# User files -------------------------------------------------------------------------------


def record_from_json(data: dict[str, Any], where: str) -> Record:
    """An entity record as ``rasd kb import`` writes it (see docs/kb.md)."""
    try:
        roles = [
            Role(
                r.get("role", ""),
                r["code"],
                _date(r.get("start") or "", where),
                _date(r.get("end") or "", where),
                r.get("source", "user"),
                r.get("note", ""),
            )
            for r in data.get("roles", [])
        ]
        name_ar = data.get("name_ar") or (data.get("aliases_ar") or [""])[0]
        return Record(
            id=str(data["id"]),
            type=data.get("type", "PER"),
            kind=data.get("kind", "person" if data.get("type", "PER") == "PER" else "org"),
            name=data.get("name") or name_ar,
            name_ar=name_ar,
            country=data.get("country"),
            code=data.get("code"),
            roles=roles,
            aliases=[a for a in [name_ar, *data.get("aliases_ar", [])] if a],
            short=list(data.get("short_ar", [])),
            source=data.get("source", "user"),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KnowledgeBaseError(f"{where}: not an entity record ({exc!r})") from exc


def record_to_json(rec: Record) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rec.id,
        "type": rec.type,
        "kind": rec.kind,
        "name": rec.name,
        "name_ar": rec.name_ar,
        "aliases_ar": [a for a in rec.aliases if a != rec.name_ar],
        "country": rec.country,
        "code": rec.code,
        "roles": [
            {
                k: v
                for k, v in (
                    ("role", r.role),
                    ("code", r.code),
                    ("start", r.start),
                    ("end", r.end),
                    ("source", r.source),
                    ("note", r.note),
                )
                if v
            }
            for r in rec.roles
        ],
        "source": rec.source,
    }
    if rec.short:
        out["short_ar"] = rec.short
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def read_user_files(dirs: Iterable[Path]) -> tuple[list[Record], dict[str, list[Role]]]:
    """Records and extra roles from every ``*.jsonl`` and ``*.tsv`` in ``dirs``."""
    records: list[Record] = []
    roles: dict[str, list[Role]] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix == ".jsonl":
                with open(path, encoding="utf-8") as fh:
                    for n, line in enumerate(fh, 1):
                        if not line.strip():
                            continue
                        try:
                            data = json.loads(line)
                        except json.JSONDecodeError as exc:
                            raise KnowledgeBaseError(f"{path}:{n}: bad JSON ({exc.msg})") from exc
                        records.append(record_from_json(data, f"{path}:{n}"))
            elif path.suffix == ".tsv":
                rows = list(_rows(path.read_text(encoding="utf-8"), str(path)))
                header = set(rows[0]) if rows else set()
                if {"id", "role", "code"} <= header:
                    for key, extra in roles_from_rows(rows, str(path)).items():
                        roles.setdefault(key, []).extend(extra)
                elif {"id", "name_ar", "short_ar"} <= header:
                    records += records_from_people(rows, "user")
                elif {"id", "name_ar", "type"} <= header:
                    records += records_from_entities(rows, "user")
                elif rows:
                    raise KnowledgeBaseError(
                        f"{path}: header {sorted(header)} is none of people.tsv, "
                        "entities.tsv or roles.tsv (see docs/kb.md)"
                    )
    return records, roles
