"""Date and time expressions resolved against the publication date: ``find_times``.

The table test scores ``tests/data/time_expressions.tsv`` (real expressions from ANT
articles and the seed, annotated by hand) and asserts a floor a little below the measured
accuracy; ``bench/times.py --table --failures`` prints it by category with every failure.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic import hijri
from rasd.arabic.times import TimeStage, find_times
from rasd.document import Document, Source, TimeExpression
from rasd.pipeline import Pipeline, Stage

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import times as bench_times  # noqa: E402  (bench/ is not a package)

SUNDAY = dt.date(2022, 11, 13)  # the seed article's publication date
PROPERTY = settings(max_examples=300, deadline=None)


def one(text: str, published: dt.date | None = SUNDAY) -> TimeExpression:
    (found,) = find_times(text, published)
    return found


# --- The annotated table ----------------------------------------------------------------

# Measured 96.2% (330/343) when the floor was set; 57 held-out rows scored 93.0% before
# the fixes that followed them. Raise the floor when the score rises; never lower it to
# make a change pass.
TABLE_FLOOR = 0.93


def test_times_table_accuracy_floor() -> None:
    rows = bench_times.read_table()
    assert len(rows) >= 150
    report = bench_times.score(rows)
    failures = "\n".join(report.failures)
    assert report.accuracy >= TABLE_FLOOR, (
        f"accuracy {report.accuracy:.1%} < {TABLE_FLOOR:.0%}:\n{failures}"
    )
    # Every expression of the reference article is right.
    ok, n = report.by_category["seed"]
    assert ok == n, failures


def test_times_table_rows_are_well_formed() -> None:
    rows = bench_times.read_table()
    categories = {r.category for r in rows}
    assert {"weekday", "relative-day", "hijri", "clock", "maghrebi", "moroccan"} <= categories
    for r in rows:
        assert r.expression in r.context, r
        assert len(r.context) <= 60, r  # snippets only: article text is the outlets'
        assert r.precision in {"day", "week", "month", "year", "range", "time"}, r
        dt.date.fromisoformat(r.published)
        if r.precision in {"day", "week", "range", "time"}:
            dt.date.fromisoformat(r.value)
        if r.until:
            assert dt.date.fromisoformat(r.until) >= dt.date.fromisoformat(r.value[:10]), r


@pytest.mark.shared
def test_times_table_contexts_come_from_the_seed(seed_text: str) -> None:
    flat = " ".join(seed_text.split())
    for r in bench_times.read_table():
        if r.source.startswith("seed:"):
            assert " ".join(r.context.split()) in flat


# --- Behaviour, case by case --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "until", "precision"),
    [
        # The reference article (Sunday 2022-11-13).
        ("أجرى بوتين اتصالا هاتفيا السبت بنظيره", "2022-11-12", None, "day"),
        ("وزار هذا الأسبوع سكرتير مجلس الأمن", "2022-11-07", "2022-11-13", "week"),
        ("قمة مجموعة العشرين الأسبوع المقبل", "2022-11-14", "2022-11-20", "week"),
        ("منذ 24 شباط/فبراير", "2022-02-24", "2022-11-13", "range"),
        ("في مطلع تشرين الثاني/نوفمبر", "2022-11-01", "2022-11-10", "range"),
        # Relative days.
        ("أمس", "2022-11-12", None, "day"),
        ("أول أمس", "2022-11-11", None, "day"),
        ("أول من أمس", "2022-11-11", None, "day"),
        ("اليوم", "2022-11-13", None, "day"),
        ("صباح اليوم", "2022-11-13", None, "day"),
        ("غداً", "2022-11-14", None, "day"),
        ("بعد غد", "2022-11-15", None, "day"),
        ("الليلة", "2022-11-13", None, "day"),
        ("الليلة الماضية", "2022-11-12", None, "day"),
        # A written weekday beats the timestamp's day ("أمس الجمعة" filed a day late).
        ("أمس الجمعة", "2022-11-11", None, "day"),
        # Weekdays: the most recent one, unless a marker or a future verb says otherwise.
        ("الأحد", "2022-11-13", None, "day"),
        ("الأحد الماضي", "2022-11-06", None, "day"),
        ("الأحد المقبل", "2022-11-20", None, "day"),
        ("سيزور الوزير طهران الثلاثاء", "2022-11-15", None, "day"),
        ("يوم الجمعة القادم", "2022-11-18", None, "day"),
        # Units.
        ("الشهر الماضي", "2022-10", None, "month"),
        ("الشهر الجاري", "2022-11", None, "month"),
        ("العام الماضي", "2021", None, "year"),
        ("للعام المقبل", "2023", None, "year"),
        ("هذا العام", "2022", None, "year"),
        ("الأسبوع الماضي", "2022-10-31", "2022-11-06", "week"),
        # Durations: number words, digits, duals.
        ("منذ ثلاثة أيام", "2022-11-10", None, "day"),
        ("قبل يومين", "2022-11-11", None, "day"),
        ("منذ ١٢ يوما", "2022-11-01", None, "day"),
        ("قبل أسبوع", "2022-10-31", "2022-11-06", "week"),  # Sunday 6 Nov: previous ISO week
        ("قبل شهرين", "2022-09", None, "month"),
        ("منذ 11 عاما", "2011", None, "year"),
        # Windows.
        ("خلال الأيام الماضية", "2022-11-06", "2022-11-13", "range"),
        ("خلال الـ24 ساعة الماضية", "2022-11-12", "2022-11-13", "range"),
        ("خلال الأسبوعين الماضيين", "2022-10-30", "2022-11-13", "range"),
        # Day ranges and month parts.
        ("بين 3 و5 مايو", "2022-05-03", "2022-05-05", "range"),
        ("من 3 إلى 5 مايو 2021", "2021-05-03", "2021-05-05", "range"),
        ("من 28 فبراير إلى 3 مارس 2018", "2018-02-28", "2018-03-03", "range"),
        ("منتصف أيار/مايو الماضي", "2022-05-11", "2022-05-20", "range"),
        ("أواخر الشهر الماضي", "2022-10-21", "2022-10-31", "range"),
        ("نهاية العام المقبل", "2023-09-01", "2023-12-31", "range"),
        ("بين عامي 2014 و2015", "2014-01-01", "2015-12-31", "range"),
        # Years.
        ("في عام 2014", "2014", None, "year"),
        ("في 2011", "2011", None, "year"),
        ("منذ عام 2011", "2011-01-01", "2022-11-13", "range"),
        # Regional month names, with and without years.
        ("18 جانفي 2017", "2017-01-18", None, "day"),
        ("5 جويلية 1962", "1962-07-05", None, "day"),
        ("20 أوت 1955", "1955-08-20", None, "day"),
        ("6 نونبر 1975", "1975-11-06", None, "day"),
        ("11 دجنبر 2019", "2019-12-11", None, "day"),
        ("24 تشرين الثاني/نوفمبر 2021", "2021-11-24", None, "day"),
        ("١٣ نوفمبر ٢٠٢٢", "2022-11-13", None, "day"),
        ("غرة فيفري 2017", "2017-02-01", None, "day"),
        ("الرابع من يوليو 2018", "2018-07-04", None, "day"),
        ("شهر سبتمبر من العام الماضي", "2021-09", None, "month"),
        ("في مايو أيار", "2022-05", None, "month"),
        # Without a year: the most recent past occurrence, unless soon or marked future.
        ("في 24 شباط", "2022-02-24", None, "day"),
        ("في 20 نوفمبر", "2022-11-20", None, "day"),
        ("في 5 ديسمبر الماضي", "2021-12-05", None, "day"),
        ("في 10 أكتوبر المقبل", "2023-10-10", None, "day"),
        ("في 15 من الشهر الجاري", "2022-11-15", None, "day"),
        # Seasons and numeric dates.
        ("صيف العام الماضي", "2021-06-01", "2021-08-31", "range"),
        ("13/11/2022", "2022-11-13", None, "day"),
    ],
)
def test_times_resolves(text: str, value: str, until: str | None, precision: str) -> None:
    found = one(text)
    assert (found.value, found.until, found.precision) == (value, until, precision)


@pytest.mark.parametrize(
    ("text", "value", "time", "tz"),
    [
        ("الساعة 10:30 بتوقيت مكة", "2022-11-13", "10:30", "+03:00"),
        ("العاشرة صباحا", "2022-11-13", "10:00", None),
        ("العاشرة من صباح اليوم", "2022-11-13", "10:00", None),
        ("الساعة الثالثة بعد الظهر", "2022-11-13", "15:00", None),
        ("الساعة الواحدة ليلا", "2022-11-13", "01:00", None),
        ("الساعة الخامسة والنصف مساء", "2022-11-13", "17:30", None),
        ("الساعة التاسعة إلا ربعا صباحا", "2022-11-13", "08:45", None),
        ("عند الساعة 1800 بتوقيت غرينتش", "2022-11-13", "18:00", "+00:00"),
        ("(07,00 ت غ)", "2022-11-13", "07:00", "+00:00"),
        ("10:30 GMT", "2022-11-13", "10:30", "+00:00"),
        ("الساعة 13:15 بالتوقيت المحلي", "2022-11-13", "13:15", "local"),
        ("السبت الساعة 17:08 بتوقيت غرينتش", "2022-11-12", "17:08", "+00:00"),
        ("مساء الاثنين عند الساعة الثامنة", "2022-11-07", "20:00", None),
        # Summer time: Beirut is +03:00 in July, +02:00 in November.
        ("الساعة 9:00 بتوقيت بيروت يوم 5 يوليو 2022", "2022-07-05", "09:00", "+03:00"),
        ("الساعة 9:00 بتوقيت بيروت", "2022-11-13", "09:00", "+02:00"),
    ],
)
def test_times_clock(text: str, value: str, time: str, tz: str | None) -> None:
    found = one(text)
    assert (found.value, found.precision, found.time, found.tz) == (value, "time", time, tz)


@pytest.mark.parametrize(
    ("text", "value", "until", "precision"),
    [
        # Umm al-Qura gives 2022-11-08 for 14 Rabi' al-Akhir 1444; tabular: ±1 day.
        ("الخميس 14 ربيع الآخر 1444 هـ", "2022-11-08", None, "day"),
        ("١٠ شوال ١٤٣٩ هـ", "2018-06-24", None, "day"),
        ("6 جمادى الآخرة 1439هـ", "2018-02-22", None, "day"),
        ("رمضان 1439 هـ", "2018-05-17", "2018-06-14", "range"),
        ("شهر رمضان الماضي", "2022-04-02", "2022-05-01", "range"),
        ("عام 1444 هـ", "2022-07-30", "2023-07-18", "range"),
    ],
)
def test_times_hijri(text: str, value: str, until: str | None, precision: str) -> None:
    found = one(text)
    assert found.calendar == "hijri"
    assert found.precision == precision
    assert abs((dt.date.fromisoformat(found.value or "") - dt.date.fromisoformat(value)).days) <= 1
    if until:
        assert found.until is not None
        assert abs((dt.date.fromisoformat(found.until) - dt.date.fromisoformat(until)).days) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "مارس الضغط على الحكومة",  # a verb, not March
        "رجب طيب أردوغان",  # a name, not the month Rajab
        "فاز برشلونة 3 صفر",  # a score, not Safar
        "قالت ماي إن بريطانيا",  # Theresa May, not Maghrebi May
        "تطبيق واتس آب",  # not August
        "بلغ 1.25 دولار",  # a price, not 1:25
        "قتل 2014 شخصا",  # a count, not a year
        "في اليوم التالي",  # relative to an event, not to publication
        "في مثل هذا اليوم",
        "قبل يومين من الانتخابات",  # two days before the elections, not before today
        "أيام الجمعة",  # every Friday
        "حصل على المركز الثانية",
    ],
)
def test_times_rejects(text: str) -> None:
    assert find_times(text, SUNDAY) == []


def test_times_spans_map_back_through_diacritics() -> None:
    text = "أجرى اتصالًا هاتفيًا يومَ السبتِ، وغدًا يزور"
    found = find_times(text, SUNDAY)
    assert [t.text for t in found] == ["يومَ السبتِ", "غدًا"]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.value for t in found] == ["2022-11-12", "2022-11-14"]


def test_times_without_publication_date_keep_spans() -> None:
    found = find_times("وصل أمس، وفي 13 نوفمبر 2022 غادر", None)
    assert [(t.text, t.value) for t in found] == [("أمس", None), ("13 نوفمبر 2022", "2022-11-13")]
    assert found[0].relative
    assert not found[1].relative


def test_times_relative_flag() -> None:
    absolute, inferred, weekday = find_times("13 نوفمبر 2021 و5 مايو والسبت", SUNDAY)
    assert not absolute.relative
    assert inferred.relative
    assert weekday.relative


def test_times_on_seed_article(seed_text: str) -> None:
    found = {t.text: t for t in find_times(seed_text, SUNDAY)}
    assert found["السبت"].value == "2022-11-12"
    week = found["هذا الأسبوع"]
    assert (week.value, week.until) == ("2022-11-07", "2022-11-13")
    assert found["24 شباط/فبراير"].value == "2022-02-24"


# --- The stage ----------------------------------------------------------------------------


def test_times_stage_follows_the_protocol() -> None:
    stage = TimeStage()
    assert isinstance(stage, Stage)
    assert stage.name == "times"
    assert stage.requires == frozenset({"text", "published"})
    assert stage.provides == frozenset({"times"})
    pipeline = Pipeline([stage], given={"raw", "source", "text", "published"})
    assert "times" in pipeline.provides


def test_times_stage_fills_document() -> None:
    doc = Document(id="x", source=Source(format="text"), raw="", text="وصل أمس إلى بغداد")
    doc.published = "2022-11-13"
    out = TimeStage().process(doc)
    assert [(t.text, t.value) for t in out.times] == [("أمس", "2022-11-12")]
    assert Document.from_dict(out.to_dict()).times == out.times


@pytest.mark.parametrize("published", [None, "", "not a date"])
def test_times_stage_without_usable_date(published: str | None) -> None:
    doc = Document(id="x", source=Source(format="text"), raw="", text="وصل أمس في 5 مايو 2020")
    doc.published = published
    out = TimeStage().process(doc)
    assert [t.value for t in out.times] == [None, "2020-05-05"]


# --- Hijri conversion ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hijri_date", "gregorian"),
    [
        ((1444, 1, 1), dt.date(2022, 7, 30)),
        ((1439, 10, 10), dt.date(2018, 6, 24)),
        ((1439, 6, 6), dt.date(2018, 2, 22)),
        ((1438, 9, 20), dt.date(2017, 6, 15)),
        ((1, 1, 1), dt.date(622, 7, 19)),  # Julian 16 July 622 in the proleptic Gregorian
    ],
)
def test_hijri_to_gregorian(hijri_date: tuple[int, int, int], gregorian: dt.date) -> None:
    assert abs((hijri.to_gregorian(*hijri_date) - gregorian).days) <= 1


@PROPERTY
@given(st.dates(min_value=dt.date(700, 1, 1), max_value=dt.date(2500, 12, 31)))
def test_hijri_round_trips(date: dt.date) -> None:
    year, month, day = hijri.from_gregorian(date)
    assert 1 <= day <= hijri.month_length(year, month)
    assert hijri.to_gregorian(year, month, day) == date


@pytest.mark.parametrize("bad", [(1444, 13, 1), (1444, 0, 1), (1444, 1, 31), (0, 1, 1)])
def test_hijri_rejects_impossible_dates(bad: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="no Hijri date"):
        hijri.to_gregorian(*bad)


# --- Properties ---------------------------------------------------------------------------

ARABIC_BITS = st.sampled_from(
    [
        "أمس",
        " ",
        "السبت",
        "منذ",
        "13",
        "٢٤",
        "نوفمبر",
        "شباط/فبراير",
        "الساعة",
        "10:30",
        "بتوقيت",
        "مكة",
        "هـ",
        "رمضان",
        "1444",
        "ً",
        "ـ",
        "بين",
        "و",
        "الماضي",
        "مطلع",
        "،",
        "\n",
    ]
)


def _check_spans(text: str, found: list[TimeExpression]) -> None:
    previous_end = 0
    for t in found:
        assert previous_end <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.precision in {"day", "week", "month", "year", "range", "time"}
        previous_end = t.end


@PROPERTY
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_times_any_text_no_exception_spans_inside(text: str, published: Any) -> None:
    _check_spans(text, find_times(text, published))


@PROPERTY
@given(st.lists(ARABIC_BITS, max_size=30).map("".join), st.dates())
def test_times_arabic_fragments_no_exception_spans_inside(text: str, published: dt.date) -> None:
    _check_spans(text, find_times(text, published))
