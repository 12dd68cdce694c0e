"""An event as one flat row: the columns every table of events shares.

The batch Parquet files and ``rasd export events`` (:mod:`rasd.batch.tables`) and the
store's ``facts_events`` (:mod:`rasd.store.facts`) all take their event columns from
:func:`event_columns`, so a field of :class:`~rasd.document.Event` that reaches one of
them reaches all of them, under the same name and in the same form.

Each single argument (``actor``, ``recipient``, ``attributed_to``) becomes five columns,
``<role>_entity``, ``<role>_code``, ``<role>_text``, ``<role>_start`` and ``<role>_end``
(offsets into ``Document.text``). Every member of a compound actor or recipient goes into
``actors`` / ``recipients``: a JSON list of ``{entity, code, text, start, end}`` objects
(keys without a value left out), so a row stays one row whatever the number of members.
"""

from __future__ import annotations

import json
from typing import Any

from rasd.document import Event, EventArgument

ROLES = ("actor", "recipient", "attributed_to")
ARGUMENT_FIELDS = ("entity", "code", "text", "start", "end")


def argument_columns(role: str, arg: EventArgument | None) -> dict[str, Any]:
    """``<role>_entity`` … ``<role>_end`` of one argument (all None without it)."""
    return {f"{role}_{name}": getattr(arg, name) if arg else None for name in ARGUMENT_FIELDS}


def members(args: list[EventArgument], first: EventArgument | None) -> str | None:
    """The JSON list of a compound argument; None when there is no argument at all.

    An event with ``actor`` set but no ``actors`` (JSON written before ``actors`` existed,
    or an event built by hand) lists its one actor, so the column always holds every
    member and ``actors`` alone answers "who took part".
    """
    listed = args or ([first] if first else [])
    if not listed:
        return None
    items = [{k: v for k in ARGUMENT_FIELDS if (v := getattr(a, k)) is not None} for a in listed]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def read_members(listed: Any, row: Any, role: str) -> list[dict[str, Any]]:
    """The members of one side of a flat event row: its JSON list (:func:`members`), or,
    for a row without a readable one (written before ``actors`` existed, or not by rasd),
    the single ``<role>_…`` columns of ``row`` as a list of one (none when they are empty)."""
    try:
        items = json.loads(listed) if isinstance(listed, str) and listed else None
    except ValueError:
        items = None
    found = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    if found:
        return found
    single = {k: row[f"{role}_{k}"] for k in ("entity", "code", "text") if f"{role}_{k}" in row}
    return [single] if any(isinstance(v, str) and v for v in single.values()) else []


def event_columns(ev: Event) -> dict[str, Any]:
    """The columns of one event that do not depend on its document."""
    return {
        "type": ev.type,
        "mode": ev.mode,
        "cameo": ev.cameo,
        "score": ev.score,
        "modality": ev.modality,
        **argument_columns("actor", ev.actor),
        **argument_columns("recipient", ev.recipient),
        **argument_columns("attributed_to", ev.attributed_to),
        "actors": members(ev.actors, ev.actor),
        "recipients": members(ev.recipients, ev.recipient),
        "context": ev.context,
        "background": ev.background,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "place": ev.place,
        "sentence": ev.sentence,
        "trigger_start": ev.trigger.start if ev.trigger else None,
        "trigger_end": ev.trigger.end if ev.trigger else None,
        "evidence": ev.evidence,
    }


__all__ = ["ARGUMENT_FIELDS", "ROLES", "argument_columns", "event_columns", "members"]
