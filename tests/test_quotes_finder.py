"""The quote finder on sentences written for the purpose: cues, content boundaries,
direct and reported speech, stance, speakers (written, appositive, earlier sentence),
medium, and speakers linked through hand-made mentions and entities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.document import Document, Entity, Mention, Source
from rasd.quotes import Attribution, find_quotes


def doc_of(
    text: str, mentions: list[Mention] | None = None, entities: list[Entity] | None = None
) -> Document:
    doc = Document(id="t", source=Source("text"), raw=text, text=text)
    doc.mentions = mentions or []
    doc.entities = entities or []
    return doc


def quotes(text: str, **kw: list[Mention] | list[Entity]) -> list[Attribution]:
    return find_quotes(doc_of(text, **kw))  # type: ignore[arg-type]


def only(text: str) -> Attribution:
    found = quotes(text)
    assert len(found) == 1, [(q.cue, q.text) for q in found]
    return found[0]


def mention(text: str, surface: str, kind: str, entity: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, kind, entity)


# -- reported speech: cue, complementizer, content -----------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("قال الوزير إن الحكومة ستستقيل.", "قال", "الوزير", "الحكومة ستستقيل"),
        ("وقالت الوزارة إن المفاوضات مستمرة.", "قالت", "الوزارة", "المفاوضات مستمرة"),
        ("فأكد المتحدث أن الاتفاق صامد.", "أكد", "المتحدث", "الاتفاق صامد"),
        ("وأعلنت الشرطة أنها اعتقلت خمسة أشخاص.", "أعلنت", "الشرطة", "اعتقلت خمسة أشخاص"),
        ("ويقول المحللون إن الأزمة ستطول.", "يقول", "المحللون", "الأزمة ستطول"),
        ("وتقول الحكومة إنها لن تتراجع.", "تقول", "الحكومة", "لن تتراجع"),
        ("وقالوا إن الوضع هادئ.", "قالوا", None, "الوضع هادئ"),
        ("ولفت الكرملين إلى أن بوتين سيزور طهران.", "لفت", "الكرملين", "بوتين سيزور طهران"),
        ("وأشار التقرير إلى أن الأسعار ارتفعت.", "أشار", "التقرير", "الأسعار ارتفعت"),
        ("وشدد الرئيس على أن الحوار هو الحل.", "شدد", "الرئيس", "الحوار هو الحل"),
        ("وصرح النائب بأن القانون سيمر.", "صرح", "النائب", "القانون سيمر"),
        ("وكتب المحلل أن العقوبات فشلت.", "كتب", "المحلل", "العقوبات فشلت"),
        ("وأوضح المدير أن الشركة ستوظف ألف عامل.", "أوضح", "المدير", "الشركة ستوظف ألف عامل"),
        ("وأضاف المسؤول أن الخسائر كبيرة.", "أضاف", "المسؤول", "الخسائر كبيرة"),
        ("واعتبر الخبير أن القرار متسرع.", "اعتبر", "الخبير", "القرار متسرع"),
        ("ورأى المراقبون أن الانتخابات نزيهة.", "رأى", "المراقبون", "الانتخابات نزيهة"),
        ("ويرى الباحث أن الأزمة عميقة.", "يرى", "الباحث", "الأزمة عميقة"),
    ],
)
def test_quotes_reported_speech(text: str, cue: str, speaker: str | None, content: str) -> None:
    q = only(text)
    assert (q.cue, q.text, q.direct) == (cue, content, False)
    assert q.text == text[q.start : q.end]
    if speaker is not None:
        assert q.speaker is not None
        assert q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("قال الوزير إن الحكومة ستستقيل.", "statement"),
        ("ونفت طهران أن تكون زودت موسكو بصواريخ.", "denial"),
        ("وأقرت الوزارة بأن الخطة تأخرت.", "admission"),
        ("واعترف المسؤول بأن الأخطاء وقعت.", "admission"),
        ("وحذر الجيش من أن الهجوم وشيك.", "warning"),
        ("وطالبت المعارضة بأن تجرى الانتخابات في موعدها.", "demand"),
        ("ورأى الخبير أن القرار صائب.", "opinion"),
        ("واعتبرت الصحيفة أن الاتفاق تاريخي.", "opinion"),
    ],
)
def test_quotes_stance_of_cue(text: str, stance: str) -> None:
    assert only(text).stance == stance


@pytest.mark.parametrize(
    "text",
    [
        "ونفت طهران هذه المعلومات.",  # a plain object: nothing is reported
        "وأعلنت الشركة عن إطلاق منتج جديد.",
        "أقرّت ايران بتزويدها روسيا مسيّرات.",
        "يذكر أن الاتفاق وقع عام 2015.",  # no speaker: "it is worth mentioning that"
        "وكانت الكاميرا مغطاة بالغبار، ما يشير إلى أنها كانت هناك منذ أشهر.",
        'وهو المضيق الذي يعتبر "أهم نقطة عبور للنفط في العالم".',
        "وأفادت النتائج النهائية أن أغلبية ساحقة صوتت بنعم.",  # evidence, not a source
        "وقرر الوزير أن يستقيل.",  # not a cue
    ],
)
def test_quotes_no_quote(text: str) -> None:
    assert quotes(text) == []


# -- direct quotes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("وقال الوزير: “لن نتراجع عن قرارنا”.", "لن نتراجع عن قرارنا"),
        ("وقال الوزير: «لن نتراجع عن قرارنا».", "لن نتراجع عن قرارنا"),
        ('وقال الوزير: "لن نتراجع عن قرارنا".', "لن نتراجع عن قرارنا"),
        ('وقال الوزير في بيان "لن نتراجع عن قرارنا".', "لن نتراجع عن قرارنا"),
        ('وأضاف أن "الحكومة ملتزمة بالاتفاق".', "الحكومة ملتزمة بالاتفاق"),
        ("وتابع قائلا: «الوضع صعب. لكننا سنصمد».", "الوضع صعب. لكننا سنصمد"),
        ("“لن نتراجع عن قرارنا”، قال الوزير للصحفيين.", "لن نتراجع عن قرارنا"),
    ],
)
def test_quotes_direct(text: str, content: str) -> None:
    q = only(text)
    assert q.direct
    assert q.text == content


def test_quotes_direct_quote_spans_sentences() -> None:
    text = "وقال الرئيس: “نحن مستعدون للحوار. لكننا لن نقبل الإملاءات. هذا موقفنا”. وغادر القاعة."
    q = only(text)
    assert q.direct
    assert q.text == "نحن مستعدون للحوار. لكننا لن نقبل الإملاءات. هذا موقفنا"


def test_quotes_quoted_fragments_stay_in_reported_speech() -> None:
    text = (
        "وقالت الرئاسة الروسية في بيان إن الرئيسَين تطرقا إلى “سلسلة من المسائل” المتصلة "
        "بالعلاقات الثنائية، “مع التركيز على تكثيف التعاون”."
    )
    q = only(text)
    assert not q.direct
    assert q.text.startswith("الرئيسَين تطرقا إلى “سلسلة من المسائل”")
    assert q.text.endswith("“مع التركيز على تكثيف التعاون”")
    assert q.speaker is not None
    assert q.speaker.text == "الرئاسة الروسية"
    assert q.medium == "في بيان"


@pytest.mark.parametrize(
    "text",
    [
        "وأكد الحبهي في لقاء مع “سكاي نيوز عربية” أن القوات تقدمت.",
        "كتب المحلل مقالا في موقع “المجلس الروسي للشؤون الدولية”، بأن روسيا وإيران تتقاربان.",
    ],
)
def test_quotes_a_name_in_quotation_marks_is_not_the_quote(text: str) -> None:
    q = only(text)
    assert not q.direct
    assert "“" not in q.text


# -- where reported speech ends -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("قال الجيش إن المدينة سقطت، وفقا لوكالة الأنباء.", "المدينة سقطت"),
        ("قال الجيش إن المدينة سقطت، بحسب التلفزيون الرسمي.", "المدينة سقطت"),
        ("ولفت الكرملين إلى أن الرئيسين تحادثا، في وقت تشتد فيه العزلة.", "الرئيسين تحادثا"),
        ("وقال المرصد إن الهدوء عاد، وأفاد بأن القتلى تجاوزوا المئة.", "الهدوء عاد"),
        ("وقال القائد إن قواته تتقدم، مشيرا إلى أن المعركة طويلة.", "قواته تتقدم"),
        ("وأضافت أن خمسة أشخاص اعتقلوا، دون الكشف عن التفاصيل.", "خمسة أشخاص اعتقلوا"),
        ("وبينما تقول الصين إنها قلقة، تواصل روسيا هجومها.", "قلقة"),
        (
            "قال المرصد إن القوات تسيطر على المدينة، كما وصلت إلى مشارفها.",
            "القوات تسيطر على المدينة، كما وصلت إلى مشارفها",
        ),
    ],
)
def test_quotes_content_ends_where_the_writer_takes_over(text: str, content: str) -> None:
    assert quotes(text)[0].text == content


def test_quotes_a_following_participle_is_a_quote_of_its_own() -> None:
    text = "وقال القائد إن قواته تتقدم، مشيرا إلى أن المعركة طويلة."
    first, second = quotes(text)
    assert (second.cue, second.text) == ("مشيرا", "المعركة طويلة")
    assert first.speaker is not None
    assert second.speaker is not None
    assert second.speaker.text == first.speaker.text == "القائد"


# -- speakers --------------------------------------------------------------------------------


def test_quotes_appositive_name_is_the_speaker_and_the_description_its_role() -> None:
    text = "ويرى الباحث المقيم في لندن، عدنان أبوزيد، ان كلا من ايران وروسيا يعملان معا."
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.text == "عدنان أبوزيد"
    assert q.speaker.role == "الباحث المقيم في لندن"
    assert q.speaker.via == "appositive"
    assert q.text == "كلا من ايران وروسيا يعملان معا"


def test_quotes_name_then_description_then_medium() -> None:
    text = (
        "فيما كتب نيكيتا سماغين، الكاتب الروسي المختص في الشؤون الإيرانية، مقالاً في موقع "
        "“المجلس الروسي للشؤون الدولية”، بان روسيا وإيران تتقاربان."
    )
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.text == "نيكيتا سماغين"
    assert q.speaker.role == "الكاتب الروسي المختص في الشؤون الإيرانية"
    assert q.medium == "مقالاً في موقع “المجلس الروسي للشؤون الدولية”"


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ("وقالت الرئاسة في بيان إن الاتصال تم.", "في بيان"),
        ("وقال الوزير للتلفزيون الرسمي إن الاتصال تم.", "للتلفزيون الرسمي"),
        ("وقال الوزير في مقابلة مع الصحيفة إن الاتصال تم.", "في مقابلة مع الصحيفة"),
        ("وقال الوزير لقناة الجزيرة إن الاتصال تم.", "لقناة الجزيرة"),
        ("وقال الوزير عبر حسابه على تويتر إن الاتصال تم.", "عبر حسابه على تويتر"),
    ],
)
def test_quotes_medium(text: str, medium: str) -> None:
    q = only(text)
    assert q.medium == medium
    assert q.speaker is not None
    assert q.speaker.text in ("الرئاسة", "الوزير")


def test_quotes_time_words_are_not_the_speaker() -> None:
    text = "قال اليوم الأحد نائب الحركة، العجمي الوريمي، إن التعطيل خط أحمر."
    q = find_quotes(doc_of(text, [mention(text, "العجمي الوريمي", "PER")]))[0]
    assert q.speaker is not None
    assert q.speaker.text == "العجمي الوريمي"


def test_quotes_speaker_named_in_an_earlier_sentence() -> None:
    text = (
        "فيما كتب نيكيتا سماغين مقالاً بان روسيا وإيران تتقاربان. وليس ذلك صدفة. "
        "وقال انه على خلفية الأحداث تسعى واشنطن لعزل روسيا."
    )
    _, second = quotes(text)
    assert second.cue == "قال"
    assert second.text == "على خلفية الأحداث تسعى واشنطن لعزل روسيا"
    assert second.speaker is not None
    assert second.speaker.text == "نيكيتا سماغين"
    assert second.speaker.via == "previous"


def test_quotes_pronoun_subject_takes_the_speaker_of_its_own_sentence() -> None:
    text = "وفي مطلع الشهر، أقرت ايران بتزويدها روسيا مسيرات، غير أنها أكدت أن ذلك تم قبل الحرب."
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.text == "ايران"


def test_quotes_feminine_cue_skips_a_masculine_speaker() -> None:
    text = (
        "وقال الوزير إن الاتفاق قريب. وأعلنت الوزارة في بيان منفصل أنها ستفاوض. "
        "وأضافت أن الجولة المقبلة في جنيف."
    )
    last = quotes(text)[-1]
    assert last.speaker is not None
    assert last.speaker.text == "الوزارة"
    text = "وأعلنت الوزارة أنها ستفاوض. وقال الوزير إن الاتفاق قريب. وأضافت أن الجولة في جنيف."
    last = quotes(text)[-1]
    assert last.speaker is not None
    assert last.speaker.text == "الوزارة"


def test_quotes_participle_takes_the_subject_of_its_clause() -> None:
    text = (
        "أكد الجيش صحة الفيديو، في وقت أشاد وزير الدفاع، أفيغدور ليبرمان، بالقناص "
        "معتبرا أنه يستحق وسام شرف."
    )
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.text == "أفيغدور ليبرمان"


def test_quotes_subject_before_the_verb() -> None:
    q = only("وكان البيت الأبيض قد قال في العام الماضي إن القائمة قد تتسع.")
    assert q.speaker is not None
    assert q.speaker.text == "البيت الأبيض"


# -- speakers linked through mentions and the knowledge base -------------------------------


def test_quotes_speaker_linked_through_its_mention() -> None:
    text = "وقالت الرئاسة الروسية في بيان إن الرئيسين تحادثا. ولفت الكرملين إلى أن الاتصال مطول."
    mentions = [
        mention(text, "الرئاسة الروسية", "ORG", "Q-kremlin"),
        mention(text, "الكرملين", "ORG", "Q-kremlin"),
    ]
    entities = [Entity("Q-kremlin", "Kremlin", "ORG", "الكرملين", "RUS", "RUSGOV")]
    doc = doc_of(text, mentions, entities)
    from rasd.quotes import QuoteStage

    found = QuoteStage().process(doc).quotes
    assert [(q.speaker.entity, q.speaker.code, q.speaker.text) for q in found if q.speaker] == [
        ("Q-kremlin", "RUSGOV", "الرئاسة الروسية"),
        ("Q-kremlin", "RUSGOV", "الكرملين"),
    ]


def test_quotes_person_mention_splits_name_from_title() -> None:
    text = "وقال وزير الخارجية الروسي سيرغي لافروف إن الهدنة ممكنة."
    mentions = [
        mention(text, "الروسي", "NORP", "country:RUS"),
        mention(text, "سيرغي لافروف", "PER", "Q-lavrov"),
    ]
    entities = [Entity("Q-lavrov", "Sergey Lavrov", "PER", "سيرغي لافروف", "RUS", "RUSGOV")]
    q = find_quotes(doc_of(text, mentions, entities))[0]
    assert q.speaker is not None
    assert q.speaker.text == "سيرغي لافروف"
    assert q.speaker.role == "وزير الخارجية الروسي"
    assert q.speaker.mention is not None
    assert q.speaker.mention.entity == "Q-lavrov"


def test_quotes_coordinated_mentions_are_one_speaker() -> None:
    text = "وبينما تقول الصين والهند الحليفتان التقليديتان لروسيا إنهما قلقتان، سجل تقارب."
    mentions = [
        mention(text, "الصين", "GPE"),
        mention(text, "الهند", "GPE"),
        mention(text, "روسيا", "GPE"),
    ]
    q = find_quotes(doc_of(text, mentions))[0]
    assert q.speaker is not None
    assert q.speaker.text == "الصين والهند"
    assert q.text == "قلقتان"


def test_quotes_described_name_is_the_object_not_the_speaker() -> None:
    text = "وقال الجنرال فوتيل إن سليماني خطير. جاء ذلك في تصريحات صحفية، حيث وصف سليماني بأنه “عدائي”."
    mentions = [mention(text, "فوتيل", "PER"), mention(text, "سليماني", "PER", nth=1)]
    last = find_quotes(doc_of(text, mentions))[-1]
    assert last.text == "عدائي"
    assert last.speaker is not None
    assert last.speaker.text == "فوتيل"


# -- invariants -----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "قال", "وقالت", "الوزير", "إن", "أن", "بأن", ":", "“", "”", "«", "»", '"', "،", ".",
        "\n", " ", "مشيرا", "إلى", "في بيان", "الحكومة", "ستستقيل", "بقوله", "وفقا", "نفى",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_quotes_offsets_stay_inside_the_text(text: str) -> None:
    for q in find_quotes(doc_of(text)):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.text == q.text.strip()
        assert 0 <= q.cue_start < q.cue_end <= len(text)
        if q.speaker is not None:
            assert 0 <= q.speaker.start <= q.speaker.end <= len(text)


def test_quotes_relayed_speech_names_the_source_after_an() -> None:
    text = "ونقلت فرانس برس عن مصدر قريب من الملف إن المتهم اشتكى من آلام."
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.text == "مصدر قريب من الملف"
    assert q.medium == "فرانس برس"
    assert q.text == "المتهم اشتكى من آلام"
    assert quotes('ونقل معلومات "بنية الإضرار بأمن الدولة" إلى الخارج.') == []


def test_quotes_quotation_before_its_cue() -> None:
    text = "“إنه قرار تأخر كثيرا”، بهذه الكلمات وصف الوزير القرار. “لن نتراجع أبدا”، قال الرئيس."
    first, second = quotes(text)
    assert (first.text, first.direct, first.cue) == ("إنه قرار تأخر كثيرا", True, "وصف")
    assert (second.text, second.cue) == ("لن نتراجع أبدا", "قال")
    assert second.speaker is not None
    assert second.speaker.text == "الرئيس"
    # Without the comma the quotation is the verb's subject (“أرض الصومال” أعلنت …).
    assert quotes("ثم إن “أرض الصومال” أعلنت موافقتها على الاتفاق.") == []


def test_quotes_a_definite_title_points_back_to_the_named_speaker() -> None:
    text = (
        "قال قائد اللواء الأول العميد رائد الحبهي إن قواته تتقدم. "
        "وأشار القائد الميداني إلى أن المعنويات مرتفعة."
    )
    mentions = [mention(text, "رائد الحبهي", "PER")]
    second = find_quotes(doc_of(text, mentions))[1]
    assert second.speaker is not None
    assert second.speaker.text == "رائد الحبهي"
