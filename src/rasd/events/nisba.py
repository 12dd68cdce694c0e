"""Nisba adjectives back to their country: ``الروسي`` → RUS, ``الإيرانية`` → IRN.

The entity tagger marks most nisbas; this rule catches the ones it leaves (``مسيّرات
ايرانية``, ``عقوبات غربية``) so the events stage does not depend on the tagger's recall. A
nisba is turned back into its country's name (strip the article and the ending, try the
stem with ``يا``/``ا``/``ستان``/``ية``) and kept when the gazetteer knows that as a country.
``العربي`` is not coded (the Arab League, the Arabic language, the UAE's name…), and
``الغربية`` is the West only away from geography (not ``الضفة الغربية``, ``جنوب غربي``).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from rasd.arabic.directions import western_is_direction
from rasd.arabic.normalize import normalize
from rasd.kb import lookup_place

_NISBA_ENDINGS = ("يتين", "يتان", "يين", "يون", "يان", "ية", "يه", "ي")


def nisba_after(prev: str | None, norm: str) -> str | None:
    """The country of the nisba ``norm`` written after the word ``prev`` (search forms)."""
    code = nisba_country(norm)
    return None if is_direction(prev, code) else code


def is_direction(prev: str | None, code: str | None) -> bool:
    """«شمال غربي باكستان», «الضفة الغربية»: a direction, not the West (WST)."""
    return code == "WST" and western_is_direction(prev)


@lru_cache(maxsize=65536)
def nisba_country(norm: str) -> str | None:
    """``الروسي`` → RUS, ``الإيرانية`` → IRN, ``الغربيين`` → WST; ``None`` when no country."""
    word = normalize(norm)
    for pre in ("و", "ف", "ب", "ل"):
        if word.startswith(pre + "ال"):
            word = word[1:]
    if word.startswith("لل"):
        word = "ال" + word[2:]
    bare = word[2:] if word.startswith("ال") else word
    if bare.endswith("يا") and word not in _countries() and lookup_place(bare) is None:
        bare = bare[:-1]  # the accusative's alef: سويدياً → سويدي (but روسيا is a country)
    if bare.startswith("غرب") and bare[3:] in ("ي", "يه", "يين", "يون", "يه"):
        return "WST"
    for end in _NISBA_ENDINGS:
        if not bare.endswith(end) or len(bare) - len(end) < 3:
            continue
        base = bare[: -len(end)]
        for cand in (
            base,
            "ال" + base,
            base + "يا",
            base + "ا",
            base + "ستان",
            "ال" + base + "يه",
            base + "يه",
        ):
            code = _countries().get(cand) or _COUNTRY_WORDS.get(cand)
            if code:
                return code
        break
    return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names (search form) → ISO3, from the gazetteer's files: one dict lookup per
    candidate spelling instead of a gazetteer call (this runs on every ``-ي``/``-ية`` word)."""
    out: dict[str, str] = {}
    for name in ("places_ar.tsv", "places_extra.tsv"):
        with resources.files("rasd.data").joinpath(name).open(encoding="utf-8") as fh:
            rows = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            if row["kind"] == "country":
                out.setdefault(normalize(row["name"]), row["country"])
    return out


_COUNTRY_WORDS = {
    normalize(k): v
    for k, v in {
        "امريكا": "USA",
        "اميركا": "USA",
        "بريطانيا": "GBR",
        "اوروبا": "EUR",
        "تونس": "TUN",
        "الجزائر": "DZA",
        "تايلاند": "THA",
        "كوريا": "KOR",
    }.items()
}
