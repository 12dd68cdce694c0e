"""The compiled knowledge base: aliases, nisbas, dated roles, user files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.kb.files import KnowledgeBaseError
from rasd.kb.index import build, get_kb, inflect_nisba, reset_kb
from rasd.kb.model import Record, Role, alias_key


@pytest.fixture(autouse=True, scope="module")
def _no_user_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The shipped tables only: a user's own KB files must not change these answers."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RASD_KB_DIR", str(tmp_path_factory.mktemp("empty-kb")))
        reset_kb()
        yield
    reset_kb()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("عبد الله", "عبدالله"),
        ("أبو ظبي", "أبوظبي"),
        ("إيران", "ايران"),
        ("الولايات المتحدة", "الولايات  المتحدة"),
        ("#خان_يونس", "خان يونس"),
        ("«الكرملين»", "الكرملين"),
    ],
)
def test_kb_alias_key_equates_spellings(a: str, b: str) -> None:
    assert alias_key(a) == alias_key(b)


def test_kb_inflect_nisba_gives_every_form() -> None:
    forms = {alias_key(f) for f in inflect_nisba("روسي")}
    for form in ("روسي", "الروسي", "الروسية", "روسيون", "الروسيين", "الروسيات", "الروسيتان"):
        assert alias_key(form) in forms
    two = {alias_key(f) for f in inflect_nisba("كوري جنوبي")}
    assert alias_key("الكورية الجنوبية") in two


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("الروسي", "RUS"),
        ("الروس", "RUS"),
        ("الأمريكيين", "USA"),
        ("الأميركية", "USA"),
        ("البريطاني", "GBR"),
        ("السعوديين", "SAU"),
        ("والإيرانية", "IRN"),
        ("الأتراك", "TUR"),
        ("المغاربة", "MAR"),
    ],
)
def test_kb_nisba_names_its_country(word: str, iso3: str) -> None:
    assert get_kb().nisba(word) == iso3


def test_kb_ambiguous_words_are_no_nisba() -> None:
    kb = get_kb()
    assert kb.nisba("المالي") is None  # financial, not Malian
    assert kb.nisba("القمري") is None  # lunar, not Comorian


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("إبراهيم رئيسي", "2020-01-01", "IRNJUD"),  # head of the judiciary
        ("إبراهيم رئيسي", "2022-11-13", "IRNGOV"),  # president
        ("إبراهيم رئيسي", "2024-12-01", "IRNELI"),  # after his death: no office
        ("فلاديمير بوتين", "2010-06-01", "RUSGOV"),  # prime minister
        ("نيكولاي باتروشيف", "2022-11-13", "RUSGOV"),  # security council secretary
        ("مايك بومبيو", "2018-03-13", "USASPY"),  # still CIA director
        ("مايك بومبيو", "2018-05-03", "USAGOV"),  # secretary of state
        ("باراك أوباما", "2018-01-01", "USAELI"),
    ],
)
def test_kb_actor_code_is_the_one_valid_on_the_date(name: str, date: str, code: str) -> None:
    kb = get_kb()
    (hit,) = [h for h in kb.lookup(name) if kb.records[h.id].kind == "person"]
    assert kb.records[hit.id].code_on(date)[0] == code


def test_kb_person_not_yet_in_office_has_no_code() -> None:
    rec = Record("x", "PER", "person", "X", roles=[Role("president", "UKRGOV", "2019-05-20")])
    assert rec.code_on("2015-01-01") == (None, None)


def test_kb_holder_of_an_office_on_a_date() -> None:
    kb = get_kb()
    assert kb.holder("USA", "president", "2018-06-01") == "Q22686"
    assert kb.holder("IRN", "foreign_minister", "2018-06-01") == "rasd:p/mohammad-javad-zarif"
    # The day one president leaves and the next comes in: the newcomer.
    assert kb.holder("IRQ", "president", "2018-10-02") == "rasd:p/barham-salih"


def test_kb_capital_is_a_metonym_of_its_government() -> None:
    kb = get_kb()
    met = kb.metonym(alias_key("موسكو"), "2022-01-01")
    assert met is not None
    assert met.target == "gov:RUS"
    assert kb.records["gov:RUS"].code == "RUSGOV"
    # Sanaa acting is the Houthis once they hold it.
    houthi = kb.metonym(alias_key("صنعاء"), "2018-01-01")
    assert houthi is not None
    assert houthi.target == "rasd:o/houthis"


def test_kb_candidates_strip_proclitics() -> None:
    kb = get_kb()
    key, hits = kb.candidates("والولايات المتحدة")
    assert key == alias_key("الولايات المتحدة")
    assert "Q30" in {h.id for h in hits}
    assert "Q649" in {h.id for h in kb.candidates("لموسكو")[1]}


def test_kb_user_files_add_records_and_roles(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text(
        json.dumps(
            {
                "id": "my:1",
                "type": "PER",
                "name": "Someone Local",
                "name_ar": "فلان الفلاني",
                "country": "TUN",
                "roles": [{"role": "governor", "code": "TUNGOV", "start": "2016-01-01"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "roles.tsv").write_text(
        "id\trole\tcode\tstart\tend\tsource\tnote\n"
        "Q7747\tjudo_federation\tRUSCVL\t2020-01-01\t2030-01-01\tuser\t\n",
        encoding="utf-8",
    )
    kb = build([tmp_path])
    (hit,) = kb.lookup("فلان الفلاني")
    assert kb.records[hit.id].code_on("2017-01-01")[0] == "TUNGOV"
    assert any(r.role == "judo_federation" for r in kb.records["Q7747"].roles)
    # A curated role still wins on a day both hold.
    assert kb.records["Q7747"].code_on("2022-01-01")[0] == "RUSGOV"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.tsv", "what\never\n1\t2\n", "header"),
        ("bad.jsonl", "{not json\n", "bad JSON"),
        ("dates.tsv", "id\trole\tcode\tstart\tend\nX\tr\tTUNGOV\t2020\t\n", "ISO date"),
        (
            "order.tsv",
            "id\trole\tcode\tstart\tend\nX\tr\tTUNGOV\t2020-01-02\t2020-01-01\n",
            "before",
        ),
    ],
)
def test_kb_bad_user_files_say_what_is_wrong(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        build([tmp_path])
