"""Rendering untrusted article text safely, and the article body with its annotations.

Everything a document carries — title, body, names, quotes, ids — came from the web and
is treated as hostile:

- the Jinja2 environment escapes every value (``autoescape=True`` for all templates);
- bidirectional *override and isolate* controls (U+202A–U+202E, U+2066–U+2069) are
  replaced by a visible marker, so a name cannot reverse the text after it (the
  "Trojan source" trick) or disguise a link; plain direction marks (LRM, RLM, ALM)
  are harmless and kept;
- links are built by us, from our own paths, with ids percent-encoded; a URL from a
  document becomes a link only when it is ``http(s)``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
import regex
from markupsafe import Markup, escape

BIDI_CONTROLS = regex.compile("[\u202a-\u202e\u2066-\u2069]")


def neutralise(value: object) -> str:
    """Plain text with bidi overrides replaced by U+FFFD (for attributes and <title>)."""
    return str(BIDI_CONTROLS.sub("\ufffd", "" if value is None else str(value)))


def untrusted(value: object) -> Markup:
    """Escaped text with bidi overrides shown as a marker naming the character."""
    escaped = str(escape("" if value is None else str(value)))
    return Markup(
        BIDI_CONTROLS.sub(
            lambda m: (
                f'<span class="ctl" title="U+{ord(m.group()):04X}">U+{ord(m.group()):04X}</span>'
            ),
            escaped,
        )
    )


def plain(value: object) -> str:
    """An attribute value: neutralised (autoescape then quotes it)."""
    return neutralise(value)


def path_part(value: object) -> str:
    """An id as one path segment: every reserved character percent-encoded, so an id
    like ``javascript:…`` or ``../x`` stays a segment under our own path."""
    return quote(str(value), safe="")


def safe_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL, else None (no ``javascript:``, ``data:``…)."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return str(BIDI_CONTROLS.sub("", value.strip()))
    return None


# -- the article body ------------------------------------------------------------------


@dataclass(slots=True)
class Mark:
    """An annotation over ``text[start:end]``: a mention, an event trigger or a quote."""

    kind: str  # "quote" | "trigger" | "mention"
    start: int
    end: int
    css: str
    tip: str  # shown on hover: type, link, modality
    href: str | None = None
    anchor: str | None = None  # element id on the mark's first piece


@dataclass(slots=True)
class Piece:
    text: str
    # Marks covering this piece, outermost first, with whether each is rendered as the
    # piece's link (one <a> at most: links cannot nest) and whether it carries its anchor.
    marks: list[tuple[Mark, bool, bool]] = field(default_factory=list)


_ORDER = {"quote": 0, "trigger": 1, "mention": 2}


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """Cut ``text`` at every mark boundary; each piece lists the marks over it.

    Marks may nest or overlap (a mention inside a quote, a trigger inside a mention's
    sentence); cutting at every boundary renders any arrangement as properly nested
    elements. Marks outside the text or empty are dropped.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    ordered = sorted(marks, key=lambda m: (_ORDER.get(m.kind, 9), m.start, -(m.end - m.start)))
    anchored: set[int] = set()
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in ordered if m.start <= a and b <= m.end]
        linked = False
        piece = Piece(text[a:b])
        for m in covering:
            as_link = bool(m.href) and not linked
            linked = linked or as_link
            first = m.anchor is not None and id(m) not in anchored
            if first:
                anchored.add(id(m))
            piece.marks.append((m, as_link, first))
        out.append(piece)
    return out


def article_marks(document: dict[str, Any], t: Any) -> list[Mark]:
    """Marks for a stored document's mentions, event triggers and quotes."""
    names = {e["id"]: e for e in document.get("entities", [])}
    marks: list[Mark] = []
    for q in document.get("quotes", []):
        speaker = q.get("speaker") or {}
        who = speaker.get("text") or _name(names.get(speaker.get("entity") or ""), t) or "?"
        kind = t("direct") if q.get("direct") else t("indirect")
        marks.append(
            Mark(
                "quote",
                q["start"],
                q["end"],
                "q",
                f"{t('speaker')}: {who} · {q.get('cue', '')} · {kind}",
            )
        )
    for n, ev in enumerate(document.get("events", [])):
        trigger = ev.get("trigger")
        if not trigger:
            continue
        actor = _party(ev.get("actor"), names, t)
        recipient = _party(ev.get("recipient"), names, t)
        score = ev.get("score")
        tip = " · ".join(
            x
            for x in (
                f"{t.event(ev['type'])} ({ev['type']}{'/' + ev['mode'] if ev.get('mode') else ''})",
                f"{actor} → {recipient}",
                f"{t('modality')}: {t.modality(ev.get('modality'))}",
                ev.get("date") or "",
                f"{t('score')} {score}" if score is not None else "",
            )
            if x
        )
        marks.append(
            Mark(
                "trigger", trigger["start"], trigger["end"],
                f"ev tone{_tone_class(score, ev['type'])} mod-{ev.get('modality', 'asserted')}",
                tip, href=f"#ev-{n}", anchor=f"t-ev-{n}",
            )
        )  # fmt: skip
    for m in document.get("mentions", []):
        entity = names.get(m.get("entity") or "")
        tip = " · ".join(
            x
            for x in (
                t.entity_type(m.get("type")) + (f" ({m['fine']})" if m.get("fine") else ""),
                _name(entity, t) or "",
                m.get("entity") or "",
                (entity or {}).get("actor_code") or "",
            )
            if x
        )
        href = f"/entities/{path_part(m['entity'])}" if m.get("entity") else None
        marks.append(
            Mark("mention", m["start"], m["end"], f"m m-{m.get('type', 'MISC')}", tip, href)
        )
    return marks


def _name(entity: dict[str, Any] | None, t: Any) -> str | None:
    if not entity:
        return None
    if t.lang == "ar":
        return str(entity.get("name_ar") or entity.get("name") or entity.get("id"))
    return str(entity.get("name") or entity.get("name_ar") or entity.get("id"))


def _party(arg: dict[str, Any] | None, names: dict[str, Any], t: Any) -> str:
    if not arg:
        return "?"
    return str(
        _name(names.get(arg.get("entity") or ""), t) or arg.get("text") or arg.get("code") or "?"
    )


def _tone_class(score: float | None, type_: str) -> str:
    from rasd.api.queries import _tone

    return {1: "-coop", -1: "-conf", 0: "-neutral"}[_tone(score, type_)]


def tone_class(score: object, type_: object = None) -> str:
    """CSS class for a score: cooperation, conflict or neutral (by type when unscored)."""
    value = float(score) if isinstance(score, int | float) else None
    return "tone" + _tone_class(value, type_ if isinstance(type_, str) else "")


# -- the template environment ------------------------------------------------------------


def environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(resources.files("rasd.web").joinpath("templates")))
    # autoescape=True for every template, whatever its suffix (the SVG partials included).
    # ChainableUndefined: stored JSON leaves out empty fields (an event without a mode has
    # no "mode" key), and a missing field must render as nothing, not fail the page.
    env = jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.ChainableUndefined, trim_blocks=True,
        lstrip_blocks=True,
    )  # fmt: skip
    env.filters["ut"] = untrusted
    env.filters["plain"] = plain
    env.filters["seg"] = path_part
    env.filters["safe_url"] = safe_url
    env.filters["tone"] = tone_class
    env.globals["urlencode"] = urlencode
    return env
