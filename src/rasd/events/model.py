"""The event record the stage fills.

:class:`rasd.document.Event` carries everything PLOVER coding needs: the PLOVER ``context``,
the ``background`` flag, ``attributed_to`` (who reports, claims, denies or admits it), every
member of a compound actor (``actors``) and every recipient (``recipients``);
``actor``/``recipient`` are the first of each. :class:`rasd.document.EventArgument` carries
the character span of the words that name the participant. ``CodedEvent`` and ``Argument``
are the names this package used before those fields reached ``rasd.document``; they are the
same classes.
"""

from __future__ import annotations

from rasd.document import Event, EventArgument

CodedEvent = Event
Argument = EventArgument

__all__ = ["Argument", "CodedEvent"]
