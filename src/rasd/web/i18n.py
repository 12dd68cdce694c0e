"""Interface strings in Arabic (the default) and English.

Only the interface is translated: article text, names and quotes are shown as stored.
A missing key falls back to English, then to the key itself, so a new string never
breaks a page.
"""

from __future__ import annotations

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"
COOKIE = "rasd_lang"

STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "app": "رصد",
        "tagline": "الأخبار العربية: من فعل ماذا بمن، ومتى، ومن قال ذلك",
        "home": "الرئيسية",
        "search": "بحث",
        "search_placeholder": 'ابحث في الأخبار… مثل: بوتين، "الغزو الروسي" AND اوكرانيا',
        "documents": "المقالات",
        "entities": "الكيانات",
        "events": "الأحداث",
        "relations": "العلاقات",
        "quotes": "الاقتباسات",
        "api": "الواجهة البرمجية",
        "json": "JSON",
        "csv": "CSV",
        "switch_lang": "English",
        "results": "نتيجة",
        "no_results": "لا نتائج.",
        "copies": "نسخ",
        "copy_of": "نسخة من",
        "since": "من",
        "until": "إلى",
        "outlet": "المصدر",
        "entity": "الكيان",
        "type": "النوع",
        "mode": "الأسلوب",
        "modality": "الصيغة",
        "actor": "الفاعل",
        "recipient": "المفعول به",
        "party": "طرف",
        "date": "التاريخ",
        "score": "الدرجة",
        "cameo": "CAMEO",
        "evidence": "الدليل",
        "any": "الكل",
        "apply": "تطبيق",
        "reset": "مسح",
        "facets_outlet": "المصادر",
        "facets_month": "الأشهر",
        "facets_entity": "الكيانات",
        "facets_type": "أنواع الأحداث",
        "facets_modality": "الصيغ",
        "published": "تاريخ النشر",
        "place": "المكان",
        "author": "الكاتب",
        "source": "الأصل",
        "boilerplate": "ما أزيل من الصفحة",
        "mentions": "الإشارات",
        "speaker": "المتحدث",
        "cue": "فعل القول",
        "direct": "مباشر",
        "indirect": "غير مباشر",
        "aliases": "الأسماء",
        "roles": "الأدوار",
        "first_seen": "أول ظهور",
        "last_seen": "آخر ظهور",
        "timeline": "الخط الزمني للأحداث",
        "partners": "أكثر من يتعامل معهم",
        "as_actor": "فاعلًا",
        "as_recipient": "مفعولًا به",
        "tone_chart": "التعاون والصراع عبر الزمن",
        "cooperation": "تعاون",
        "conflict": "صراع",
        "mean_score": "متوسط الدرجة",
        "network": "شبكة الفاعلين",
        "edges": "الروابط",
        "by": "الفاعلون حسب",
        "by_entity": "الكيان",
        "by_code": "رمز الفاعل",
        "by_country": "البلد",
        "min_events": "أقل عدد للأحداث",
        "download": "تنزيل",
        "page": "صفحة",
        "next": "التالي",
        "prev": "السابق",
        "total": "المجموع",
        "count": "العدد",
        "documents_count": "مقالات",
        "stories": "قصص",
        "events_count": "أحداث",
        "entities_count": "كيانات",
        "quotes_count": "اقتباسات",
        "latest": "أحدث المقالات",
        "top_entities": "أبرز الكيانات",
        "error": "خطأ",
        "not_found": "غير موجود",
        "name": "الاسم",
        "country": "البلد",
        "actor_code": "رمز الفاعل",
        "quote_text": "نص الاقتباس",
        "contains": "يحتوي",
        "no_events": "لا أحداث مسجلة بعد.",
        "no_quotes": "لا اقتباسات مسجلة بعد.",
        "no_entities": "لا كيانات مسجلة بعد.",
        "events_of_edge": "الأحداث خلف هذا الرابط",
        "document": "المقالة",
        "in_text": "في النص",
        "api_docs": "توثيق الواجهة البرمجية",
        "method": "الطريقة",
        "path": "المسار",
        "parameters": "المعاملات",
        "required": "مطلوب",
        "all_copies": "كل النسخ",
        "include_copies": "تضمين النسخ المكررة",
        "chart_note": "الأعمدة: عدد أحداث التعاون (فوق) والصراع (تحت) في كل شهر؛ الخط: متوسط الدرجة.",
        "graph_note": "لون الرابط: متوسط الدرجة (أخضر تعاون، أحمر صراع)؛ سمكه: عدد الأحداث. انقر رابطًا لعرض أحداثه.",
    },
    "en": {
        "app": "rasd",
        "tagline": "Arabic news: who did what to whom, when, and who said so",
        "home": "Home",
        "search": "Search",
        "search_placeholder": 'Search the news… e.g. بوتين, "الغزو الروسي" AND اوكرانيا',
        "documents": "Articles",
        "entities": "Entities",
        "events": "Events",
        "relations": "Relations",
        "quotes": "Quotes",
        "api": "API",
        "json": "JSON",
        "csv": "CSV",
        "switch_lang": "العربية",
        "results": "results",
        "no_results": "No results.",
        "copies": "copies",
        "copy_of": "copy of",
        "since": "From",
        "until": "To",
        "outlet": "Outlet",
        "entity": "Entity",
        "type": "Type",
        "mode": "Mode",
        "modality": "Modality",
        "actor": "Actor",
        "recipient": "Recipient",
        "party": "Party",
        "date": "Date",
        "score": "Score",
        "cameo": "CAMEO",
        "evidence": "Evidence",
        "any": "Any",
        "apply": "Apply",
        "reset": "Clear",
        "facets_outlet": "Outlets",
        "facets_month": "Months",
        "facets_entity": "Entities",
        "facets_type": "Event types",
        "facets_modality": "Modalities",
        "published": "Published",
        "place": "Place",
        "author": "Author",
        "source": "Source",
        "boilerplate": "Removed from the page",
        "mentions": "Mentions",
        "speaker": "Speaker",
        "cue": "Cue",
        "direct": "direct",
        "indirect": "indirect",
        "aliases": "Names",
        "roles": "Roles",
        "first_seen": "First seen",
        "last_seen": "Last seen",
        "timeline": "Timeline of events",
        "partners": "Interacts most with",
        "as_actor": "as actor",
        "as_recipient": "as recipient",
        "tone_chart": "Cooperation and conflict over time",
        "cooperation": "cooperation",
        "conflict": "conflict",
        "mean_score": "mean score",
        "network": "Actor network",
        "edges": "Links",
        "by": "Actors by",
        "by_entity": "entity",
        "by_code": "actor code",
        "by_country": "country",
        "min_events": "Minimum events",
        "download": "Download",
        "page": "Page",
        "next": "Next",
        "prev": "Previous",
        "total": "Total",
        "count": "Count",
        "documents_count": "articles",
        "stories": "stories",
        "events_count": "events",
        "entities_count": "entities",
        "quotes_count": "quotes",
        "latest": "Latest articles",
        "top_entities": "Top entities",
        "error": "Error",
        "not_found": "Not found",
        "name": "Name",
        "country": "Country",
        "actor_code": "Actor code",
        "quote_text": "Quote",
        "contains": "Contains",
        "no_events": "No events recorded yet.",
        "no_quotes": "No quotes recorded yet.",
        "no_entities": "No entities recorded yet.",
        "events_of_edge": "Events behind this link",
        "document": "Article",
        "in_text": "in the text",
        "api_docs": "API documentation",
        "method": "Method",
        "path": "Path",
        "parameters": "Parameters",
        "required": "required",
        "all_copies": "All copies",
        "include_copies": "Include duplicate copies",
        "chart_note": "Bars: cooperation (up) and conflict (down) events per month; line: mean score.",
        "graph_note": "Link colour: mean score (green cooperation, red conflict); width: number of events. Click a link for its events.",
    },
}

