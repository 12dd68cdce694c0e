"""The shipped knowledge-base tables are well formed: ids unique and resolvable, dates ISO
and ordered, codes CAMEO-shaped, every source with its licence beside it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

import pytest

from rasd.kb import files, lookup_place
from rasd.kb.index import get_kb, reset_kb

CODE = re.compile(r"^[A-Z]{3}[A-Z]*$")
SECTORS = {
    "GOV", "MIL", "SPY", "JUD", "LEG", "COP", "OPP", "REB", "CVL", "REF", "EDU", "LAB",
    "BUS", "MED", "HLH", "REL",
}  # fmt: skip


@pytest.fixture(autouse=True, scope="module")
def _no_user_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The shipped tables only: a user's own KB files must not change these answers."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RASD_KB_DIR", str(tmp_path_factory.mktemp("empty-kb")))
        reset_kb()
        yield
    reset_kb()


def test_kb_data_people_ids_are_unique_and_roles_point_at_records() -> None:
    people = files.read_people()
    ids = [p.id for p in people]
    assert len(ids) == len(set(ids))
    known = set(ids) | {e.id for e in files.read_entities()}
    roles = files.read_roles()
    assert set(roles) <= known, set(roles) - known
    assert len(people) >= 500  # heads of state and government, ministers, security chiefs


def test_kb_data_roles_have_iso_dates_in_order_and_cameo_codes() -> None:
    for rid, roles in files.read_roles().items():
        for role in roles:
            assert CODE.match(role.code), (rid, role)
            assert role.start, (rid, role)  # a curated role always has a start
            assert not role.end or role.end >= role.start, (rid, role)


def test_kb_data_every_person_has_an_arabic_name_and_a_country() -> None:
    for person in files.read_people():
        assert re.search("[\u0600-\u06ff]", person.name_ar), person.id
        assert person.country, person.id
        assert len(person.country) == 3, person.id


def test_kb_data_countries_have_codes_names_and_nisbas() -> None:
    countries = files.read_countries()
    assert len(countries) >= 249
    by_iso = {c.record.country: c for c in countries}
    assert by_iso["RUS"].record.id == "Q159"
    assert "روسي" in by_iso["RUS"].nisba
    assert "أمريكي" in by_iso["USA"].nisba
    assert by_iso["MLI"].nisba == []  # مالي is "financial"
    assert all(c.record.code and len(c.record.code) == 3 for c in countries)


def test_kb_data_agents_use_known_sectors() -> None:
    for agent in files.read_agents():
        assert agent.sector in SECTORS, agent
        assert agent.type in ("PER", "ORG", "NORP"), agent


def test_kb_data_metonyms_point_at_records() -> None:
    kb = get_kb()
    for met in files.read_metonyms():
        assert met.target in kb.records, met


@pytest.mark.parametrize(
    "licence",
    [
        "countries_ODbL.txt",
        "geonames_SOURCE_CC-BY-4.0.txt",
        "petrarch_MIT.txt",
        "cldr_babel_Unicode-3.0_BSD-3.txt",
    ],
)
def test_kb_data_each_source_ships_its_licence(licence: str) -> None:
    path = resources.files("rasd.data").joinpath("licenses", licence)
    assert path.is_file()
    assert len(path.read_text(encoding="utf-8")) > 500


def test_kb_gazetteer_ordinary_words_are_not_places() -> None:
    # GeoNames lists these as towns' Arabic names; in news they are "the city", "a state".
    for word in ("مدينة", "المدينة", "دولة", "الثورة", "بلد"):
        assert lookup_place(word) is None, word
    medina = lookup_place("المدينة المنورة")
    assert medina is not None
    assert medina.country == "SAU"
    kirkuk = lookup_place("كركوك")
    assert kirkuk is not None
    assert kirkuk.country == "IRQ"
