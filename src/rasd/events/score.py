"""Score events against gold, by the rules in DESIGN.md ("Acceptance against gold").

An output event *matches* a gold event when it has the gold type, an actor whose country
(the first three letters of its code) is the gold actor, a recipient among the gold
recipients (one code or a list), the gold modality where one is given, and the gold date
where one is given: exactly (``date``), inside ``date_window`` (inclusive), or strictly
before ``date_before``. Required gold events must be found; optional ones are credited but
never missed; output events that match no gold event (required or optional) count against
precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasd.document import Event, EventArgument


@dataclass(slots=True)
class EventScore:
    required: int = 0
    found_required: list[str] = field(default_factory=list)
    missed_required: list[str] = field(default_factory=list)
    found_optional: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # output events matching no gold item
    output: int = 0

    @property
    def recall(self) -> float:
        return len(self.found_required) / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return (self.output - len(self.unmatched)) / self.output if self.output else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "required": self.required,
            "found_required": self.found_required,
            "missed_required": self.missed_required,
            "found_optional": self.found_optional,
            "output_events": self.output,
            "unmatched": self.unmatched,
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
        }


def _codes(event: Event, which: str) -> list[str]:
    many: list[EventArgument] = list(getattr(event, which + "s", None) or [])
    one = getattr(event, which)
    if one is not None and one not in many:
        many.insert(0, one)
    return [a.code[:3] for a in many if a.code]


def matches(event: Event, gold: dict[str, Any]) -> bool:
    if event.type != gold["type"]:
        return False
    if gold.get("actor") and gold["actor"][:3] not in _codes(event, "actor"):
        return False
    want = gold.get("recipient")
    if want:
        wanted = {w[:3] for w in (want if isinstance(want, list) else [want])}
        if not wanted & set(_codes(event, "recipient")):
            return False
    if gold.get("modality") and event.modality != gold["modality"]:
        return False
    date = event.date or ""
    if gold.get("date") and date[:10] != gold["date"]:
        return False
    if gold.get("date_window"):
        lo, hi = gold["date_window"]
        if not (date and lo <= date[:10] <= hi):
            return False
    return not (gold.get("date_before") and not (date and date[:10] < gold["date_before"]))


def score(events: list[Event], gold: dict[str, Any]) -> EventScore:
    """``gold`` is the ``events`` object of a gold file: ``{"required": [...], "optional": [...]}``."""
    required = gold.get("required", [])
    optional = gold.get("optional", [])
    out = EventScore(required=len(required), output=len(events))
    for g in required:
        (out.found_required if any(matches(e, g) for e in events) else out.missed_required).append(
            g.get("id", g["type"])
        )
    for g in optional:
        if any(matches(e, g) for e in events):
            out.found_optional.append(g.get("id", g["type"]))
    for e in events:
        if not any(matches(e, g) for g in required + optional):
            out.unmatched.append(describe(e))
    return out


def describe(e: Event) -> str:
    actor = e.actor.code if e.actor else "-"
    recipient = e.recipient.code if e.recipient else "-"
    return f"{e.type}/{e.mode or '-'} {actor}→{recipient} {e.modality} {e.date or '-'} (sentence {e.sentence})"


__all__ = ["EventScore", "describe", "matches", "score"]