# PLOVER event types (v1.0 manual) in Arabic and English.
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "AGREE": ("اتفاق", "agree"),
    "CONSULT": ("تشاور", "consult"),
    "SUPPORT": ("دعم", "support"),
    "CONCEDE": ("تنازل", "concede"),
    "COOPERATE": ("تعاون", "cooperate"),
    "AID": ("مساعدة", "aid"),
    "RETREAT": ("انسحاب", "retreat"),
    "REQUEST": ("طلب", "request"),
    "ACCUSE": ("اتهام", "accuse"),
    "REJECT": ("رفض", "reject"),
    "THREATEN": ("تهديد", "threaten"),
    "PROTEST": ("احتجاج", "protest"),
    "SANCTION": ("عقوبات", "sanction"),
    "MOBILIZE": ("تعبئة", "mobilize"),
    "COERCE": ("إكراه", "coerce"),
    "ASSAULT": ("اعتداء", "assault"),
}

MODALITIES: dict[str, tuple[str, str]] = {
    "asserted": ("مؤكد", "asserted"),
    "denied": ("منفي", "denied"),
    "alleged": ("مزعوم", "alleged"),
    "admitted": ("معترف به", "admitted"),
    "negated": ("لم يحدث", "negated"),
    "future": ("مستقبلي", "future"),
    "hypothetical": ("افتراضي", "hypothetical"),
}

ENTITY_TYPES: dict[str, tuple[str, str]] = {
    "PER": ("شخص", "person"),
    "ORG": ("منظمة", "organisation"),
    "GPE": ("كيان سياسي", "geopolitical entity"),
    "LOC": ("مكان", "location"),
    "FAC": ("منشأة", "facility"),
    "NORP": ("جماعة", "group"),
    "MISC": ("أخرى", "other"),
}


def pick_lang(query: str | None, cookie: str | None) -> str:
    """The interface language: ``?lang=`` first, then the cookie, then Arabic."""
    for value in (query, cookie):
        if value in LANGS:
            return value
    return DEFAULT_LANG


class Translator:
    """``t("key")`` for interface strings and ``t.event(type)`` etc. for labels."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else DEFAULT_LANG
        self.dir = "rtl" if self.lang == "ar" else "ltr"
        # "who → what → whom" reads in the direction of the page.
        self.arrow = "←" if self.dir == "rtl" else "→"
        self._index = 0 if self.lang == "ar" else 1

    def __call__(self, key: str) -> str:
        return STRINGS[self.lang].get(key) or STRINGS["en"].get(key) or key

    def _label(self, table: dict[str, tuple[str, str]], key: str | None) -> str:
        if not key:
            return ""
        pair = table.get(key) or table.get(key.upper()) or table.get(key.lower())
        return pair[self._index] if pair else key

    def event(self, key: str | None) -> str:
        return self._label(EVENT_TYPES, key)

    def modality(self, key: str | None) -> str:
        return self._label(MODALITIES, key)

    def entity_type(self, key: str | None) -> str:
        return self._label(ENTITY_TYPES, key)
