"""Knowledge base: places, countries, organisations and actors with dated roles, and the
entity linker that uses them (files in ``rasd/data/kb``; see docs/kb.md).

The gazetteer is imported eagerly (the dateline finder needs it and it is small); the rest
is loaded on first use, so ``import rasd.kb`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from rasd.kb.gazetteer import Place, lookup_place

if TYPE_CHECKING:
    from rasd.kb.files import KnowledgeBaseError
    from rasd.kb.index import KnowledgeBase, build, get_kb, reset_kb
    from rasd.kb.linker import LinkingStage, link_all, link_document
    from rasd.kb.lookup import lookup
    from rasd.kb.model import Record, Role, alias_key
    from rasd.kb.wikidata import import_wikidata

_LAZY = {
    "KnowledgeBase": "rasd.kb.index",
    "KnowledgeBaseError": "rasd.kb.files",
    "LinkingStage": "rasd.kb.linker",
    "Record": "rasd.kb.model",
    "Role": "rasd.kb.model",
    "alias_key": "rasd.kb.model",
    "build": "rasd.kb.index",
    "get_kb": "rasd.kb.index",
    "import_wikidata": "rasd.kb.wikidata",
    "link_all": "rasd.kb.linker",
    "link_document": "rasd.kb.linker",
    "lookup": "rasd.kb.lookup",
    "reset_kb": "rasd.kb.index",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rasd.kb' has no attribute {name!r}")


__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LinkingStage",
    "Place",
    "Record",
    "Role",
    "alias_key",
    "build",
    "get_kb",
    "import_wikidata",
    "link_all",
    "link_document",
    "lookup",
    "lookup_place",
    "reset_kb",
]
