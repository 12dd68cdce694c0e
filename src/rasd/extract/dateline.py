"""Datelines: the place and source that open a news item.

Forms seen in Arabic news::

    بغداد/المسلة: …              place / outlet :
    القاهرة - أحمد الريدي - …     place - author -
    دمشق - سانا …                place - known agency
    بيروت (رويترز) - …           place (agency) -
    (رويترز) - …  /  واشنطن - (أ ف ب) - …

The lead is only accepted when its shape is unambiguous (a slash or a closing colon)
or its parts are known (a gazetteer place, a known agency), so a sentence that happens
to contain a dash is not mistaken for a dateline.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rasd.arabic.normalize import normalize
from rasd.kb.gazetteer import lookup_place

# News agencies and wire services as they are written in datelines (search form matched).
AGENCIES = frozenset(
    normalize(a)
    for a in (
        "رويترز",
        "أ ف ب",
        "ا ف ب",
        "أ.ف.ب",
        "فرانس برس",
        "فرانس پرس",
        "أ ب",
        "أسوشيتد برس",
        "اسوشيتد برس",
        "د ب أ",
        "د.ب.أ",
        "الأناضول",
        "الاناضول",
        "شينخوا",
        "سبوتنيك",
        "تاس",
        "نوفوستي",
        "إرنا",
        "ارنا",
        "فارس",
        "تسنيم",
        "مهر",
        "سانا",
        "واس",
        "وام",
        "قنا",
        "بنا",
        "كونا",
        "العمانية",
        "بترا",
        "وفا",
        "معا",
        "واع",
        "الأنباء العراقية",
        "أ ش أ",
        "أش أ",
        "ومع",
        "لاماب",
        "وات",
        "واج",
        "سبأ",
        "سونا",
        "وال",
        "قدس برس",
        "يو بي آي",
        "يونايتد برس",
        "وكالات",
        "الوكالات",
        "كونا",
        "صفا",
        "شهاب",
        "المركزية",
        "الوطنية للإعلام",
        "RT",
        "CNN",
        "BBC",
        "AFP",
        "Reuters",
        "AP",
    )
)

# Media names (beyond agencies) that appear after the slash or dash of a dateline.
_MEDIA_WORDS = frozenset(
    normalize(w)
    for w in (
        "نيوز",
        "نت",
        "بوابة",
        "موقع",
        "صحيفة",
        "جريدة",
        "وكالة",
        "قناة",
        "تلفزيون",
        "إذاعة",
        "راديو",
        "اليوم",
        "برس",
        "بوست",
        "تايمز",
        "أونلاين",
        "الإخبارية",
        "الإخباري",
        "عربية",
        "عربي",
        "24",
        "العربية",
        "الجزيرة",
        "الحرة",
        "الميادين",
        "المنار",
        "الشروق",
        "الأهرام",
        "الوطن",
        "الرياض",
        "النهار",
        "الأخبار",
    )
)

_NAME = r"[\p{L}\p{M}][\p{L}\p{M}.]*"
_PHRASE = rf"{_NAME}(?:\s+{_NAME}){{0,3}}"
# A place may name its country after a comma: "دبي، الإمارات العربية المتحدة".
_PLACE = rf"{_PHRASE}(?:\s*[،,]\s*{_PHRASE})?"
_DASH = r"\s*[-–—]+\s*"
_END = r"\s*(?:[-–—]+|[:：])\s*"
# "تونس 13 نوفمبر 2022 (وات) -": a date between the place and the agency.
_DATE_CHUNK = r"(?:\s+[0-9\u0660-\u0669]{1,2}\s+\S+(?:\s+\S+)?\s+[0-9\u0660-\u0669]{4})?"

_PATTERNS = (
    # بغداد/المسلة:   or   بغداد / المسلة -
    ("slash", regex.compile(rf"^(?P<place>{_PLACE})\s*/\s*(?P<who>{_PHRASE}){_END}")),
    # بيروت (رويترز) -    دبي، الإمارات العربية المتحدة (CNN)--    (رويترز) -
    (
        "paren",
        regex.compile(
            rf"^(?:(?P<place>{_PLACE}){_DATE_CHUNK}\s*)?[(（]\s*(?P<who>{_PHRASE})\s*[)）]\s*(?:(?:[-–—]+|[:：])\s*)?"
        ),
    ),
    # واشنطن - (أ ف ب) -
    (
        "dash-paren",
        regex.compile(
            rf"^(?P<place>{_PLACE}){_DASH}[(（]\s*(?P<who>{_PHRASE})\s*[)）]\s*(?:(?:[-–—]+|[:：])\s*)?"
        ),
    ),
    # القاهرة - أحمد الريدي -    or   أبوظبي - سكاي نيوز عربية:
    ("dash", regex.compile(rf"^(?P<place>{_PLACE}){_DASH}(?P<who>{_PHRASE}){_END}")),
    # دمشق - سانا أعلن … (agency without closing punctuation: checked against AGENCIES)
    ("dash-open", regex.compile(rf"^(?P<place>{_PLACE}){_DASH}(?P<who>{_PHRASE})\s+")),
    # بغداد: …   (a place alone, closed by a colon or a dash)
    ("colon", regex.compile(rf"^(?P<place>{_PLACE}){_END}")),
)


@dataclass(slots=True, frozen=True)
class DatelineMatch:
    place: str | None
    outlet: str | None
    author: str | None
    length: int  # characters of the paragraph the dateline takes, including separators
    text: str


# A dateline printed on a line of its own above the lead ("نواكشوط - الأخبار").
_OWN_LINE = regex.compile(
    rf"^(?P<place>{_PLACE})(?:{_DASH}|\s*/\s*)[(（]?\s*(?P<who>{_PHRASE})\s*[)）]?\s*(?:[-–—:：]\s*)?$"
)


def find_dateline(paragraph: str, *, own_line: bool = False) -> DatelineMatch | None:
    """The dateline at the start of ``paragraph``, or ``None``. With ``own_line`` the
    paragraph must be nothing but a dateline."""
    head = paragraph[:120]
    if own_line:
        m = _OWN_LINE.match(paragraph.strip())
        if not m or not _is_place(m.group("place")):
            return None
        outlet, author = _split_who(m.group("who"), "own-line")
        return DatelineMatch(
            _city(m.group("place")), outlet, author, len(paragraph), paragraph.strip()
        )
    for shape, pattern in _PATTERNS:
        m = pattern.match(head)
        if not m:
            continue
        place = (m.groupdict().get("place") or "").strip() or None
        who = (m.groupdict().get("who") or "").strip() or None
        if shape == "dash-open":
            # "دمشق - سانا أعلن": take the longest known agency at the front of `who`.
            who = _leading_agency(head[m.start("who") :])
            if who is None or place is None or not _is_place(place):
                continue
            end = m.start("who") + len(who)
            rest = head[end:]
            end += len(rest) - len(rest.lstrip(" -–—:"))
            return DatelineMatch(place, who, None, end, head[:end].strip())
        if shape == "colon" and (place is None or not _is_place(place)):
            continue
        if shape == "dash" and not (place and _is_place(place)) and not (who and _is_agency(who)):
            continue
        if shape == "paren" and who and not _is_agency(who) and not (place and _is_place(place)):
            continue
        if place and not _is_place(place) and shape != "slash" and not (who and _is_agency(who)):
            continue
        outlet, author = _split_who(who, shape)
        return DatelineMatch(_city(place), outlet, author, m.end(), m.group().strip())
    return None


def _city(place: str | None) -> str | None:
    """ "دبي، الإمارات العربية المتحدة" → "دبي": the dateline's place is the city."""
    return regex.split(r"\s*[،,]\s*", place)[0] if place else None


