"""Articles analysed up to the entity tagger, for the events tests (test_events_*.py)."""

from __future__ import annotations

from functools import lru_cache

from rasd.analyze import default_pipeline
from rasd.document import Document, Source, content_id
from rasd.pipeline import Pipeline


@lru_cache(maxsize=1)
def _base() -> Pipeline:
    keep = ("extract", "arabic", "times", "numbers")
    return Pipeline([st for st in default_pipeline().stages if st.name in keep])


def untagged(text: str, published: str) -> Document:
    """``text`` as an article body published on ``published``, analysed up to (not
    including) the entity tagger: no mentions, so the events stage uses its own fallback."""
    raw = f"-\n\n{text}"
    doc = Document(id=content_id(raw), source=Source(format="text"), raw=raw, title="-")
    doc.preextracted = True
    doc.published, doc.published_from = published, "given"
    out = _base()(doc)
    assert isinstance(out, Document), out
    return out
