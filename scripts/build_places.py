"""Build ``src/rasd/data/places_ar.tsv``: Arabic names of countries and cities.

Sources (both copied into the package with their licences, see NOTICE):
- countries: mledoze/countries ``countries_ar.tsv`` (ODbL 1.0)
- cities: GeoNames ``cities15000`` Arabic-script alternate names (CC BY 4.0)

Run: ``python scripts/build_places.py [../shared/data/kb]``. The output is sorted and
deterministic so a rebuild shows as a reviewable diff.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/rasd/data/places_ar.tsv"
LICENSES = ROOT / "src/rasd/data/licenses"
ARABIC = range(0x0600, 0x0700)


def is_arabic(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    # Persian/Urdu-only spellings (پ چ ژ گ ی ک) are left out: they are not Arabic news spellings.
    return (
        bool(letters)
        and all(ord(c) in ARABIC for c in letters)
        and not any(c in "پچژگیکۆەێڵڕ" for c in name)
    )


def main(kb: Path) -> None:
    rows: dict[tuple[str, str], tuple[str, str, str, int]] = {}
    iso3: dict[str, str] = {}
    with open(kb / "countries/countries_ar.tsv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            iso3[rec["cca2"]] = rec["cca3"]
            for name in {rec["name_ar_common"], rec["name_ar_official"]}:
                if name and is_arabic(name) and len(name.split()) <= 3:
                    rows[(name, rec["cca3"])] = (name, "country", rec["cca3"], 0)
    with open(kb / "geonames/cities15000_arabic_script_names.tsv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            for alternate in rec["arabic_script_alternatenames"].split("|"):
                name = alternate.strip()
                if name and is_arabic(name) and len(name.split()) <= 3:
                    country = iso3.get(rec["country_code"], rec["country_code"])
                    key = (name, country)
                    pop = int(rec["population"] or 0)
                    if key not in rows or rows[key][3] < pop:
                        rows[key] = (name, "city", country, pop)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("name\tkind\tcountry\tpopulation\n")
        for name, kind, country, pop in sorted(rows.values()):
            fh.write(f"{name}\t{kind}\t{country}\t{pop}\n")
    LICENSES.mkdir(parents=True, exist_ok=True)
    shutil.copy(kb / "countries/LICENSE_ODbL.txt", LICENSES / "countries_ODbL.txt")
    shutil.copy(kb / "geonames/SOURCE.txt", LICENSES / "geonames_SOURCE_CC-BY-4.0.txt")
    print(f"wrote {len(rows)} names to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/kb")
