"""Events: who did what to whom, when, where, how sure, and who says so (PLOVER/CAMEO).

>>> from rasd.events import EventStage, extract_events
"""

from rasd.events.lexicon import Lexicon, lexicon
from rasd.events.model import Argument, CodedEvent
from rasd.events.stage import EventStage, extract_events

__all__ = ["Argument", "CodedEvent", "EventStage", "Lexicon", "extract_events", "lexicon"]
