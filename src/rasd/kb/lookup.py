"""What a name resolves to on a date, and why (``rasd kb lookup``).

:func:`lookup` links the name as a one-mention document, so the answer is exactly what the
linker does with it, then lists the other records the name could have meant with the actor
code each would have on that date.
"""

from __future__ import annotations

from typing import Any

from rasd.document import Document, Mention, Sentence, Source
from rasd.kb.index import KnowledgeBase, get_kb
from rasd.kb.linker import link_all
from rasd.kb.model import FULL, NISBA, Record

LOOKUP_COLUMNS = ["chosen", "id", "name", "type", "country", "actor_code", "role", "why"]


def lookup(
    name: str,
    date: str | None = None,
    *,
    mention_type: str = "",
    context: str | None = None,
    kb: KnowledgeBase | None = None,
) -> list[dict[str, Any]]:
    """Rows: the entity the linker picks for ``name`` on ``date`` (``chosen``), then every
    other record the name matches, and the government a capital stands for when it acts.

    ``context`` is a sentence the name occurs in (its first occurrence is the mention): it
    decides readings that depend on the words around a name (``ونفت طهران`` acts, ``إلى
    طهران`` does not; ``الرئيس الروسي فلاديمير بوتين``)."""
    kb = kb or get_kb()
    name = name.strip()
    text = context.strip() if context else name
    start = text.find(name)
    if start < 0:
        raise ValueError(f"{name!r} does not occur in the context {text!r}")
    doc = Document(id="lookup", source=Source(format="text"), raw=text, text=text, published=date)
    doc.sentences = [Sentence(0, len(text))]
    doc.mentions = [Mention(start, start + len(name), name, mention_type)]
    link = link_all(doc, kb, add_mentions=False)[0]
    chosen = link.entity
    role = link.record.code_on(date)[1] if link.record is not None else None
    rows: list[dict[str, Any]] = [
        {
            "chosen": True,
            "id": chosen.id,
            "name": chosen.name,
            "type": chosen.type,
            "country": chosen.country,
            "actor_code": chosen.actor_code,
            "role": _role(role.role, role.start, role.end) if role else None,
            "why": link.reason,
        }
    ]
    key, hits = kb.candidates(name)
    for hit in hits:
        if hit.id == chosen.id:
            continue
        rec = kb.records[hit.id]
        rows.append(_row(rec, date, f"also matches ({_strength(hit.strength)} {hit.via})"))
    met = kb.metonym(key, date) if key else None
    if met is not None and chosen.id != met.target:
        target = kb.records.get(met.target)
        if target is not None:
            rows.append(_row(target, date, "when it acts (قالت/نفت … + the place): metonymy"))
    return rows


def _row(rec: Record, date: str | None, why: str) -> dict[str, Any]:
    code, role = rec.code_on(date)
    return {
        "chosen": False,
        "id": rec.id,
        "name": rec.name,
        "type": rec.type,
        "country": rec.country,
        "actor_code": code,
        "role": _role(role.role, role.start, role.end) if role else None,
        "why": why,
    }


def _role(role: str, start: str, end: str) -> str:
    return f"{role} {start or '…'}..{end or '…'}"


def _strength(strength: int) -> str:
    return "full name" if strength == FULL else "nisba" if strength == NISBA else "short form"
