"""Import entities from a Wikidata JSON dump into a user KB file.

``rasd kb import wikidata DUMP.json[.gz|.bz2]`` streams the dump (the whole
``latest-all.json.gz`` or a filtered part of it: one entity per line, the ``[``/``]`` lines
and trailing commas allowed) and writes ``wikidata.jsonl`` in the user KB directory:

1. every item with an Arabic label or alias becomes a record (Arabic label and aliases,
   English label, type from ``P31``: human → PER, country → GPE, …);
2. ``P39`` (position held) statements become dated roles from their ``P580``/``P582``
   qualifiers; the position's country (``P17``/``P1001`` of the position item, or the
   person's ``P27``) and a sector guessed from its English label give the CAMEO code;
3. countries are known by their QIDs in ``countries.tsv`` and by ``P298`` (ISO alpha-3)
   of country items in the dump.

Memory holds only what is kept (people and positions with Arabic names), never the dump.
"""

from __future__ import annotations

import bz2
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rasd.kb import files
from rasd.kb.files import KnowledgeBaseError
from rasd.kb.model import Record, Role

# P31 (instance of) values → entity type.
_HUMAN = "Q5"
_TYPES = {
    "Q6256": "GPE",  # country
    "Q3624078": "GPE",  # sovereign state
    "Q515": "GPE",  # city
    "Q1549591": "GPE",  # big city
    "Q5119": "GPE",  # capital
    "Q43229": "ORG",  # organisation
    "Q484652": "ORG",  # international organisation
    "Q7278": "ORG",  # political party
    "Q17149090": "ORG",  # armed organisation
}
# A position's English label → CAMEO sector (first match wins); GOV otherwise.
_SECTORS = [
    (re.compile(r"\b(judge|justice|court|prosecutor|judiciary)\b", re.I), "JUD"),
    (
        re.compile(
            r"\b(general|army|armed forces|chief of (the )?(general )?staff|commander|military)\b",
            re.I,
        ),
        "MIL",
    ),
    (
        re.compile(
            r"\b(parliament|member of|speaker|senator|deputy|representative|assembly|majlis|knesset|duma)\b",
            re.I,
        ),
        "LEG",
    ),
    (re.compile(r"\b(intelligence|security service)\b", re.I), "SPY"),
    (re.compile(r"\b(police)\b", re.I), "COP"),
]


@dataclass(slots=True)
class _Item:
    qid: str
    label_ar: str
    aliases_ar: list[str]
    label_en: str
    instance_of: list[str]
    citizenship: str | None
    positions: list[tuple[str, str, str]] = field(default_factory=list)  # (position, start, end)
    country_of: str | None = None  # P17 / P1001 (for positions)
    iso3: str | None = None  # P298 (for countries)


@dataclass(slots=True)
class ImportReport:
    read: int = 0
    kept: int = 0
    roles: int = 0
    path: Path | None = None


