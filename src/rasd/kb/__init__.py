"""Knowledge base: places, countries, organisations and actors (files in ``rasd/data``)."""

from rasd.kb.gazetteer import Place, lookup_place

__all__ = ["Place", "lookup_place"]
