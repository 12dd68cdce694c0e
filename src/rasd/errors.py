"""One small exception tree. Messages say what was expected and what came."""

from __future__ import annotations


class RasdError(Exception):
    """Base of every error rasd raises on purpose."""


class InputError(RasdError):
    """A document could not be read: empty, binary, undecodable, too large, malformed."""


class PipelineError(RasdError):
    """A pipeline was assembled wrongly (a stage needs a layer nothing provides)."""


class StoreError(RasdError):
    """The store refused an operation (bad query, unknown id, schema too new)."""


class QueryError(StoreError):
    """A search query could not be parsed."""
