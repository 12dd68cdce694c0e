"""Build the generated knowledge-base tables under ``src/rasd/data/kb/``.

What it writes (sorted, deterministic: a rebuild shows as a reviewable diff):

1. ``countries.tsv``: every country and territory with ISO3 and CAMEO codes, English and
   Arabic names (mledoze/countries, ODbL; CLDR via Babel, Unicode-3.0), nisba forms and
   capital. ``countries_curated.tsv`` (hand-kept) wins over the rules.
2. ``places.tsv``: GeoNames cities15000 with their Arabic names, country, feature code,
   population and coordinates (CC BY 4.0). Persian/Urdu-only spellings are left out.
3. ``petrarch_ar_people.tsv``: people from the Arabic PETRARCH actor dictionary (MIT),
   cleaned: titles stripped, lemmatised organisation entries dropped, impossible date
   ranges (end before start, the 1800-01-01 placeholder) dropped, and open or undated roles
   capped at the dictionary's date (2018-11-14), since it says nothing about later years.
   People in the hand-kept ``people.tsv`` are left out (the curated entry wins).

The hand-kept tables (``people.tsv``, ``roles.tsv``, ``organisations.tsv``, ``agents.tsv``,
``metonyms.tsv``, ``countries_curated.tsv``) are not touched.

Run: ``python scripts/build_kb.py [../shared/data/kb]``. Needs Babel (``pip install babel``)
at build time only; rasd does not import it.
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.arabic.normalize import normalize  # noqa: E402  (after the path set-up)

OUT = ROOT / "src/rasd/data/kb"
LICENSES = ROOT / "src/rasd/data/licenses"
PETRARCH_DATE = "2018-11-14"  # the Arabic dictionary's commit date: its facts hold "as of" then
# CAMEO country codes are ISO 3166 alpha-3 except these (mledoze's user-assigned Kosovo code).
CAMEO_EXCEPTIONS = {"UNK": "KSV"}
# Letters of Persian, Urdu, Kurdish and Uyghur that Arabic news does not use.
NOT_ARABIC = set("پچژگیکۆەێڵڕۋۇھےۃہٹڈڑںڭۈېۀ")


def is_arabic(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return (
        bool(letters)
        and all("\u0600" <= c <= "\u06ff" for c in letters)
        and not any(c in NOT_ARABIC for c in name)
    )


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def write_tsv(path: Path, header: list[str], rows: Iterable[list[str]], comment: str) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for line in comment.strip().splitlines():
            fh.write(f"# {line}\n")
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
            n += 1
    return n


def join(values: Iterable[str]) -> str:
    return "|".join(dict.fromkeys(v for v in values if v))


# 1. Countries ---------------------------------------------------------------------------


def rule_nisba(name: str) -> str | None:
    """روسيا → روسي, العراق → عراقي, فرنسا → فرنسي; None for names the rule cannot take."""
    if " " in name or "-" in name:
        return None
    stem = name[2:] if name.startswith("ال") else name
    if stem.endswith("يا"):
        stem = stem[:-2]
    elif stem.endswith(("ا", "ة")):
        stem = stem[:-1]
    elif stem.endswith("ي"):
        return None  # جيبوتي، مالي: the nisba would be the name itself
    return stem + "ي" if len(stem) >= 2 else None


def babel_names() -> dict[str, list[str]]:
    try:
        from babel import Locale
    except ImportError:
        sys.exit("scripts/build_kb.py needs Babel at build time: pip install babel")
    out: dict[str, list[str]] = {}
    for iso2, name in Locale("ar").territories.items():
        if not (len(iso2) == 2 and iso2.isalpha()):
            continue  # region codes (001, 419) are not countries
        # "ميانمار (بورما)" gives both names; "الكونغو - كينشاسا" is CLDR's own disambiguation.
        parts = [p.strip() for p in re.split(r"[()]", name) if p.strip()]
        out[iso2] = parts
    return out


def build_countries(kb: Path) -> tuple[int, dict[str, str]]:
    curated = {r["iso3"]: r for r in read_tsv(OUT / "countries_curated.tsv")}
    cldr = babel_names()
    capitals = geonames_capitals(kb)
    rows = []
    iso2_to_iso3: dict[str, str] = {}
    for rec in read_tsv(kb / "countries/countries_ar.tsv"):
        iso3, iso2 = rec["cca3"], rec["cca2"]
        iso2_to_iso3[iso2] = iso3
        common, official = rec["name_ar_common"], rec["name_ar_official"]
        # mledoze swaps common and official for a few countries (Angola): the common name
        # is the short one.
        if common.startswith(("جمهورية", "مملكة", "دولة")) and len(official) < len(common):
            common, official = official, common
        cur = curated.get(iso3, {})
        extra = [a for a in cur.get("aliases_ar", "").split("|") if a]
        name_ar = extra[0] if extra else common
        names = [name_ar, common, official, *cldr.get(iso2, []), *extra]
        names = [n for n in names if n and is_arabic(n)]
        nisba_field = cur.get("nisba_ar", "")
        if nisba_field == "-":
            nisbas: list[str] = []
        elif nisba_field:
            nisbas = nisba_field.split("|")
        else:
            rule = rule_nisba(common)
            nisbas = [rule] if rule else []
        capital_ar = [c for c in cur.get("capital_ar", "").split("|") if c]
        cap = capitals.get(iso2)
        capital_id = cur.get("capital_id") or (f"gn:{cap[0]}" if cap else "")
        if not capital_ar and cap:
            capital_ar = cap[1]
        rows.append(
            [
                cur.get("id") or f"rasd:country/{iso3}",
                iso3,
                CAMEO_EXCEPTIONS.get(iso3, iso3),
                iso2,
                rec["name_en_common"],
                name_ar,
                join(names),
                join(nisbas),
                cur.get("plural_ar", ""),
                rec["capital"].split(",")[0] if rec["capital"] else "",
                capital_id,
                join(capital_ar),
                join(
                    ["mledoze/countries (ODbL)", "CLDR via Babel (Unicode-3.0)"]
                    + (["curated"] if cur else [])
                ),
            ]
        )
    header = [
        "id",
        "iso3",
        "cameo",
        "iso2",
        "name_en",
        "name_ar",
        "aliases_ar",
        "nisba_ar",
        "plural_ar",
        "capital_en",
        "capital_id",
        "capital_ar",
        "source",
    ]
    n = write_tsv(
        OUT / "countries.tsv",
        header,
        sorted(rows, key=lambda r: r[1]),
        """Generated by scripts/build_kb.py: do not edit, change countries_curated.tsv instead.
