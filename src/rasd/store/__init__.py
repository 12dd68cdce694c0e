"""The store: SQLite by default (one file, FTS5 search over the normalised form)."""

from rasd.store.sqlite import SearchHit, Store, open_store

__all__ = ["SearchHit", "Store", "open_store"]
