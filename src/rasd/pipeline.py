"""Stages, drops and the pipeline that chains them.

A stage is any object with ``name``, ``requires``, ``provides`` and ``process(doc)``.
``process`` returns the document (filled in) or a :class:`Drop` saying why it was
dropped. :class:`Pipeline` checks when it is built that every layer a stage requires is
provided by an earlier stage (or by the reader), so ordering mistakes fail at start-up,
not halfway through a batch. Stages never know which executor runs them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rasd.document import Document
from rasd.errors import PipelineError

# What a reader hands to the first stage.
READER_LAYERS = frozenset({"raw", "source"})


@dataclass(slots=True, frozen=True)
class Drop:
    """A document that left the pipeline, and why. Batches record these as quarantine rows."""

    reason: str
    source: str
    stage: str = "ingest"
    doc_id: str | None = None
    # A skip is not an error: a PDF in a WARC, a redirect. Counted, never quarantined.
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def process(self, doc: Document) -> Document | Drop: ...


class Pipeline:
    """An ordered, checked chain of stages."""

    def __init__(self, stages: Sequence[Stage], *, given: Iterable[str] = READER_LAYERS) -> None:
        available = set(given)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, but the stages before it "
                    f"provide only {sorted(available)}"
                )
            available |= stage.provides
        self.stages = list(stages)
        self.provides = frozenset(available)
        self.drops: Counter[str] = Counter()

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(s.name for s in self.stages)}])"

    def __call__(self, doc: Document) -> Document | Drop:
        for stage in self.stages:
            try:
                result = stage.process(doc)
            except Exception as exc:  # one bad document must never end a batch
                result = Drop(
                    reason=f"{type(exc).__name__} in {stage.name}: {exc}",
                    source=_describe(doc),
                    stage=stage.name,
                    doc_id=doc.id,
                )
            if not isinstance(result, Document | Drop):
                # A stage bug (a branch without `return doc`) drops this document only.
                result = Drop(
                    reason=f"stage {stage.name!r} returned {type(result).__name__}, not a Document or Drop",
                    source=_describe(doc),
                    stage=stage.name,
                    doc_id=doc.id,
                )
            if isinstance(result, Drop):
                self.drops[result.reason.split(":")[0]] += 1
                return result
            result.layers |= stage.provides
            doc = result
        return doc

    def run(self, items: Iterable[Document | Drop]) -> Iterator[Document | Drop]:
        """Process documents in order; drops from the reader pass straight through."""
        for item in items:
            if isinstance(item, Drop):
                self.drops[item.reason.split(":")[0]] += 1
                yield item
            else:
                yield self(item)


def _describe(doc: Document) -> str:
    return doc.source.path or doc.source.id or doc.id