Names: mledoze/countries (ODbL 1.0, licenses/countries_ODbL.txt) and CLDR via Babel
(Unicode-3.0 / BSD-3, licenses/cldr_babel_Unicode-3.0_BSD-3.txt); nisbas by rule or curated.
Lists are "|"-separated. nisba_ar holds masculine singular forms; the loader inflects them.""",
    )
    return n, iso2_to_iso3


def geonames_capitals(kb: Path) -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    for rec in read_tsv(kb / "geonames/cities15000_arabic_script_names.tsv"):
        if rec["feature_code"] == "PPLC":
            names = [n for n in rec["arabic_script_alternatenames"].split("|") if is_arabic(n)]
            if names:
                out[rec["country_code"]] = (rec["geonameid"], names)
    return out


# 2. Places ------------------------------------------------------------------------------


def build_places(kb: Path, iso2_to_iso3: dict[str, str]) -> int:
    curated = {r["iso3"]: r for r in read_tsv(OUT / "countries_curated.tsv")}
    # The capitals whose Wikidata id we know take it; their curated spellings are added.
    by_capital: dict[str, tuple[str, list[str]]] = {}
    for iso3, cur in curated.items():
        if cur.get("capital_ar"):
            by_capital[iso3] = (cur.get("capital_id", ""), cur["capital_ar"].split("|"))
    # Capitals without Arabic names are only in the full table (the zip).
    capitals_zip: dict[str, tuple[str, str, str, str, str]] = {}
    with zipfile.ZipFile(kb / "geonames/cities15000.zip") as zf:
        member = next(n for n in zf.namelist() if n.endswith(".txt"))
        for line in zf.read(member).decode("utf-8").splitlines():
            f = line.split("\t")
            if len(f) > 14 and f[7] == "PPLC":
                iso3 = iso2_to_iso3.get(f[8], f[8])
                capitals_zip[iso3] = (f[0], f[1], f[14] or "0", f[4], f[5])
    rows = []
    seen_capital: set[str] = set()
    for rec in read_tsv(kb / "geonames/cities15000_arabic_script_names.tsv"):
        names = [n.strip() for n in rec["arabic_script_alternatenames"].split("|")]
        names = [n for n in names if n and is_arabic(n) and len(n.split()) <= 4]
        iso3 = iso2_to_iso3.get(rec["country_code"], rec["country_code"])
        pid = f"gn:{rec['geonameid']}"
        source = "GeoNames (CC BY 4.0)"
        if rec["feature_code"] == "PPLC" and iso3 in by_capital and iso3 not in seen_capital:
            qid, spellings = by_capital[iso3]
            # A curated capital spelling must name this row (Tel Aviv is no PPLC; Jerusalem is).
            if any(normalize(s) in {normalize(n) for n in names} for s in spellings):
                pid = qid or pid
                names = [*spellings, *names]
                source += "|curated"
                seen_capital.add(iso3)
        if not names:
            continue
        rows.append(
            [
                pid,
                rec["name"],
                join(names),
                iso3,
                rec["feature_code"],
                rec["population"] or "0",
                rec["lat"],
                rec["lon"],
                source,
            ]
        )
    # Curated capitals GeoNames lists under another spelling (واشنطن is not among the
    # Arabic names of Washington, D.C.) or not as PPLC (تل أبيب, رام الله): the country's
    # PPLC row if the capital is one, else the biggest place of the country with the name.
    for iso3, (qid, spellings) in sorted(by_capital.items()):
        if iso3 in seen_capital:
            continue
        keys = {normalize(s) for s in spellings}
        named = [r for r in rows if r[3] == iso3 and keys & {normalize(n) for n in r[2].split("|")}]
        pplc = [r for r in rows if r[3] == iso3 and r[4] == "PPLC"]
        hit = pplc[0] if pplc and qid else max(named, key=lambda r: int(r[5]), default=None)
        zipped = capitals_zip.get(iso3)
        if not pplc and qid and zipped:
            # The capital has no Arabic name in GeoNames (Washington, D.C.): its row from
            # the full table, with the curated spellings.
            _, name, pop, lat, lon = zipped
            rows.append(
                [
                    qid,
                    name,
                    join(spellings),
                    iso3,
                    "PPLC",
                    pop,
                    lat,
                    lon,
                    "GeoNames (CC BY 4.0)|curated",
                ]
            )
        elif hit is not None:
            hit[2] = join([*spellings, *hit[2].split("|")])
            hit[0] = qid or hit[0]
            hit[8] += "|curated"
        else:
            rows.append(
                [
                    qid or f"rasd:city/{iso3}",
                    "",
                    join(spellings),
                    iso3,
                    "PPLC",
                    "0",
                    "",
                    "",
                    "curated",
                ]
            )
    header = [
        "id",
        "name_en",
        "names_ar",
        "country",
        "feature",
        "population",
        "lat",
        "lon",
        "source",
    ]
    return write_tsv(
        OUT / "places.tsv",
        header,
        sorted(rows, key=lambda r: (r[3], -int(r[5]), r[0])),
        """Generated by scripts/build_kb.py from GeoNames cities15000 (2018-05 snapshot).