def _is_place(text: str) -> bool:
    # "دبي، الإمارات العربية المتحدة": the city before the comma is the place.
    words = regex.split(r"\s*[،,]\s*", text)[0].split()
    # The place may carry a qualifier after it: "القدس المحتلة".
    return any(lookup_place(" ".join(words[:k])) for k in range(len(words), 0, -1))


def _is_agency(text: str) -> bool:
    form = normalize(text)
    return form in AGENCIES or form.startswith("وكاله")


def _leading_agency(text: str) -> str | None:
    words = text.split()
    for k in range(min(4, len(words)), 0, -1):
        candidate = " ".join(words[:k])
        if normalize(candidate) in AGENCIES:
            return candidate
    return None


def _split_who(who: str | None, shape: str) -> tuple[str | None, str | None]:
    """Outlet or author? Agencies, media names (``سكاي نيوز عربية``, ``الجزيرة نت``), one-word
    and ``ال``-names are outlets; after a slash a site names itself, so that is an outlet
    too. Otherwise a name of two or more words is a person (the correspondent)."""
    if not who:
        return None, None
    form = normalize(who)
    words = form.split()
    if words[0] in {"خاص", "مراسلنا", "مراسل", "متابعات"}:
        return None, None
    if (
        _is_agency(who)
        or len(words) == 1
        or all(w.startswith("ال") for w in words)
        or any(w in _MEDIA_WORDS for w in words)
        or shape in ("slash", "paren", "dash-paren")
    ):
        return who, None
    return None, who
