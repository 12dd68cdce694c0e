"""Numbers in digits and Arabic words: ``find_numbers`` and ``NumberStage``."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.numbers import NumberStage, find_numbers
from rasd.document import Document, Source
from rasd.pipeline import Pipeline

PROPERTY = settings(max_examples=300, deadline=None)
ANT = Path(__file__).resolve().parents[2] / "shared/data/news/ant/ant_v2.1_multisource.jsonl.gz"

# (text, [(number as written, value), …]). Phrases are written for the tests in the style of
# the ANT articles; each expected span text is checked against the offsets too.
CASES: list[tuple[str, list[tuple[str, float]]]] = [
    # Digits: three scripts, grouping and decimal marks.
    ("قتل 1,245 شخصا في الزلزال", [("1,245", 1245)]),
    ("سقط ١٬٢٤٥ قتيلا", [("١٬٢٤٥", 1245)]),
    ("ارتفع المؤشر 3.5 نقطة", [("3.5", 3.5)]),
    ("بلغ العجز ٣٫٥ مليار دولار", [("٣٫٥ مليار", 3.5e9)]),
    ("في عام ۱۴۰۱ الشمسي", [("۱۴۰۱", 1401)]),
    ("بقيمة 1.245.000 يورو", [("1.245.000", 1245000)]),
    ("نمو بنسبة 2,5 مليون", [("2,5 مليون", 2.5e6)]),
    ("في عام 2022م", [("2022", 2022)]),
    ("خلال 30 ثانية فقط", [("30", 30)]),
    # Percentages keep the number; the span shows the sign or phrase.
    ("تراجع الإنتاج بنسبة 15%", [("15%", 15)]),
    ("بنسبة 15 في المئة خلال العام", [("15 في المئة", 15)]),
    ("زيادة 7 بالمئة على الواردات", [("7 بالمئة", 7)]),
    ("رسوم نسبتها عشرة بالمئة", [("عشرة بالمئة", 10)]),
    ("ويملك ستين في المائة من الأسهم", [("ستين في المائة", 60)]),
    ("بنمو بـ6,5% للعام المقبل", [("6,5%", 6.5)]),
    # Units and teens, both genders.
    ("قتل خمسة عشر شخصا في الهجوم", [("خمسة عشر", 15)]),
    ("اعتقلت الشرطة خمس عشرة امرأة", [("خمس عشرة", 15)]),
    ("أصيب تسعة عشر مدنيا", [("تسعة عشر", 19)]),
    ("فازت ثماني عشرة دولة", [("ثماني عشرة", 18)]),
    ("وانضمت إحدى عشرة دولة", [("إحدى عشرة", 11)]),
    ("ضم الفريق اثنا عشر لاعبا", [("اثنا عشر", 12)]),
    ("توجيه الاتهام إلى اثني عشر عنصرا", [("اثني عشر", 12)]),
    ("اثنان منهم في حالة خطرة", [("اثنان", 2)]),
    ("أطلق سراح الرجال الثلاثة", [("ثلاثة", 3)]),
    ("بالسجن ست سنوات", [("ست", 6)]),
    ("الروايات الست المرشحة للجائزة", [("ست", 6)]),
    ("حركة خمس نجوم الإيطالية", [("خمس", 5)]),
    ("حدث ذلك في آن واحد", [("واحد", 1)]),
    ("ثَلَاثَةُ جنود", [("ثَلَاثَةُ", 3)]),
    # Proclitics are outside the span.
    ("قتل رجل وثلاثة أطفال", [("ثلاثة", 3)]),
    ("استهدفت بخمسة صواريخ", [("خمسة", 5)]),
    ("يغيب لثلاثة أسابيع", [("ثلاثة", 3)]),
    ("فخمسة منهم أجانب", [("خمسة", 5)]),
    # Tens, hundreds, compounds joined by و.
    ("سقط واحد وعشرون قتيلا", [("واحد وعشرون", 21)]),
    ("عام ثمانية وأربعين", [("ثمانية وأربعين", 48)]),
    ("منذ سبعين عاما", [("سبعين", 70)]),
    ("وصل مئتا لاجئ", [("مئتا", 200)]),
    ("بمشاركة مئتي مقاتل", [("مئتي", 200)]),
    ("نحو مائتي عائلة", [("مائتي", 200)]),
    ("أكثر من مئتين", [("مئتين", 200)]),
    ("ثلاثمائة طن من المساعدات", [("ثلاثمائة", 300)]),
    ("دمر ثلاث مئة منزل", [("ثلاث مئة", 300)]),
    ("أربعمئة وخمسون موظفا", [("أربعمئة وخمسون", 450)]),
    ("ثمانمائة كيلومتر", [("ثمانمائة", 800)]),
    ("أكثر من مئة امرأة", [("مئة", 100)]),
    # Thousands, millions, billions.
    ("نشر ثلاثة آلاف جندي على الحدود", [("ثلاثة آلاف", 3000)]),
    ("مساحة عشرة آلاف متر مربع", [("عشرة آلاف", 10000)]),
    ("عشرةُ آلافٍ", [("عشرةُ آلافٍ", 10000)]),
    ("قدم المانحون ألفين من الخيام", [("ألفين", 2000)]),
    ("فصل أكثر من ألفي طفل", [("ألفي", 2000)]),
    ("نحو عشرين ألفاً من المحتجين", [("عشرين ألفاً", 20000)]),
    ("ثلاثة عشر ألف وظيفة", [("ثلاثة عشر ألف", 13000)]),
    ("مئة ألف سنة", [("مئة ألف", 100000)]),
    ("خمسمئة ألف برميل", [("خمسمئة ألف", 500000)]),
    ("الخمسين ألف صفحة", [("خمسين ألف", 50000)]),
    ("تضم الف و500 جندي", [("الف و500", 1500)]),
    ("بسداد 23 ألفا و500 جنيه", [("23 ألفا و500", 23500)]),
    ("مئة وخمسة وعشرون ألفا", [("مئة وخمسة وعشرون ألفا", 125000)]),
    ("ثلاثة آلاف وخمسمئة وواحد وعشرون", [("ثلاثة آلاف وخمسمئة وواحد وعشرون", 3521)]),
    ("خمسة وعشرين ألفا من العمال", [("خمسة وعشرين ألفا", 25000)]),
    ("عريضة وقعها مليون مستخدم", [("مليون", 1e6)]),
    ("يعيش ثلاثة ملايين نسمة", [("ثلاثة ملايين", 3e6)]),
    ("إنتاج 2.5 مليون برميل يوميا", [("2.5 مليون", 2.5e6)]),
    ("نحو مليوني شخص", [("مليوني", 2e6)]),
    ("مليونين و500 ألف دولار", [("مليونين و500 ألف", 2.5e6)]),
    ("مليون و200 ألف لاجئ", [("مليون و200 ألف", 1.2e6)]),
    ("جمعوا مليار دولار", [("مليار", 1e9)]),
    ("إيرادات ثلاثة مليارات دولار", [("ثلاثة مليارات", 3e9)]),
    ("ما يعادل ألف مليون", [("ألف مليون", 1e9)]),
    # Fractions.
    ("أكثر من نصف مليون مشاهدة", [("نصف مليون", 5e5)]),
    ("صوت نصف الناخبين", [("نصف", 0.5)]),
    ("استمر ربع ساعة", [("ربع", 0.25)]),
    ("بموافقة ثلثي الدائنين", [("ثلثي", 2 / 3)]),
    ("ثلاثة أرباع السكان", [("ثلاثة أرباع", 0.75)]),
    ("خسر مليون ونصف", [("مليون ونصف", 1.5e6)]),
    ("ونصف مليون نازح", [("نصف مليون", 5e5)]),
    ("نحو مليون ونصف المليون لاجئ", [("مليون ونصف المليون", 1.5e6)]),
    ("7 ملايين ونصف المليون دولار", [("7 ملايين ونصف المليون", 7.5e6)]),
    ("بيع ست عشرة مليوناً ونصف المليون تذكرة", [("ست عشرة مليوناً ونصف المليون", 16.5e6)]),
    ("ثلاثة ونصف", [("ثلاثة ونصف", 3.5)]),
    ("ستة أشهر ونصف الشهر", [("ستة", 6)]),
    # Several numbers, ranges and lists.
    ("تتراوح بين 10 و15 عاما", [("10", 10), ("15", 15)]),
    ("بين خمسة و13 مقعدا", [("خمسة", 5), ("13", 13)]),
    ("بين 30 مليار و60 مليار دولار", [("30 مليار", 3e10), ("60 مليار", 6e10)]),
    ("في اجتماع أو اثنين أو ثلاثة", [("اثنين", 2), ("ثلاثة", 3)]),
    ("ثلاثة، أربعة", [("ثلاثة", 3), ("أربعة", 4)]),
    ("ثلاثة\nآلاف", [("ثلاثة", 3)]),
    ("قتل 12 وأصيب 40 آخرون", [("12", 12), ("40", 40)]),
    (
        "بين 3 ملايين و14 مليونا ومليوني فرصة",
        [("3 ملايين", 3e6), ("14 مليونا", 14e6), ("مليوني", 2e6)],
    ),
    ("خلال عام واحد 5 مراكز", [("واحد", 1), ("5", 5)]),
    # Not cardinal numbers: ordinals, vague quantities, dates, names and homographs.
    ("في الفصل الثالث", []),
    ("الدورة الحادية عشرة للمهرجان", []),
    ("في الخامسة عشر من عمرها", []),
    ("الذكرى الخامسة والعشرين", []),
    ("في القرن العشرين", []),
    ("حلت في المرتبة الـ66", []),
    ("عشرات القتلى والجرحى", []),
    ("عشرات الآلاف من المتظاهرين", []),
    ("مئات الآلاف من اللاجئين", []),
    ("ملايين السوريين", []),
    ("بعد بضعة أيام", []),
    ("بضعة آلاف", []),
    ("ثلاثون ونيف", []),
    ("في 13/11/2022", []),
    ("الساعة 10:30 صباحا", []),
    ("موسم 2018-2019", []),
    ("طائرات F-16", []),
    ("فيروس كوفيد-19", []),
    ("يوم الاثنين", []),
    ("يوم الخميس", []),
    ("الثلاثاء والأربعاء", []),
    ("أغنية ست الكل", []),
    ("لست متفائلا", []),
    ("ألّف كتابا", []),
    ("الرشاقة في الفَم", []),
    ("بلغت الدور نصف النهائي", []),
    ("القاعة التي تسع 450 شخصا", [("450", 450)]),
    ("وقالت عبد الواحد", []),
    ("عاد بعد ساعة ونصف", []),
    ("#مجموعة_السبع و #رؤية_2030", [("سبع", 7), ("2030", 2030)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_numbers_find_value_and_span(text: str, expected: list[tuple[str, float]]) -> None:
    found = find_numbers(text)
    assert [(n.text, n.value) for n in found] == [(t, pytest.approx(v)) for t, v in expected]
    for n in found:
        assert text[n.start : n.end] == n.text


def test_numbers_table_is_large() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("n", [0, 7, 1245, 1000000, 987654321])
def test_numbers_grouped_digits_in_every_script(n: int) -> None:
    western = f"{n:,}"
    arabic = western.translate(str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬"))
    eastern = western.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for written in (western, arabic, eastern):
        assert [(x.text, x.value) for x in find_numbers(f"بلغ {written} شخصا")] == [(written, n)]


def test_numbers_values_are_floats() -> None:
    assert all(isinstance(n.value, float) for n in find_numbers("ثلاثة آلاف و 12 و٣٫٥"))


@PROPERTY
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
            st.sampled_from(" \n\t0123456789.,/:%_-وثلاةعشرينمئألفاثنخسبت"),
        ),
        max_size=80,
    )
)
def test_numbers_property_any_arabic_text_gives_spans_inside_it(text: str) -> None:
    prev_end = 0
    for n in find_numbers(text):
        assert prev_end <= n.start < n.end <= len(text)
        assert text[n.start : n.end] == n.text
        assert n.value == n.value  # never NaN
        prev_end = n.end


@PROPERTY
@given(st.text(max_size=60))
def test_numbers_property_any_unicode_is_processed(text: str) -> None:
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text


def test_numbers_stage_fills_the_numbers_layer() -> None:
    text = "قتل خمسة عشر شخصا وأصيب 40 آخرون."
    doc = Document(id="x", source=Source(format="text"), raw=text, text=text)
    stage = NumberStage()
    pipeline = Pipeline([stage], given={"text", "times"})
    result = pipeline(doc)
    assert isinstance(result, Document)
    assert [(n.text, n.value) for n in result.numbers] == [("خمسة عشر", 15), ("40", 40)]
    assert "numbers" in result.layers
    assert (stage.name, stage.requires, stage.provides) == (
        "numbers",
        frozenset({"text", "times"}),
        frozenset({"numbers"}),
    )


def test_numbers_stage_leaves_dates_to_the_times_layer() -> None:
    import rasd

    doc = rasd.analyze("منذ 24 شباط/فبراير 2022 قتل 15 شخصا.", published="2022-11-13")
    assert [(n.text, n.value) for n in doc.numbers] == [("15", 15)]


@pytest.mark.shared
def test_numbers_real_articles_give_valid_spans() -> None:
    if not ANT.is_file():
        pytest.skip(f"{ANT} is absent (../shared data is optional)")
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in islice(fh, 200)]
    total = 0
    for text in texts:
        for n in find_numbers(text):
            assert text[n.start : n.end] == n.text
            assert n.value >= 0
            total += 1
    assert total > 200  # news is full of figures