Data by GeoNames (geonames.org), CC BY 4.0: licenses/geonames_SOURCE_CC-BY-4.0.txt.
Arabic-script names only (Persian/Urdu letters filtered out); population decides ambiguity.""",
    )


# 3. Arabic PETRARCH people --------------------------------------------------------------

# Words that make an entry a title, an office or an organisation rather than a name.
TITLES = {
    normalize(w)
    for w in [
        "رئيس",
        "نائب",
        "وزير",
        "أمير",
        "ملك",
        "شيخ",
        "سيد",
        "سيدة",
        "جنرال",
        "لواء",
        "عميد",
        "عقيد",
        "رائد",
        "مقدم",
        "عاهل",
        "ولي",
        "عهد",
        "سفير",
        "مبعوث",
        "مستشار",
        "متحدث",
        "ناطق",
        "قائد",
        "زعيم",
        "أمين",
        "عام",
        "سابق",
        "دكتور",
        "مفتي",
        "إمام",
        "آية",
        "الله",
        "حجة",
        "رئيسة",
        "وزيرة",
        "أميرة",
        "ملكة",
        "مدير",
        "مديرة",
        "محافظ",
        "رئيس_وزراء",
        "عضو",
        "نقيب",
        "ركن",
        "طيار",
        "فريق",
        "مشير",
    ]
}
NOT_NAMES = {
    normalize(w)
    for w in [
        "حزب",
        "حركة",
        "منظمة",
        "جبهة",
        "جيش",
        "قوة",
        "قوات",
        "مجلس",
        "وزارة",
        "هيئة",
        "لجنة",
        "اتحاد",
        "جامعة",
        "شركة",
        "بنك",
        "مكتب",
        "حكومة",
        "برلمان",
        "محكمة",
        "مجموعة",
        "جماعة",
        "تنظيم",
        "كتيبة",
        "لواء",
        "فيلق",
        "شرطة",
        "جهاز",
        "دائرة",
        "مركز",
        "معهد",
        "صندوق",
        "وكالة",
        "مؤسسة",
        "رابطة",
        "نقابة",
        "جمعية",
        "تحالف",
        "ائتلاف",
        "مفوضية",
        "إدارة",
        "ديوان",
        "قصر",
        "سلطة",
        "مصلحة",
        "مدينة",
        "ولاية",
        "محافظة",
        "منطقة",
        "إقليم",
        "جزيرة",
        "بحر",
        "نهر",
        "جبل",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "دولة",
        "أمة",
        "شعب",
        "مواطن",
        "عرب",
        "مسلم",
        "مسيحي",
        "يهودي",
        "سني",
        "شيعي",
        "كردي",
        "عربي",
        "إسلامي",
        "مخيم",
        "قرية",
        "بلدة",
        "حي",
        "ميدان",
        "شارع",
    ]
}
_ROLE = re.compile(r"\[\s*([A-Z0-9]+)\s*(?:(>|<)\s*(\d{8})|(\d{8})\s*-\s*(\d{8}))?\s*\]")


def iso(d: str) -> str:
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def petrarch_entries(path: Path) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(entry, [(code, start, end)]) in dictionary order; dates ISO or ''."""
    entry: str | None = None
    roles: list[tuple[str, str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "END"]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in "\t [" and line.strip().startswith("[") and entry is not None:
            roles += parse_roles(line)
            continue
        if entry is not None:
            yield entry, roles
        entry = line.split("[")[0].strip()
        roles = parse_roles(line)


def parse_roles(line: str) -> list[tuple[str, str, str]]:
    out = []
    for code, op, one, start, end in _ROLE.findall(line):
        if op == ">":
            out.append((code, iso(one), ""))
        elif op == "<":
            out.append((code, "", iso(one)))
        else:
            out.append((code, iso(start) if start else "", iso(end) if end else ""))
    return out


def common_words() -> set[str]:
    """Frequent corpus words that are not names (``stems_ar.tsv`` minus ``names_ar.tsv``):
    lemmatised organisation entries are made of them (خارجية، جندي، قيادة)."""
    data = ROOT / "src/rasd/data"
    if not (data / "stems_ar.tsv").exists() or not (data / "names_ar.tsv").exists():
        return set()
    names = {normalize(r["name"]) for r in read_tsv(data / "names_ar.tsv")}
    return {
        normalize(r["word"])
        for r in read_tsv(data / "stems_ar.tsv")
        if int(r["count"]) >= 300 and normalize(r["word"]) not in names
    }


def clean_person(entry: str, nisbas: set[str], common: set[str], places: set[str]) -> str | None:
    words = [w for w in entry.replace("ٰ", "").strip("_ ").split("_") if w]
    while words and normalize(words[0]) in TITLES:
        words = words[1:]
    if not 2 <= len(words) <= 5:
        return None
    norm = [normalize(w) for w in words]
    if any(w in NOT_NAMES or w in TITLES for w in norm):
        return None
    if any(not is_arabic(w) for w in words):
        return None
    # Lemmatisation leaves organisations and offices with bare nisbas (حكومة_كيني_) and
    # common nouns (خارجية_بولندا_); a name does not start with a place (فنزويلا_هوغو_شافيز_).
    if any(w in nisbas or len(w) < 2 for w in norm) or norm[0] in places:
        return None
    if any(w in common or (w.startswith("ال") and w[2:] in common) for w in norm):
        return None
    return " ".join(words)


def sane(code: str, start: str, end: str, countries: set[str]) -> tuple[str, str, str] | None:
    if len(code) < 3 or code[:3] not in countries:
        return None  # undated generic codes (GOV, IGO) say nothing about who someone is
    if start and end and end < start:
        end = ""  # the end was copied from another entry: unknown
    if start.startswith("1800") or (start < "1945" and start):
        return None
    if end.startswith("1800"):
        end = ""
    if start > PETRARCH_DATE:
        return None
    # The dictionary is silent after its own date, so an open role ends there.
    return code, start, min(end, PETRARCH_DATE) if end else PETRARCH_DATE


def build_petrarch(kb: Path, countries: set[str], nisbas: set[str]) -> int:
    curated_names: set[str] = set()
    people = OUT / "people.tsv"
    if people.exists():
        for rec in read_tsv(people):
            for name in [
                rec["name_ar"],
                *rec["aliases_ar"].split("|"),
                *rec["short_ar"].split("|"),
            ]:
                if name:
                    curated_names.add(normalize(name))
    common = common_words()
    places = {
        normalize(n) for r in read_tsv(OUT / "places.tsv") for n in r["names_ar"].split("|")
    } | {normalize(n) for r in read_tsv(OUT / "countries.tsv") for n in r["aliases_ar"].split("|")}
    rows: dict[str, list[str]] = {}
    path = kb / "petrarch_ar/dictionaries/actor_dict_ar_v4.txt"
    for entry, roles in petrarch_entries(path):
        name = clean_person(entry, nisbas, common, places)
        if name is None or normalize(name) in curated_names:
            continue
        kept = [r for r in (sane(c, s, e, countries) for c, s, e in roles) if r]
        if not kept:
            continue
        for code, start, end in kept:
            key = f"{normalize(name)}\t{code}\t{start}\t{end}"
            rows.setdefault(key, [name, code[:3], code, start, end, "petrarch_ar"])
    header = ["name_ar", "country", "code", "start", "end", "source"]
    return write_tsv(
        OUT / "petrarch_ar_people.tsv",
        header,
        sorted(rows.values(), key=lambda r: (normalize(r[0]), r[3], r[2])),
        f"""Generated by scripts/build_kb.py from the Arabic PETRARCH actor dictionary
(openeventdata/UniversalPetrarch, arabic branch, MIT: licenses/petrarch_MIT.txt), cleaned:
people only, titles stripped, impossible dates dropped, open roles capped at {PETRARCH_DATE}.
One row per (name, role). People in people.tsv are left out: the curated entry wins.""",
    )


def copy_licences(kb: Path) -> None:
    LICENSES.mkdir(parents=True, exist_ok=True)
    shutil.copy(kb / "petrarch_ar/LICENSE_MIT.txt", LICENSES / "petrarch_MIT.txt")
    with open(LICENSES / "petrarch_MIT.txt", "a", encoding="utf-8") as fh:
        fh.write(
            "\n\nSources: openeventdata/UniversalPetrarch (arabic branch, a0af422b) and\n"
            "openeventdata/petrarch2 (676801cd), both MIT, (c) Open Event Data Alliance.\n"
        )


def main(kb: Path) -> None:
    n_countries, iso2_to_iso3 = build_countries(kb)
    n_places = build_places(kb, iso2_to_iso3)
    countries = set(iso2_to_iso3.values()) | {"KSV", "IGO"}
    nisbas = {
        normalize(n) for r in read_tsv(OUT / "countries.tsv") for n in r["nisba_ar"].split("|") if n
    }
    n_people = build_petrarch(kb, countries, nisbas)
    copy_licences(kb)
    print(f"countries.tsv: {n_countries} rows")
    print(f"places.tsv: {n_places} rows")
    print(f"petrarch_ar_people.tsv: {n_people} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/kb")
