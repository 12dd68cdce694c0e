"""Query parameters shared by the API and the pages (FastAPI dependencies).

Pages submit HTML forms, and a form sends its empty fields (``since=``): an empty value
means "no filter", never a validation error. Dates are ISO prefixes (``2022``,
``2022-11``, ``2022-11-13``); ``until`` is inclusive of the whole period it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from rasd.api.queries import MAX_PAGE, NODE_KEYS, BadRequest, EventFilters

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_PARAM = 500  # characters in one text parameter

Since = Annotated[str | None, Query(description="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Up to this date, inclusive (YYYY[-MM[-DD]]).")]
Text = Annotated[str | None, Query(max_length=MAX_PARAM)]


def date(name: str, value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if not _DATE.fullmatch(value):
        raise BadRequest(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@dataclass(slots=True, frozen=True)
class Paging:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def paging(default: int) -> Callable[..., Paging]:
    """A ``page``/``size`` dependency with its own default size (at most MAX_PAGE)."""

    def dependency(
        page: Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")] = 1,
        size: Annotated[
            int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page (at most {MAX_PAGE}).")
        ] = default,
    ) -> Paging:
        return Paging(page, size)

    return dependency


def event_filters(
    since: Since = None,
    until: Until = None,
    type: Annotated[
        str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT.")
    ] = None,
    modality: Annotated[
        str | None,
        Query(
            max_length=40,
            description="asserted, denied, alleged, admitted, negated, future, hypothetical.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=MAX_PARAM,
            description="Actor: entity id, or actor code (prefix: RUS matches RUSGOV).",
        ),
    ] = None,
    recipient: Annotated[
        str | None, Query(max_length=MAX_PARAM, description="Recipient, as actor.")
    ] = None,
    party: Annotated[
        str | None, Query(max_length=MAX_PARAM, description="Actor or recipient.")
    ] = None,
    outlet: Text = None,
    cameo: Annotated[
        str | None, Query(max_length=10, description="CAMEO code prefix, e.g. 04.")
    ] = None,
    doc: Annotated[
        str | None, Query(max_length=80, description="Events of one document (full id).")
    ] = None,
    by: Annotated[
        str | None,
        Query(
            description="Match actor/recipient as network node keys: " + ", ".join(NODE_KEYS) + "."
        ),
    ] = None,
    copies: Annotated[
        bool, Query(description="Include documents marked as copies of a stored story.")
    ] = False,
) -> EventFilters:
    by = text(by)
    if by is not None and by not in NODE_KEYS:
        raise BadRequest(f"by must be one of {', '.join(NODE_KEYS)}, got {by!r}")
    return EventFilters(
        since=date("since", since),
        until=date("until", until),
        type=text(type),
        modality=text(modality),
        actor=text(actor),
        recipient=text(recipient),
        party=text(party),
        outlet=text(outlet),
        cameo=text(cameo),
        doc=text(doc),
        by=by,
        copies=copies,
    )  # fmt: skip
