"""The search form of a whole document: title, dateline, author and body, normalised."""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.document import Document


def search_form(doc: Document) -> str:
    # Title, dateline and author are searchable too; they are kept apart from `text` so
    # offsets into it stay simple.
    dl = doc.dateline
    head = " ".join(
        x for x in (doc.title, dl.place if dl else None, dl.outlet if dl else None, doc.author) if x
    )
    return normalize(f"{head}\n{doc.text}")
