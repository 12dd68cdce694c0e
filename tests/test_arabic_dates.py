"""Absolute dates with spans: ``find_dates``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.dates import MONTHS, find_dates, month_number

PROPERTY = settings(max_examples=200, deadline=None)
DIGIT_SETS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")


def digits(value: int, digit_set: str, width: int = 0) -> str:
    return str(value).zfill(width).translate(str.maketrans("0123456789", digit_set))


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # MSA month names, Arabic comma before the year.
        ("13 نوفمبر، 2022", "2022-11-13"),
        ("13 نوفمبر 2022", "2022-11-13"),
        ("13 نوفمبر 2022م", "2022-11-13"),
        ("13 نوفمبر عام 2022", "2022-11-13"),
        ("الأحد، 13 نوفمبر 2022", "2022-11-13"),
        ("الاثنين 5 من شهر أيار عام 2021", "2021-05-05"),
        ("1 أبريل 2020", "2020-04-01"),
        ("1 إبريل 2020", "2020-04-01"),
        ("1 ابريل 2020", "2020-04-01"),
        ("10 يونيه 2020", "2020-06-10"),
        # Slash form news agencies use, in Arabic-Indic digits.
        ("٢٤ شباط/فبراير ٢٠٢٢", "2022-02-24"),
        ("24 تشرين الثاني/نوفمبر 2022", "2022-11-24"),
        # Levantine and Iraqi names.
        ("12 تشرين الثاني 2022", "2022-11-12"),
        ("1 كانون الثاني 2023", "2023-01-01"),
        ("25 كانون الأول 2021", "2021-12-25"),
        ("5 آب 2020", "2020-08-05"),
        ("9 نيسان 2003", "2003-04-09"),
        # Maghrebi and Moroccan names.
        ("18 جانفي 2017", "2017-01-18"),
        ("14 فيفري 2011", "2011-02-14"),
        ("5 جوان 2019", "2019-06-05"),
        ("5 جويلية 1962", "1962-07-05"),
        ("20 أوت 1955", "1955-08-20"),
        ("3 يوليوز 2023", "2023-07-03"),
        ("8 غشت 2020", "2020-08-08"),
        ("6 نونبر 1975", "1975-11-06"),
        ("11 دجنبر 2019", "2019-12-11"),
        # Eastern (Persian) digits.
        ("۱۳ نوفمبر ۲۰۲۲", "2022-11-13"),
        # Numeric forms.
        ("2022-11-13", "2022-11-13"),
        ("٢٠٢٢-١١-١٣", "2022-11-13"),
        ("2022/11/13", "2022-11-13"),
        ("الأحد 13/11/2022", "2022-11-13"),
        ("13-11-2022", "2022-11-13"),
        ("13.11.2022", "2022-11-13"),
    ],
)
def test_dates_day_precision(text: str, iso: str) -> None:
    (found,) = find_dates(text)
    assert (found.iso, found.precision) == (iso, "day")
    assert found.value == dt.date.fromisoformat(iso)
    assert (found.start, found.end, found.text) == (0, len(text), text)


@pytest.mark.parametrize(
    ("text", "matched", "iso"),
    [
        ("في نوفمبر 2022", "نوفمبر 2022", "2022-11"),
        ("منذ كانون الأول 2021", "كانون الأول 2021", "2021-12"),
        ("خلال شباط/فبراير 2022", "شباط/فبراير 2022", "2022-02"),
        ("في جوان، 2019", "جوان، 2019", "2019-06"),
    ],
)
def test_dates_month_precision(text: str, matched: str, iso: str) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.iso, found.precision) == (matched, iso, "month")
    assert found.value == dt.date.fromisoformat(iso + "-01")
    assert text[found.start : found.end] == matched


@pytest.mark.parametrize("text", ["13 نوفمبر", "يوم 13 نوفمبر الجاري", "الأحد 24 شباط/فبراير"])
def test_dates_without_year_need_default_year(text: str) -> None:
    assert find_dates(text) == []
    (found,) = find_dates(text, default_year=2022)
    assert found.value.year == 2022
    assert found.precision == "day"


def test_dates_default_year_does_not_override_written_year() -> None:
    (found,) = find_dates("13 نوفمبر 2021", default_year=2022)
    assert found.iso == "2021-11-13"


@pytest.mark.parametrize(
    "text",
    [
        # Impossible days and months.
        "31 شباط 2022",
        "30 فبراير 2022",
        "0 نوفمبر 2022",
        "32 يناير 2022",
        "30/02/2022",
        "2022-13-01",
        "2022-02-30",
        # A slash form naming two different months is not a date.
        "24 شباط/مارس 2022",
        # Month names inside other words.
        "مارسيليا 2022",
        "ذهب إلى مارسيليا في 2022",
        "مايوركا 2019",
        "يمارس الضغط منذ 2022",
        "حفر آبار 2020",
        # No month at all.
        "قتل 13 شخصا عام 2022",
    ],
)
def test_dates_rejects_non_dates(text: str) -> None:
    assert find_dates(text) == []
    assert find_dates(text, default_year=2022) == []


def test_dates_finds_several_in_order_with_spans() -> None:
    text = "وصل في 13 نوفمبر، 2022 إلى بغداد، بعد زيارة في 5 آب 2020 وأخرى في نوفمبر 2019."
    found = find_dates(text)
    assert [(m.text, m.iso, m.precision) for m in found] == [
        ("13 نوفمبر، 2022", "2022-11-13", "day"),
        ("5 آب 2020", "2020-08-05", "day"),
        ("نوفمبر 2019", "2019-11", "month"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


# The slash form without a year must not swallow the whitespace (or line break) after it.
@pytest.mark.parametrize(
    "text",
    ["في 24 شباط/فبراير وسلسلة الانتكاسات", "في 24 شباط/فبراير\nثم", "في 24 شباط - فبراير الماضي"],
)
def test_dates_span_ends_at_the_date(text: str) -> None:
    (found,) = find_dates(text, default_year=2022)
    assert found.iso == "2022-02-24"
    assert found.text == found.text.strip()


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("تشرين الثاني", 11),
        ("تشرين  الثاني", 11),
        ("أبريل", 4),
        ("ابريل", 4),
        ("يونية", 6),
        ("آذار", 3),
        ("اذار", 3),
        ("يوليوز", 7),
        ("ماي", 5),
        ("فبراير", 2),
        ("الأحد", None),
        ("", None),
    ],
)
def test_dates_month_number(name: str, number: int | None) -> None:
    assert month_number(name) == number


@pytest.mark.shared
def test_dates_on_seed_article(seed_text: str, seed_gold: dict[str, Any]) -> None:
    published = seed_gold["article"]["published"]
    assert (published, "day") in {(m.iso, m.precision) for m in find_dates(seed_text)}
    # "منذ بدء الغزو الروسي لأوكرانيا في 24 شباط/فبراير" has no year: it takes the article's.
    found = find_dates(seed_text, default_year=int(published[:4]))
    assert ("24 شباط/فبراير", "2022-02-24") in {(m.text, m.iso) for m in found}


@PROPERTY
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.data(),
    st.sampled_from(DIGIT_SETS),
)
def test_dates_any_spelling_any_digits_round_trips(
    date: dt.date, data: Any, digit_set: str
) -> None:
    names = [name for name, number in MONTHS if number == date.month]
    name = data.draw(st.sampled_from(names))
    text = f"في {digits(date.day, digit_set)} {name} {digits(date.year, digit_set)} وقع الحادث"
    (found,) = find_dates(text)
    assert (found.value, found.precision) == (date, "day")
    assert found.iso == date.isoformat()


@PROPERTY
@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(DIGIT_SETS),
)
def test_dates_numeric_forms_round_trip(date: dt.date, digit_set: str) -> None:
    d, m, y = (
        digits(date.day, digit_set, 2),
        digits(date.month, digit_set, 2),
        digits(date.year, digit_set),
    )
    for text in (f"{y}-{m}-{d}", f"{d}/{m}/{y}"):
        (found,) = find_dates(text)
        assert found.value == date


@PROPERTY
@given(st.text(), st.integers(min_value=1, max_value=9999))
def test_dates_spans_are_inside_text(text: str, year: int) -> None:
    previous_end = 0
    for m in find_dates(text, default_year=year):
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.precision in {"day", "month"}
        previous_end = m.end


# ``find_times`` (times.py) finds the same absolute dates in running text, with the same
# values, so the date line read by the extractor and the body agree.
@pytest.mark.parametrize(
    "text",
    [
        "13 نوفمبر، 2022",
        "الأحد 13/11/2022",
        "٢٤ شباط/فبراير ٢٠٢٢",
        "في 5 جويلية 1962 أعلن",
        "وصل في 13 نوفمبر، 2022 إلى بغداد، بعد زيارة في 5 آب 2020 وأخرى في نوفمبر 2019.",
    ],
)
def test_dates_agree_with_find_times(text: str) -> None:
    from rasd.arabic.times import find_times

    times = find_times(text, dt.date(2022, 11, 13))
    for m in find_dates(text):
        covering = [t for t in times if t.start <= m.start and m.end <= t.end]
        assert covering, m
        assert covering[0].value == m.iso
