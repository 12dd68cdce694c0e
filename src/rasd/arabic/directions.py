"""Words after which «غربي» names a direction or a part of a place, not the West.

«شمال غربي باكستان», «الضفة الغربية», «أوروبا الغربية» are places; «الدول الغربية»,
«عقوبات غربية» are the West as a party (CAMEO WST). The entity tagger's nisba mentions and
the events stage's nisba reading both ask :func:`western_is_direction`; the events stage
also reads :data:`COMPASS` (a place after شرق says where an event is, not whom it is
against).
"""

from __future__ import annotations

from rasd.arabic.normalize import normalize

# The compass: a place after one of these says where (شرق اليمن), as في does.
_COMPASS_WORDS = "شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"
COMPASS = frozenset(normalize(w) for w in _COMPASS_WORDS.split())

_HEADS = """
    الضفة ضفة المنطقة منطقة الجهة جهة الضاحية ضاحية الحدود الساحل الجزء
    القسم الناحية ناحية الاقليم إقليم اقليم المحافظة محافظة القارة اوروبا أوروبا آسيا اسيا
    افريقيا أفريقيا البنغال الصحراء الاطراف الأطراف الجبهة الواجهة البوابة الجانب الجدار
    السور الجناح الرياح الكتلة الاراضي المدينة مدينة القدس بيروت الشمال الجنوب الشرق الغرب
    الوسط
"""
# غربي after غربي is not a direction; every other compass word makes it one.
GEOGRAPHIC_HEADS = (COMPASS - {normalize("غربي")}) | frozenset(normalize(w) for w in _HEADS.split())


def western_is_direction(before: str | None) -> bool:
    """Whether «غربي» after the word ``before`` (search form, clitic-free where known) is
    a direction (after شمال, الضفة, أوروبا …)."""
    return before is not None and normalize(before) in GEOGRAPHIC_HEADS
