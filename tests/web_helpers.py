"""Stores for the API and web tests: documents with entities, events and quotes.

The entity, linking, event and quote stages are being built alongside the UI, so these
documents are annotated here by hand, which keeps the UI tests about the UI whatever those
stages find: spans are found in the analysed text, never typed in as offsets, so they stay
right when the extractor's output shifts. ``seed_document(..., by_hand=False)`` keeps what
the pipeline found, for the test that the pages render any stage's output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import regex

import rasd
from rasd.document import Document, Entity, Event, EventArgument, Mention, Quote, Span
from rasd.store import open_store

# Entity ids: Wikidata ids where they are well known, `kb:` ids otherwise (which also
# exercises ids with a reserved character in URLs).
SEED_ENTITIES = [
    Entity("Q7747", "Vladimir Putin", "PER", "فلاديمير بوتين", "RUS", "RUSGOV"),
    Entity("kb:raisi", "Ebrahim Raisi", "PER", "إبراهيم رئيسي", "IRN", "IRNGOV"),
    Entity("kb:kremlin", "Kremlin", "ORG", "الكرملين", "RUS", "RUSGOV"),
    Entity("kb:patrushev", "Nikolai Patrushev", "PER", "نيكولاي باتروشيف", "RUS", "RUSGOV"),
    Entity("Q159", "Russia", "GPE", "روسيا", "RUS", "RUS"),
    Entity("Q794", "Iran", "GPE", "إيران", "IRN", "IRN"),
    Entity("Q212", "Ukraine", "GPE", "أوكرانيا", "UKR", "UKR"),
    Entity("Q796", "Iraq", "GPE", "العراق", "IRQ", "IRQ"),
    Entity("kb:abuzaid", "Adnan Abu Zaid", "PER", "عدنان أبوزيد"),
    Entity("kb:smagin", "Nikita Smagin", "PER", "نيكيتا سماغين", "RUS"),
]
SEED_SURFACES = {
    "Q7747": ["فلاديمير بوتين", "بوتين"],
    "kb:raisi": ["ابراهيم رئيسي", "رئيسي"],
    "kb:kremlin": ["الكرملين", "الرئاسة الروسية"],
    "kb:patrushev": ["نيكولاي باتروشيف"],
    "Q159": ["روسيا", "موسكو"],
    "Q794": ["ايران", "إيران", "طهران"],
    "Q212": ["أوكرانيا", "كييف"],
    "Q796": ["العراق"],
    "kb:abuzaid": ["عدنان أبوزيد"],
    "kb:smagin": ["نيكيتا سماغين"],
}
_PROCLITIC = "[وفبلك]?"


def find(text: str, surface: str, *, after: int = 0) -> Span:
    """The first occurrence of ``surface`` as a word (a proclitic allowed before it)."""
    m = regex.compile(rf"(?<![\p{{L}}]){_PROCLITIC}({regex.escape(surface)})(?![\p{{L}}])").search(
        text, after
    )
    if m is None:
        raise AssertionError(f"{surface!r} is not in the text")
    return Span(m.start(1), m.end(1))


def mentions_for(
    text: str, entities: list[Entity], surfaces: dict[str, list[str]]
) -> list[Mention]:
    """Every occurrence of every surface, longest first, without overlaps."""
    by_id = {e.id: e for e in entities}
    pairs = sorted(((s, eid) for eid, ss in surfaces.items() for s in ss), key=lambda p: -len(p[0]))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for surface, eid in pairs:
        pattern = regex.compile(
            rf"(?<![\p{{L}}]){_PROCLITIC}({regex.escape(surface)})(?![\p{{L}}])"
        )
        for m in pattern.finditer(text):
            start, end = m.span(1)
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            out.append(Mention(start, end, text[start:end], by_id[eid].type, eid))
    return sorted(out, key=lambda m: m.start)


def _arg(entity: str | None, code: str | None, text: str | None = None) -> EventArgument:
    return EventArgument(entity=entity, code=code, text=text)


def seed_document(seed_text: str, *, by_hand: bool = True) -> Document:
    """The reference article, analysed, with its entities, events and quotes set by hand
    (after the gold beside the fixture) unless ``by_hand`` is off."""
    doc = rasd.analyze(seed_text)
    if not by_hand:
        return doc
    text = doc.text
    # Entities and mentions.
    doc.entities = list(SEED_ENTITIES)
    doc.mentions = mentions_for(text, SEED_ENTITIES, SEED_SURFACES)
    # Events.
    call = find(text, "اتصالًا هاتفيًا")
    visit = find(text, "زار")
    accuse = find(text, "تتهم")
    drones = find(text, "بتزويدها")
    missiles = find(text, "تسليم")
    sanctions = find(text, "عقوبات")
    invasion = find(text, "الغزو")
    doc.events = [
        Event("CONSULT", "asserted", "phone", "040", 1.0, _arg("Q7747", "RUSGOV"),
              _arg("kb:raisi", "IRNGOV"), "2022-11-12", "day", None, 0, call,
              "أجرى الرئيس الروسي فلاديمير بوتين اتصالًا هاتفيًا السبت بنظيره الايراني ابراهيم رئيسي"),
        Event("CONSULT", "asserted", "visit", "042", 1.9, _arg("kb:patrushev", "RUSGOV"),
              _arg("Q794", "IRN", "طهران"), "2022-11-10", "week", "طهران", None, visit,
              "وزار هذا الأسبوع سكرتير مجلس الأمن الروسي نيكولاي باتروشيف طهران"),
        Event("ACCUSE", "asserted", None, "112", -2.0, _arg("Q212", "UKR", "كييف"),
              _arg("Q159", "RUS", "موسكو"), None, None, None, None, accuse,
              "وتتهم كييف مع حلفائها الغربيين موسكو باستخدام مسيّرات ايرانية الصنع"),
        Event("AID", "admitted", "military", "072", 8.3, _arg("Q794", "IRN"),
              _arg("Q159", "RUS"), None, None, None, None, drones,
              "أقرّت ايران بتزويدها روسيا مسيّرات"),
        Event("AID", "denied", "military", "072", 8.3, _arg("Q794", "IRN"),
              _arg("Q159", "RUS", "موسكو"), None, None, None, None, missiles,
              "عمليات تسليم محتملة لصواريخ أرض-أرض إيرانية إلى موسكو. ونفت طهران"),
        Event("SANCTION", "asserted", None, "163", -8.0, _arg(None, "WST", "غربية"),
              _arg("Q159", "RUS"), None, None, None, None, sanctions,
              "يعاني الاقتصادان الروسي والايراني من عقوبات غربية"),
        Event("ASSAULT", "asserted", None, "190", -10.0, _arg("Q159", "RUS"),
              _arg("Q212", "UKR"), "2022-02-24", "day", None, None, invasion,
              "منذ بدء الغزو الروسي لأوكرانيا في 24 شباط/فبراير"),
    ]  # fmt: skip
    # Quotes.
    kremlin = find(text, "إن الرئيسَين")
    kremlin_end = text.index("”", text.index("مع التركيز")) + 1
    cue2 = find(text, "أن بوتين ورئيسي")
    cue2_end = text.index("”", cue2.start + 40) + 1
    abuzaid = find(text, "ان كلا من")
    abuzaid_end = text.index("الان", abuzaid.start) + len("الان")
    smagin = find(text, "بان روسيا")
    smagin_end = text.index("الاقتصادية.", smagin.start) + len("الاقتصادية")
    doc.quotes = [
        Quote(kremlin.start, kremlin_end, text[kremlin.start : kremlin_end], "قالت", False,
              _arg("kb:kremlin", "RUSGOV", "الرئاسة الروسية")),
        Quote(cue2.start, cue2_end, text[cue2.start : cue2_end], "لفت", False,
              _arg("kb:kremlin", "RUSGOV", "الكرملين")),
        Quote(abuzaid.start, abuzaid_end, text[abuzaid.start : abuzaid_end], "يرى", False,
              _arg("kb:abuzaid", None, "عدنان أبوزيد")),
        Quote(smagin.start, smagin_end, text[smagin.start : smagin_end], "كتب", False,
              _arg("kb:smagin", None, "نيكيتا سماغين")),
    ]  # fmt: skip
    return doc


# Text an attacker controls: markup, script, an event handler, a javascript: link, bidi
# overrides (RLO … PDF, and an isolate), in the title, the body, names, quotes and ids.
RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
HOSTILE_TITLE = f'عنوان <script>alert("title")</script> {RLO}gnp.exe{PDF}'
HOSTILE_BODY = (
    "بغداد - قال المتحدث إن <script>alert(1)</script> ليس خبرا.\n\n"
    'وأضاف <img src=x onerror="alert(2)"> و <a href="javascript:alert(3)">اضغط هنا</a> '
    f"ثم {RLO}txt.exe{PDF} و {LRI}abc{PDI} انتهى.\n\n"
    "وختم <svg onload=alert(4)></svg> و </textarea><iframe src=javascript:alert(5)></iframe>."
)
HOSTILE_ENTITY = 'kb:"><script>alert(6)</script>'


def hostile_document() -> Document:
    doc = rasd.analyze(HOSTILE_BODY, title=HOSTILE_TITLE, published="2022-11-14")
    text = doc.text
    script = text.index("<script>")
    img = text.index("<img")
    doc.entities = [
        Entity(HOSTILE_ENTITY, "<b onmouseover=alert(7)>Evil</b>", "PER",
               f"<img src=x onerror=alert(8)>{RLO}شرير", "IRQ", "IRQ<script>"),
    ]  # fmt: skip
    doc.mentions = [Mention(script, script + 8, text[script : script + 8], "PER", HOSTILE_ENTITY)]
    doc.events = [
        Event("ACCUSE", "alleged", "<i>x</i>", "112", -2.0, _arg(HOSTILE_ENTITY, "IRQ<script>"),
              _arg(None, "javascript:alert(9)", "<a href=javascript:alert(9)>x</a>"), "2022-11-13",
              None, None, None, Span(img, img + 4), '<script>alert("evidence")</script>'),
    ]  # fmt: skip
    start = text.index("<a href")
    end = text.index("</a>") + 4
    doc.quotes = [
        Quote(start, end, text[start:end], "<b>قال</b>", True,
              _arg(HOSTILE_ENTITY, None, "<script>alert(10)</script>")),
    ]  # fmt: skip
    doc.source.url = "javascript:alert(11)"
    return doc


# Different words in each month's article, so duplicate marking keeps them apart.
_VARIETY = [
    ("مجال الطاقة والنفط والغاز", "خاركيف", "بصواريخ بعيدة المدى"),
    ("التجارة عبر بحر قزوين", "أوديسا", "بطائرات مسيرة انتحارية"),
    ("النقل بالسكك الحديدية", "زابوريجيا", "بالمدفعية الثقيلة طوال الليل"),
    ("الصناعات العسكرية والفضاء", "دنيبرو", "بقنابل موجهة من الجو"),
    ("المصارف وأنظمة الدفع", "ميكولايف", "براجمات الصواريخ قرب الميناء"),
    ("الزراعة وتصدير القمح", "سومي", "بقذائف الهاون عند الحدود"),
]


def month_documents() -> list[Document]:
    """Short articles over six months: Russia and Iran cooperating, Ukraine and Russia in
    conflict, so timelines, the chart and the network have more than one point."""
    docs = []
    start = dt.date(2022, 6, 15)
    for i in range(6):
        day = (start + dt.timedelta(days=30 * i)).isoformat()
        topic, city, weapon = _VARIETY[i]
        body = (
            f"طهران - بحث الرئيس الروسي فلاديمير بوتين مع إيران التعاون في {topic}. "
            f"وقصفت روسيا مدينة {city} في أوكرانيا {weapon}."
        )
        doc = rasd.analyze(body, title=f"بوتين وإيران {i}", published=day)
        ents = [e for e in SEED_ENTITIES if e.id in ("Q7747", "Q794", "Q159", "Q212")]
        doc.entities = ents
        doc.quotes = []
        doc.mentions = mentions_for(
            doc.text,
            ents,
            {
                "Q7747": ["فلاديمير بوتين"],
                "Q794": ["إيران", "طهران"],
                "Q159": ["روسيا"],
                "Q212": ["أوكرانيا"],
            },
        )
        doc.events = [
            Event("CONSULT", "asserted", "meet", "040", 1.0 + i / 2, _arg("Q7747", "RUSGOV"),
                  _arg("Q794", "IRN"), day, "day", None, 0, find(doc.text, "بحث"), "بحث … التعاون"),
            Event("ASSAULT", "asserted", None, "190", -10.0, _arg("Q159", "RUS"),
                  _arg("Q212", "UKR"), day, "day", None, 1, find(doc.text, "قصفت"), "وقصفت روسيا"),
        ]  # fmt: skip
        if i % 2:
            doc.events.append(
                Event("REJECT", "denied", None, "120", -4.0, _arg("Q794", "IRN"),
                      _arg("Q7747", "RUSGOV"), day, "day", None, 0, find(doc.text, "بحث"), "…")
            )  # fmt: skip
        docs.append(doc)
    return docs


ARGUED_TITLE = "روسيا وإيران توقعان اتفاقية مع العراق وسوريا"
ARGUED_BODY = (
    "قال الكرملين إن روسيا وإيران وقعتا اتفاقية تعاون مع العراق وسوريا. "
    "وتعاني روسيا من عقوبات غربية منذ بدء الغزو الروسي لأوكرانيا في 24 شباط/فبراير 2022."
)


def _spanned(
    text: str, entity: str | None, code: str | None, surface: str, *, after: int = 0
) -> EventArgument:
    span = find(text, surface, after=after)
    return EventArgument(entity, code, surface, span.start, span.end)


def argued_document() -> Document:
    """Every event field a flat row carries, set by hand on an analysed article: a
    compound actor and recipient attributed to the Kremlin (PLOVER context diplomatic),
    then a background event whose one actor is not linked and which lists no ``actors``
    (as JSON written before that field existed)."""
    doc = rasd.analyze(ARGUED_BODY, title=ARGUED_TITLE, published="2024-03-10")
    text = doc.text
    second = doc.sentences[1].start
    russia, iran = _spanned(text, "Q159", "RUS", "روسيا"), _spanned(text, "Q794", "IRN", "إيران")
    iraq, syria = _spanned(text, "Q796", "IRQ", "العراق"), _spanned(text, "Q858", "SYR", "سوريا")
    doc.events = [
        Event("SUPPORT", "asserted", None, "057", 5.0, russia, iraq, "2024-03-10", "published",
              None, 0, find(text, "وقعتا"), "«وقعتا» → SUPPORT", context="diplomatic",
              attributed_to=_spanned(text, "kb:kremlin", "RUSGOV", "الكرملين"),
              actors=[russia, iran], recipients=[iraq, syria]),
        Event("SANCTION", "asserted", "discontinue", "163", -6.0,
              _spanned(text, None, "WST", "عقوبات غربية", after=second),
              _spanned(text, "Q159", "RUS", "روسيا", after=second), "2022-02-24", "day", None, 1,
              find(text, "عقوبات", after=second), "«عقوبات» → SANCTION", background=True),
    ]  # fmt: skip
    return doc


# The columns of the two events of argued_document() that every flat table of events
# carries (batch Parquet, `rasd export events`, facts_events, /api/events), checked by hand
# against ARGUED_BODY: قال [4:12 الكرملين] إن [16:21 روسيا] و[23:28 إيران] … مع
# [52:58 العراق] و[60:65 سوريا]. وتعاني [74:79 روسيا] من [83:95 عقوبات غربية] …
ARGUED_ROWS = [
    {
        "context": "diplomatic", "background": False,
        "actor_start": 16, "actor_end": 21, "recipient_start": 52, "recipient_end": 58,
        "attributed_to_entity": "kb:kremlin", "attributed_to_code": "RUSGOV",
        "attributed_to_text": "الكرملين", "attributed_to_start": 4, "attributed_to_end": 12,
        "actors": '[{"entity":"Q159","code":"RUS","text":"روسيا","start":16,"end":21},'
                  '{"entity":"Q794","code":"IRN","text":"إيران","start":23,"end":28}]',
        "recipients": '[{"entity":"Q796","code":"IRQ","text":"العراق","start":52,"end":58},'
                      '{"entity":"Q858","code":"SYR","text":"سوريا","start":60,"end":65}]',
    },
    {
        "context": None, "background": True,
        "actor_start": 83, "actor_end": 95, "recipient_start": 74, "recipient_end": 79,
        "attributed_to_entity": None, "attributed_to_code": None, "attributed_to_text": None,
        "attributed_to_start": None, "attributed_to_end": None,
        # No `actors` on the event: its one actor is listed (an unlinked one: no entity key).
        "actors": '[{"code":"WST","text":"عقوبات غربية","start":83,"end":95}]',
        "recipients": '[{"entity":"Q159","code":"RUS","text":"روسيا","start":74,"end":79}]',
    },
]  # fmt: skip
NEW_EVENT_COLUMNS = list(ARGUED_ROWS[0])


def build_store(
    path: Path, *, seed_text: str | None = None, hostile: bool = True
) -> dict[str, str]:
    """A store with the month series, the seed (when given) and the hostile document;
    returns their ids by name."""
    ids: dict[str, str] = {}
    with open_store(path) as store:
        for n, doc in enumerate(month_documents()):
            store.upsert(doc)
            ids[f"month{n}"] = doc.id
        if seed_text is not None:
            seed = seed_document(seed_text)
            store.upsert(seed)
            ids["seed"] = seed.id
        if hostile:
            evil = hostile_document()
            store.upsert(evil)
            ids["hostile"] = evil.id
    return ids


SEED_NAME_HINT = "../shared/fixtures/seed/almasalla-2022-11-13.txt"