def open_dump(path: Path) -> IO[str]:
    """The dump as text, whatever its compression (by suffix)."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_entities(stream: IO[str]) -> Iterator[dict[str, Any]]:
    """Entities of a dump, one JSON object per line (``[``, ``]`` and commas skipped)."""
    for n, raw in enumerate(stream, 1):
        line = raw.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"dump line {n}: not a JSON entity ({exc.msg})") from exc


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    return [c for c in entity.get("claims", {}).get(prop, []) if c.get("rank") != "deprecated"]


def _item_value(claim: dict[str, Any]) -> str | None:
    value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
    return value.get("id") if isinstance(value, dict) else None


def _time(snaks: list[dict[str, Any]]) -> str:
    """An ISO date from a time qualifier; month/year precision keeps the first day."""
    for snak in snaks:
        value = snak.get("datavalue", {}).get("value", {})
        raw = value.get("time", "") if isinstance(value, dict) else ""
        m = re.match(r"^\+(\d{4})-(\d{2})-(\d{2})", raw)
        if m:
            year, month, day = m.groups()
            return f"{year}-{month if month != '00' else '01'}-{day if day != '00' else '01'}"
    return ""


def _read(entity: dict[str, Any]) -> _Item:
    labels, aliases = entity.get("labels", {}), entity.get("aliases", {})
    item = _Item(
        qid=entity.get("id", ""),
        label_ar=labels.get("ar", {}).get("value", ""),
        aliases_ar=[a["value"] for a in aliases.get("ar", []) if a.get("value")],
        label_en=labels.get("en", {}).get("value", ""),
        instance_of=[v for c in _claims(entity, "P31") if (v := _item_value(c))],
        citizenship=next((v for c in _claims(entity, "P27") if (v := _item_value(c))), None),
    )
    for claim in _claims(entity, "P39"):
        position = _item_value(claim)
        if position:
            q = claim.get("qualifiers", {})
            item.positions.append((position, _time(q.get("P580", [])), _time(q.get("P582", []))))
    item.country_of = next(
        (v for p in ("P17", "P1001") for c in _claims(entity, p) if (v := _item_value(c))), None
    )
    iso = _claims(entity, "P298")
    if iso:
        value = iso[0].get("mainsnak", {}).get("datavalue", {}).get("value")
        item.iso3 = value if isinstance(value, str) else None
    return item


def import_wikidata(dump: Path, kb_dir: Path, *, limit: int | None = None) -> ImportReport:
    """Stream ``dump`` and write ``kb_dir/wikidata.jsonl`` (replacing an earlier import)."""
    country_iso: dict[str, str] = {
        c.record.id: c.record.country or ""
        for c in files.read_countries()
        if c.record.id.startswith("Q")
    }
    people: list[_Item] = []
    positions: dict[str, _Item] = {}
    others: list[_Item] = []
    report = ImportReport()
    with open_dump(dump) as stream:
        for entity in iter_entities(stream):
            report.read += 1
            if limit is not None and report.read > limit:
                break
            if entity.get("type", "item") != "item":
                continue
            item = _read(entity)
            if item.iso3 and len(item.iso3) == 3:
                country_iso.setdefault(item.qid, item.iso3.upper())
            if item.country_of and item.label_en:
                positions[item.qid] = item  # any item may be a position someone holds
            if not (item.label_ar or item.aliases_ar):
                continue
            (people if _HUMAN in item.instance_of else others).append(item)
    records = []
    for item in people:
        country = country_iso.get(item.citizenship or "")
        roles = []
        for position, start, end in item.positions:
            pos = positions.get(position)
            where = country_iso.get(pos.country_of or "") if pos else None
            where = where or country
            if not where:
                continue
            label = pos.label_en if pos else position
            sector = next((s for rx, s in _SECTORS if rx.search(label)), "GOV")
            if start and end and end < start:
                continue
            roles.append(Role(label, f"{where}{sector}", start, end, "wikidata", position))
        report.roles += len(roles)
        records.append(_record(item, "PER", "person", country, roles))
    for item in others:
        kind_type = next((_TYPES[t] for t in item.instance_of if t in _TYPES), None)
        if kind_type is None:
            continue
        country = country_iso.get(item.qid) or country_iso.get(item.country_of or "")
        kind = "country" if item.qid in country_iso else "org" if kind_type == "ORG" else "place"
        records.append(_record(item, kind_type, kind, country, []))
    kb_dir.mkdir(parents=True, exist_ok=True)
    out = kb_dir / "wikidata.jsonl"
    tmp = out.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(files.record_to_json(rec), ensure_ascii=False) + "\n")
    tmp.replace(out)  # a reader never sees half a file
    report.kept, report.path = len(records), out
    return report


def _record(item: _Item, type_: str, kind: str, country: str | None, roles: list[Role]) -> Record:
    name_ar = item.label_ar or item.aliases_ar[0]
    return Record(
        id=item.qid,
        type=type_,
        kind=kind,
        name=item.label_en or name_ar,
        name_ar=name_ar,
        country=country,
        roles=roles,
        aliases=list(dict.fromkeys([name_ar, *item.aliases_ar])),
        source="wikidata",
    )
