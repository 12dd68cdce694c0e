"""Words after which «غربي» names a direction or a part of a place, not the West.

«شمال غربي باكستان», «الضفة الغربية», «أوروبا الغربية» are places; «الدول الغربية»,
«عقوبات غربية» are the West as a party (CAMEO WST). The entity tagger's nisba mentions and
the events stage's nisba reading both ask :func:`western_is_direction`.
"""

from __future__ import annotations

from rasd.arabic.normalize import normalize

_HEADS = """
    الضفة ضفة جنوب شمال شرق غرب المنطقة منطقة الجهة جهة الضاحية ضاحية الحدود الساحل الجزء
    القسم الناحية ناحية الاقليم إقليم اقليم المحافظة محافظة القارة اوروبا أوروبا آسيا اسيا
    افريقيا أفريقيا البنغال الصحراء الاطراف الأطراف الجبهة الواجهة البوابة الجانب الجدار
    السور الجناح الرياح الكتلة الاراضي المدينة مدينة القدس بيروت شمالي جنوبي شرقي وسط الشمال
    الجنوب الشرق الغرب الوسط
"""
GEOGRAPHIC_HEADS = frozenset(normalize(w) for w in _HEADS.split())


def western_is_direction(before: str | None) -> bool:
    """Whether «غربي» after the word ``before`` (search form, clitic-free where known) is
    a direction (after شمال, الضفة, أوروبا …)."""
    return before is not None and normalize(before) in GEOGRAPHIC_HEADS
