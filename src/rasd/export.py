"""Data out: documents, mentions, entities, events and quotes as pandas DataFrames, and
files in CSV, Parquet or JSONL.

    >>> from rasd.export import frame
    >>> events = frame("rasd.db", "events", since="2022-11-01", actor="RUS")  # doctest: +SKIP

Events come in three layouts: ``rasd`` (every column, see docs/schema.md: context,
background, who the event is attributed to, argument spans and the members of compound
actors and recipients included), ``polecat`` (PLOVER type, mode and context, actor and
recipient name/country/sector, date, place, score, source URL, sentence — the layout of
POLECAT's weekly files; several members of a compound argument are listed with ``;``) and
``cameo`` (GDELT/ICEWS-like: actor codes, CAMEO code, Goldstein score, quad class; dyadic,
so a compound argument gives one row per pair of members).
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from itertools import product
from typing import IO, Any

import pandas as pd

from rasd.batch.tables import COLUMNS, rows
from rasd.document import Document
from rasd.errors import RasdError
from rasd.flat import read_members

KINDS = ("documents", "mentions", "entities", "events", "quotes")
FORMATS = ("csv", "parquet", "jsonl")
LAYOUTS = ("rasd", "polecat", "cameo")
_OFFSETS = {
    "start", "end", "sentence", "trigger_start", "trigger_end", "actor_start", "actor_end",
    "recipient_start", "recipient_end", "attributed_to_start", "attributed_to_end",
}  # fmt: skip

# CAMEO root codes → quad class (1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict), as GDELT defines it.
_QUAD = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}


def frame(
    db: str,
    kind: str,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    layout: str = "rasd",
) -> pd.DataFrame:
    """One table of the store as a DataFrame, filtered.

    ``since``/``until`` bound the publication date (events: the event date when known);
    ``actor`` matches an actor or recipient code prefix (``RUS``, ``IRNGOV``), entity id or
    text (events: of any member of a compound argument; quotes: the speaker; entities: the
    entity); ``type`` an event or entity type.
    """
    if kind not in KINDS:
        raise RasdError(f"unknown table {kind!r}; expected one of {', '.join(KINDS)}")
    if layout != "rasd" and kind != "events":
        raise RasdError(f"layout {layout!r} applies to events only")
    records = list(_rows(db, kind, since=since, until=until, outlet=outlet))
    df = pd.DataFrame.from_records(records, columns=COLUMNS[kind])
    # Offsets stay integers where some rows have none (not 12.0 in CSV): nullable Int64.
    for col in _OFFSETS.intersection(df.columns):
        df[col] = df[col].astype("Int64")
    if kind == "documents":
        df = df.drop(columns=["data"])
    if actor:
        df = df[_actor_mask(df, kind, actor)]
    if type and "type" in df.columns:
        df = df[df["type"].fillna("").str.upper() == type.upper()]
    if kind == "events" and (since or until):
        date = df["date"].fillna(df["published"]).fillna("")
        df = df[(date >= (since or "")) & (date <= (until or "9999"))]
    if kind == "events" and layout != "rasd":
        df = _polecat(df) if layout == "polecat" else _cameo(df)
    return df.reset_index(drop=True)


def write(df: pd.DataFrame, fmt: str, out: str | None) -> None:
    """Write a frame as CSV, Parquet or JSONL to a file, or to stdout (not Parquet)."""
    if fmt not in FORMATS:
        raise RasdError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not out:
            raise RasdError("Parquet is a binary format: give --out FILE")
        df.to_parquet(out, index=False)
        return
    stream: IO[str]
    with open(out, "w", encoding="utf-8", newline="") if out else _stdout() as stream:
        if fmt == "csv":
            df.to_csv(stream, index=False, quoting=csv.QUOTE_MINIMAL)
        else:
            for record in df.to_dict(orient="records"):
                clean = {k: (None if _missing(v) else v) for k, v in record.items()}
                stream.write(json.dumps(clean, ensure_ascii=False, default=str) + "\n")


def _rows(
    db: str, kind: str, *, since: str | None, until: str | None, outlet: str | None
) -> Iterator[dict[str, Any]]:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise RasdError(f"cannot open database {db!r}: {exc}") from exc
    sql = "SELECT data, raw FROM documents WHERE 1=1"
    params: list[str] = []
    # Events are filtered on their own date below; documents on the publication date.
    if since and kind != "events":
        sql += " AND published >= ?"
        params.append(since)
    if until and kind != "events":
        sql += " AND published <= ?"
        params.append(until)
    if outlet:
        sql += " AND outlet = ?"
        params.append(outlet)
    try:
        for data, raw in con.execute(sql + " ORDER BY published, id", params):
            doc_dict = json.loads(data)
            doc_dict["raw"] = raw
            yield from rows(Document.from_dict(doc_dict), with_data=False)[kind]
    except sqlite3.Error as exc:
        raise RasdError(f"{db!r} is not a rasd database: {exc}") from exc
    finally:
        con.close()


def _actor_mask(df: pd.DataFrame, kind: str, actor: str) -> pd.Series:
    columns = {
        "events": [
            "actor_code",
            "actor_entity",
            "actor_text",
            "recipient_code",
            "recipient_entity",
            "recipient_text",
        ],
        "quotes": ["speaker_code", "speaker_entity", "speaker_text"],
        "entities": ["actor_code", "entity", "name", "name_ar"],
        "mentions": ["entity", "text"],
        "documents": ["author"],
    }[kind]
    mask = pd.Series(False, index=df.index)
    for col in columns:
        values = df[col].fillna("").astype(str)
        mask |= values.str.startswith(actor) | (values == actor)
    if kind == "events":
        # Every member of a compound argument (روسيا وإيران): the single columns hold the
        # first one only.
        for col in ("actors", "recipients"):
            mask |= df[col].map(lambda listed: _member_matches(listed, actor))
    return mask


def _member_matches(listed: Any, actor: str) -> bool:
    """Whether a JSON list of argument members (:func:`rasd.flat.members`) has one whose
    code, entity or text starts with ``actor``."""
    return any(
        str(item.get(k) or "").startswith(actor)
        for item in read_members(listed, {}, "actor")
        for k in ("code", "entity", "text")
    )


def _sector(code: Any) -> str | None:
    return code[3:6] or None if isinstance(code, str) and len(code) > 3 else None


def _country(code: Any) -> str | None:
    return code[:3] if isinstance(code, str) and len(code) >= 3 else None


def _members(df: pd.DataFrame, side: str) -> pd.Series:
    """Each event's members of one side (``actor`` or ``recipient``) as a list of dicts
    (entity, code, text): the JSON list when there is one, else the single columns."""

    if df.empty:
        return pd.Series([], index=df.index, dtype=object)
    return df.apply(lambda row: read_members(row[f"{side}s"], row, side), axis=1)


def _joined(members: pd.Series, field: Any) -> pd.Series:
    """One ``;``-separated value per event from its members (POLECAT's way of listing
    several actors in one field), a member without one keeping an empty slot so the i-th
    name, entity and country belong together; None when no member has one."""

    def one(items: list[dict[str, Any]]) -> str | None:
        values = [v if isinstance(v, str) else "" for v in (field(i) for i in items)]
        return ";".join(values) if any(values) else None

    return members.map(one)


def _event_ids(df: pd.DataFrame) -> pd.Series:
    """``doc:sentence:type``, and ``:2``, ``:3``… on the second and later events of one
    type in one sentence, so every event has an id of its own."""
    base = (
        df["doc_id"]
        + ":"
        + df["sentence"].astype("Int64").astype(str)
        + ":"
        + df["type"].fillna("")
    )
    nth = base.groupby(base).cumcount()
    return base + nth.map(lambda k: f":{k + 1}" if k else "").astype(str)


def _polecat(df: pd.DataFrame) -> pd.DataFrame:
    # A compound actor or recipient is one event with several members (PLOVER's rule),
    # its names, entities, countries and sectors listed with ";".
    actors, recipients = _members(df, "actor"), _members(df, "recipient")
    return pd.DataFrame(
        {
            "event_id": _event_ids(df),
            "event_date": df["date"].fillna(df["published"]),
            "event_type": df["type"],
            "event_mode": df["mode"],
            # POLECAT separates several contexts with ";"; rasd codes at most one.
            "contexts": df["context"],
            "modality": df["modality"],
            "actor_name": _joined(actors, lambda m: m.get("text")),
            "actor_entity": _joined(actors, lambda m: m.get("entity")),
            "actor_country": _joined(actors, lambda m: _country(m.get("code"))),
            "actor_sector": _joined(actors, lambda m: _sector(m.get("code"))),
            "recipient_name": _joined(recipients, lambda m: m.get("text")),
            "recipient_entity": _joined(recipients, lambda m: m.get("entity")),
            "recipient_country": _joined(recipients, lambda m: _country(m.get("code"))),
            "recipient_sector": _joined(recipients, lambda m: _sector(m.get("code"))),
            "place": df["place"],
            "score": df["score"],
            "source_url": df["source_url"],
            "outlet": df["outlet"],
            "story_date": df["published"],
            "sentence": df["sentence_text"],
            "doc_id": df["doc_id"],
        }
    )


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    text = resources.files("rasd.data").joinpath("cameo_codes.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {code: float(g) for code, _name, g, _root in (line.split("\t") for line in lines)}


def _cameo(df: pd.DataFrame) -> pd.DataFrame:
    # CAMEO data are dyadic: a compound argument becomes one row per pair of members
    # ("The United States and France accused Russia" is USA→RUS and FRA→RUS), the
    # expansion the PLOVER manual describes for users of the earlier conventions.
    # Each event's pairs as (number, actor member, recipient member); a side without
    # members pairs as {}.
    pairs = pd.Series(
        [
            [(k, a, r) for k, (a, r) in enumerate(product(actors or [{}], recipients or [{}]))]
            for actors, recipients in zip(
                _members(df, "actor"), _members(df, "recipient"), strict=True
            )
        ],
        index=df.index,
        dtype=object,
    )
    df = df.assign(_id=_event_ids(df), _pair=pairs).explode("_pair")
    actor = df["_pair"].map(lambda p: p[1])
    recipient = df["_pair"].map(lambda p: p[2])
    actor_code = actor.map(lambda m: m.get("code"))
    recipient_code = recipient.map(lambda m: m.get("code"))
    # One id per row: the event's and, past its first pair, the pair's number after "/".
    event_id = df["_id"] + df["_pair"].map(lambda p: f"/{p[0] + 1}" if p[0] else "").astype(str)
    goldstein = _goldstein()
    cameo = df["cameo"]
    return pd.DataFrame(
        {
            "GLOBALEVENTID": event_id,
            "SQLDATE": df["date"]
            .fillna(df["published"])
            .fillna("")
            .str.replace("-", "", regex=False),
            "Actor1Code": actor_code,
            "Actor1Name": actor.map(lambda m: m.get("text")),
            "Actor1CountryCode": actor_code.map(_country),
            "Actor2Code": recipient_code,
            "Actor2Name": recipient.map(lambda m: m.get("text")),
            "Actor2CountryCode": recipient_code.map(_country),
            "IsRootEvent": 1,
            "EventCode": cameo,
            "EventBaseCode": cameo.map(lambda c: c[:3] if isinstance(c, str) else None),
            "EventRootCode": cameo.map(lambda c: c[:2] if isinstance(c, str) else None),
            "QuadClass": cameo.map(lambda c: _QUAD.get(c[:2]) if isinstance(c, str) else None),
            "GoldsteinScale": cameo.map(lambda c: goldstein.get(c) if isinstance(c, str) else None),
            "Modality": df["modality"],
            "ActionGeo_FullName": df["place"],
            "SOURCEURL": df["source_url"],
            "Sentence": df["sentence_text"],
        }
    )


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class _stdout:
    def __enter__(self) -> IO[str]:
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()
