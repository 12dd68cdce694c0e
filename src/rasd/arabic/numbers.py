"""Numbers written in digits or Arabic words, with their values.

Casualty and quantity figures come in every form news writes them: digits in three scripts
with their own grouping and decimal marks (``1,245``, ``١٬٢٤٥``, ``٣٫٥``, ``6,5%``), words
in either gender and case (``خمسة عشر``, ``خمس عشرة``, ``ثلاثة آلاف``, ``ألفين``, ``مئتي``)
with proclitics attached (``وثلاثة``, ``بخمسة``), and mixtures (``2.5 مليون``,
``ألف و500``, ``23 ألفا و500``).

:func:`find_numbers` works in three steps:

1. One precompiled regex finds *atoms*: a digit group, or a word from the lexicon below
   (built as a character trie, so a failed match costs a character or two) with optional
   proclitics ``و ف ب ل ك ال``. The lexicon, not a letter pattern, decides what is a number
   word, and word boundaries keep ``عشر`` in ``عشرات`` or ``خمس`` in ``الخميس`` apart.
2. Adjacent atoms (separated by spaces, or joined by ``و``) are combined by the grammar of
   Arabic compound numbers: unit + ``عشر`` is a teen, unit + ``مئة`` multiplies, a scale
   word (``ألف``, ``مليون``) multiplies what precedes it, and ``و`` adds the next part
   (``مئة وخمسة وعشرون ألفا`` → 125000).
3. Phrases that are not cardinal numbers are dropped instead of given a wrong value:
   ordinals (``الثالث``, ``الحادي عشر``, ``الخامس والعشرين``), vague quantities
   (``عشرات``, ``بضعة``, ``آلاف`` alone, ``عشرات الآلاف``, ``ونيف``), dates and clock times
   (``13/11/2022``, ``10:30``) and a few known homographs (``ست الكل``, ``لست``, ``ألّف``).

A percentage keeps the number as its value and the span includes the sign or phrase
after it (``15%``, ``١٥٪``, ``15 في المئة``, ``15 بالمئة``), so the text shows it is one.
Spans are offsets into the original text and cover the number without its proclitics,
the article included (``وثلاثة`` → ``ثلاثة``, ``الثلاثة`` → ``ثلاثة``).

Known limits: a comma before exactly three digits is read as grouping (``9,964`` is 9964,
though some Maghrebi outlets mean 9.964); ranges written with a hyphen (``10-15``) are
skipped with dates; colloquial forms (``مية``, ``تلاتة``) are not in the lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.arabic.normalize import normalize
from rasd.document import Document, Number

# --- 1. The lexicon: normalised form → (kind, value) -------------------------------------
#
# Kinds drive the grammar in step 2:
#   unit 1–9, ten (عشر/عشرة), teen (fixed 11/12 compounds), tens 20–90, hundred (مئة: can be
#   multiplied), hundreds (fixed 200–900), scale (ألف, مليون… singular), acc (accusative
#   ``ألفا``: a scale after a number, a dual when it stands first), dual (fixed 2×scale),
#   plural (آلاف, ملايين: needs a counted unit before it), fraction, fractions (أرباع),
#   vague (عشرات, بضعة, ونيف), ordinal (الثالث…: absorbs عشر / والعشرين and is dropped).

_UNITS = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
}
_TENS = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}
_HUNDRED_STEMS = {
    3: ("ثلاث", "ثلث"),
    4: ("أربع",),
    5: ("خمس",),
    6: ("ست",),
    7: ("سبع",),
    8: ("ثمان", "ثماني"),
    9: ("تسع",),
}
_HUNDRED = ("مئة", "مائة")
_SCALES = {
    1e3: (("ألف",), ("ألفا",), ("ألفان", "ألفين", "ألفي"), ("آلاف", "ألوف")),
    1e6: (("مليون",), ("مليونا",), ("مليونان", "مليونين", "مليوني"), ("ملايين",)),
    1e9: (
        ("مليار", "بليون"),
        ("مليارا", "بليونا"),
        ("ملياران", "مليارين", "ملياري"),
        ("مليارات", "بلايين"),
    ),
    1e12: (
        ("تريليون", "ترليون"),
        ("تريليونا", "ترليونا"),
        ("تريليونان", "تريليونين", "تريليوني"),
        ("تريليونات", "ترليونات"),
    ),
}
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
# عشرات "tens of", مئات "hundreds of", بضع/بضعة "a few", نيف "and some" (ثلاثون ونيف).
_VAGUE = ("عشرات", "مئات", "بضع", "بضعة", "نيف", "ونيف")
_ORDINALS = (
    "حادي",
    "ثاني",
    "ثالث",
    "رابع",
    "خامس",
    "سادس",
    "سابع",
    "ثامن",
    "تاسع",
    "عاشر",
)


def _lexicon() -> dict[str, tuple[str, float]]:
    lex: dict[str, tuple[str, float]] = {}

    def add(word: str, kind: str, value: float) -> None:
        lex[normalize(word)] = (kind, value)

    for value, forms in _UNITS.items():
        for w in forms:
            add(w, "unit", value)
    add("عشر", "ten", 10)
    add("عشرة", "ten", 10)
    # 11 and 12 are fixed two-word compounds: أحد/إحدى alone mean "one of", اثنا/اثني
    # only occur before عشر. Written as one lexicon entry so "واحد" is never و + أحد.
    for first, value in (("أحد", 11), ("إحدى", 11), ("اثنا", 12), ("اثني", 12)):
        for second in ("عشر", "عشرة"):
            add(f"{first} {second}", "teen", value)
    for first in ("اثنتا", "اثنتي"):
        for second in ("عشر", "عشرة"):
            add(f"{first} {second}", "teen", 12)
    for value, forms in _TENS.items():
        for w in forms:
            add(w, "tens", value)
    for h in (*_HUNDRED, "مئه"):
        add(h, "hundred", 100)
    for h in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"):
        add(h, "hundreds", 200)
    for value, stems in _HUNDRED_STEMS.items():
        for stem in stems:
            for h in _HUNDRED:
                add(stem + h, "hundreds", value * 100)
    for scale, (singular, accusative, dual, plural) in _SCALES.items():
        for w in singular:
            add(w, "scale", scale)
        for w in accusative:
            add(w, "acc", scale)
        for w in dual:
            add(w, "dual", 2 * scale)
        for w in plural:
            add(w, "plural", scale)
    for w, part in _FRACTIONS.items():
        add(w, "fraction", part)
    add("أرباع", "fractions", 0.25)
    for w in _VAGUE:
        add(w, "vague", 0)
    for w in _ORDINALS:
        add(w, "ordinal", 0)
        add(w + "ة", "ordinal", 0)
    return lex


LEXICON = _lexicon()

# --- The atom regex -----------------------------------------------------------------------

# Diacritics (incl. tanween and shadda) and tatweel may follow any letter: ``ألفًا``, ``بـخمسة``.
_M = "[\u064b-\u065f\u0670\u0640]*"
# A normalised letter matches every spelling that normalises to it.
_LETTER = {
    "ا": "[اأإآٱ]",
    "ي": "[يىی]",
    "ه": "[هة]",
    "ك": "[كک]",
    " ": r"\s+",
}
_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: list[str]) -> str:
    """A regex for ``words`` shaped as a character trie, so the engine never retries the
    same prefix for each word (a flat alternation of the ~140 words is about 5x slower)."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word

    def emit(node: _Trie) -> str:
        branches = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            piece = _LETTER.get(ch, re.escape(ch))
            mark = "" if ch == " " else _M
            branches.append(piece + mark + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


# Proclitics: conjunction و/ف, then a preposition ب/ك/ل and/or the article (بال, كال, لل, ال).
_PRE = rf"(?:[وف]{_M})?(?:[بك]{_M}[اٱ]ل{_M}|ل{_M}ل{_M}|[بكل]{_M}|[اٱ]ل{_M})?"
# Grouped thousands (1,245 / ١٬٢٤٥ / 1.245.000), decimals (3.5 / ٣٫٥ / 6,5) and integers.
_DIGITS = (
    rf"{_D}{{1,3}}(?:\.{_D}{{3}}){{2,}}"
    rf"|{_D}{{1,3}}(?:[,٬]{_D}{{3}})+(?:[.٫]{_D}+)?"
    rf"|{_D}+(?:[.٫]{_D}+|,{_D}{{1,2}})?"
)
# A letter, digit or mark: what may not touch a number on either side. (Underscores, which
# \w includes, are replaced by spaces before the scan: see find_numbers.)
_WORDCHAR = r"[\w\u064b-\u065f\u0670\u06d6-\u06ed]"
_ATOM_BODY = (
    # Not inside a word or number, and not a model or code name's number (F-16, كوفيد-19).
    rf"(?<!{_WORDCHAR})(?<!\w[\-‐/.,:٫٬])"
    rf"(?P<pre>{_PRE})"
    rf"(?:(?P<dig>{_DIGITS})(?!{_D}|[.,٫٬:/\-]{_D})"
    # Dates, clock times, ranges, scores and versions are not quantities: consume and skip.
    rf"|(?P<skip>{_D}+(?:[.,٫٬/:\-]{_D}+)+)"
    rf"|(?P<w>{_trie_pattern(sorted(LEXICON))})(?!{_WORDCHAR}))"
)
# Speed: the lazy loop steps over whole non-number words (an atom is tried only where a
# word starts), and `|\Z` lets a scan with no atom left end at once instead of being retried
# from every later position. One match per atom; the last match (at \Z) has no `pre`.
# This runs 3-5x faster than trying the atom at every character.
_ATOM = re.compile(rf"(?:\w+\W*)*?(?:{_ATOM_BODY}|\Z)")
_PERCENT = re.compile(
    rf"[ \u00a0]?[%٪]|\s+(?:في|فى)\s+[اٱ]ل{_M}(?:مئة|مائة|مئه|مائه|مية){_M}(?!{_WORDCHAR})"
    rf"|\s+بال{_M}(?:مئة|مائة|مئه|مائه|مية){_M}(?!{_WORDCHAR})"
)
# Space between the atoms of one number: no line break, optionally a free-standing و.
_GAP = re.compile(r"[ \t\u00a0\u200e\u200f]+(?:و[ \t\u00a0\u200e\u200f]*)?")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\S+)")
_PREV_WORD = re.compile(r"(\S+)[ \t\u00a0]+$")
_NEXT_DIGIT = re.compile(rf"[ \t\u00a0]+{_D}")
_MARKS = re.compile(_M[:-1])
_DIGIT_MAP = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "٫": ".",
        "٬": ",",
    }
)
_GROUPED_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_GROUPED_DOT = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
# "ست" is also "lady" (ست الكل, الست أم كلثوم) and part of transliterations (آبر وست سايد).
_SITT_NEXT = frozenset({"سايد", "هام"})


# --- 2. Combining atoms into phrases -------------------------------------------------------

_SCALE_KINDS = frozenset({"scale", "acc", "dual", "plural"})
_FIRST_SLOTS = {
    "unit": {"u"},
    "ten": {"t"},
    "teen": {"u", "t"},
    "tens": {"t"},
    "hundred": {"h"},
    "hundreds": {"h"},
    "digits": {"d"},
    "fraction": {"f"},
}


class _Atom:
    """One digit group or lexicon word, with its proclitics."""

    __slots__ = (
        "conj",
        "definite",
        "end",
        "joined",
        "key",
        "kind",
        "prep",
        "start",
        "value",
        "word",
    )

    def __init__(self, m: re.Match[str]) -> None:
        self.start = m.start("pre")  # including proclitics
        self.end = m.end()
        self.joined = False  # set when it continues a phrase after و
        self.conj, self.definite, self.prep = _proclitics(m.group("pre"))
        # dig, skip or w: no capturing group follows them in the pattern.
        group = m.lastgroup or "skip"
        self.word = m.start(group)
        if group == "w":
            self.key, self.kind, self.value = _word(m.group("w"))
        else:
            self.key = ""
            self.kind = "digits" if group == "dig" else "skip"
            self.value = _digits_value(m.group(group)) if group == "dig" else 0.0


# Both caches hold a few hundred spellings at most: news writes numbers the same few ways.
@lru_cache(maxsize=1024)
def _proclitics(pre: str) -> tuple[bool, bool, bool]:
    """(conjunction و, definite, other proclitics) for the proclitics before an atom."""
    pre = _MARKS.sub("", pre)
    rest = pre[1:] if pre[:1] in ("و", "ف") else pre
    # The article is ال, or the second ل of لل (ل + ال).
    definite = rest.endswith("ال") or rest == "لل"
    # Anything but و and ال before a word starts a new number: "مليون بخمسة" is two.
    return pre[:1] == "و", definite, pre[:1] == "ف" or rest not in ("", "ال")


@lru_cache(maxsize=4096)
def _word(word: str) -> tuple[str, str, float]:
    """(search form, kind, value) of a matched lexicon word."""
    key = normalize(word)
    kind, value = LEXICON.get(key, ("skip", 0.0))
    if "\u0651" in word and key == "الف":
        kind = "skip"  # ألّف "he wrote", not ألف "thousand"
    elif kind == "acc" and "\u064b" in word:
        kind = "scale"  # tanween: ألفًا is "a thousand", not the dual ألفا
    return key, kind, value


class _Phrase:
    """One number read left to right.

    ``total`` holds the parts already multiplied by a scale word, ``cur`` the group below
    the next scale, ``slots`` which parts of that group are filled (h hundreds, u units,
    t tens, d digits, f fraction), so each part is taken once: "ثلاثة وأربعة" is two numbers.
    ``group_start`` is where the current group began in ``atoms``.
    """

    __slots__ = (
        "atoms",
        "cur",
        "group_start",
        "last",
        "last_scale",
        "ordinal",
        "slots",
        "total",
        "vague",
    )

    def __init__(self, atom: _Atom) -> None:
        self.atoms = [atom]
        self.total = 0.0
        self.cur = 0.0
        self.slots: set[str] = set()
        self.last_scale = 0.0
        self.group_start = 0
        self.vague = self.ordinal = False
        self.last = atom.kind
        k, v = atom.kind, atom.value
        if k == "ordinal":
            self.ordinal = True
        elif k in ("vague", "plural", "skip", "fractions"):
            # آلاف / ملايين alone are "thousands / millions of": no value.
            self.vague = True
        elif k in ("acc", "dual", "scale"):
            # ألفا standing first is the dual construct (ألفا جندي, two thousand soldiers).
            self.total = 2 * v if k == "acc" else v
            self.last_scale = v / 2 if k == "dual" else v
            self.group_start = 1
        else:
            self.cur = v
            self.slots = set(_FIRST_SLOTS.get(k, ()))

    @classmethod
    def replay(cls, atoms: list[_Atom]) -> _Phrase:
        p = cls(atoms[0])
        for a in atoms[1:]:
            p.add(a, a.joined)
        return p

    def add(self, a: _Atom, joined: bool) -> bool:
        """Take ``a`` into this number, or return False when it starts a new one."""
        if not self._add(a, joined):
            return False
        a.joined = joined
        self.atoms.append(a)
        self.last = a.kind
        if a.kind in _SCALE_KINDS:
            self.group_start = len(self.atoms)
        return True

    def split_group(self) -> tuple[_Phrase, _Phrase] | None:
        """For "30 مليار و60 مليار": when a scale word cannot follow, the group after the
        last scale (here "و60") was the start of a second number. None when there is none."""
        g = self.group_start
        if 0 < g < len(self.atoms) and self.atoms[g].joined:
            return _Phrase.replay(self.atoms[:g]), _Phrase.replay(self.atoms[g:])
        return None

    def _add(self, a: _Atom, joined: bool) -> bool:
        k, v = a.kind, a.value
        if a.prep or k == "skip":
            return False
        if self.ordinal:  # الحادي عشر, الخامس والعشرين
            return (k == "ten" and not joined) or (k == "tens" and joined)
        if self.vague:  # عشرات الآلاف, بضعة آلاف, بضع مئات
            return not joined and k in ("plural", "scale", "ten", "vague", "hundred")
        if a.definite:
            # مليون ونصف المليون: "and half of the million" names the scale again.
            return self.last == "fraction" and k in _SCALE_KINDS and v == self.last_scale
        if joined:
            return self._add_joined(k, v)
        s = self.slots
        # Without و only the teen and multiplying constructions continue a number.
        if k == "ten" and self.last == "unit" and "u" in s and s <= {"h", "u"}:
            self.cur += 10  # خمسة عشر
            s.add("t")
            return True
        if k == "hundred" and (s == {"u"} or (s == {"d"} and self.cur < 10)):
            self.cur *= 100  # ثلاث مئة
            self.slots = {"h"}
            return True
        if k in ("scale", "acc", "plural"):
            if self.cur and self._smaller(v):
                self.total += self.cur * v  # ثلاثة آلاف, 2.5 مليون, خمسة عشر ألفا
                self.cur = 0.0
                self.slots = set()
                self.last_scale = v
                return True
            if not self.cur and self.total and v > self.last_scale and k != "plural":
                self.total *= v  # ألف مليون
                self.last_scale = v
                return True
            return False
        if k == "fractions" and s == {"u"}:
            self.cur *= v  # ثلاثة أرباع
            return True
        return False

    def _add_joined(self, k: str, v: float) -> bool:
        s = self.slots
        if k == "vague":  # ثلاثون ونيف
            self.vague = True
            return True
        if k in ("digits", "unit", "ten", "teen") and not s & {"u", "t", "d", "f"}:
            self.cur += v  # ألف و500, مئة وخمسة
            s |= _FIRST_SLOTS[k]
            return True
        if k == "tens" and not s & {"t", "d", "f"}:
            self.cur += v  # واحد وعشرون
            s.add("t")
            return True
        if k in ("hundred", "hundreds") and not s:
            self.cur += v  # ألف وخمسمئة
            s.add("h")
            return True
        if k in ("scale", "acc", "dual") and not s and self._smaller(v / 2 if k == "dual" else v):
            self.total += v  # مليون وألفان
            return True
        if k == "fraction" and "f" not in s and (self.cur or self.last_scale):
            if self.cur:
                self.cur += v  # ثلاثة ونصف
            else:
                self.total += v * self.last_scale  # مليون ونصف
            s.add("f")
            return True
        return False

    def _smaller(self, scale: float) -> bool:
        return not self.last_scale or scale < self.last_scale

    @property
    def value(self) -> float:
        return self.total + self.cur


def _digits_value(s: str) -> float:
    s = s.translate(_DIGIT_MAP)
    if _GROUPED_DOT.fullmatch(s):
        return float(s.replace(".", ""))
    if _GROUPED_COMMA.fullmatch(s):
        return float(s.replace(",", ""))
    # A comma before one or two digits is a decimal comma (Maghrebi and French style: 6,5).
    return float(s.replace(",", "."))


def _joined(text: str, end: int, atom: _Atom) -> bool | None:
    """Whether ``atom`` continues the number ending at ``end`` after و (True), after
    spaces only (False), or cannot continue it at all (None: a line break, punctuation)."""
    gap = _GAP.fullmatch(text, end, atom.start)
    if gap is None:
        return None
    standalone_and = "و" in gap.group()
    if standalone_and and atom.conj:
        return None  # "و وخمسة"
    return standalone_and or atom.conj


# --- 3. Keeping only cardinal numbers -----------------------------------------------------


def _keep(p: _Phrase, text: str) -> bool:
    if p.ordinal or p.vague:
        return False
    first = p.atoms[0]
    if first.kind == "digits" and first.definite:
        return False  # الـ66 is "the 66th" (المرتبة الـ66, الدورة الـ71)
    if len(p.atoms) > 1:
        return True
    if first.definite and first.kind not in ("unit", "ten", "teen"):
        # العشرين / المئة / المليون standing alone are ordinals or names (القرن العشرين).
        return False
    if first.definite and first.key == "اثنين":
        return False  # الاثنين is Monday
    if first.key == "تسع" and not first.definite and _NEXT_DIGIT.match(text, first.end):
        return False  # the verb "holds" before a figure: القاعة التي تسع 450 شخصا
    if first.key == "واحد" and first.definite:
        prev = _PREV_WORD.search(text, 0, first.start)
        return not (prev and normalize(prev.group(1)) == "عبد")  # the name عبد الواحد
    if first.key == "ست":
        return _is_six(first, text)
    if first.kind == "fraction":
        if first.conj:
            return False  # "ساعة ونصف": "… and a half" of a word that is not a number
        nxt = _NEXT_WORD.match(text, first.end)
        return not (nxt and normalize(nxt.group(1)).removeprefix("ال").startswith("نهائي"))
    return True


def _is_six(a: _Atom, text: str) -> bool:
    """ست is six before an indefinite counted noun (ست سنوات); "lady" before a definite
    name or noun (ست الكل, الست أم كلثوم), and part of لست ("I am not")."""
    if a.prep:
        return False
    if a.definite:  # الروايات الست: "the six" follows a definite noun
        prev = _PREV_WORD.search(text, 0, a.start)
        return bool(prev and normalize(prev.group(1)).startswith("ال"))
    nxt = _NEXT_WORD.match(text, a.end)
    return not (nxt and (normalize(nxt.group(1)).startswith("ال") or nxt.group(1) in _SITT_NEXT))


def find_numbers(text: str) -> list[Number]:
    """All cardinal numbers in ``text``, in order, with spans and values.

    1. find number atoms (digits, lexicon words with proclitics) with one regex;
    2. combine adjacent atoms into compound numbers;
    3. drop ordinals, vague quantities, dates/times and homographs; extend percentages.
    """
    out: list[Number] = []
    phrase: _Phrase | None = None
    skip_until = 0

    def flush(p: _Phrase) -> None:
        nonlocal skip_until
        if not _keep(p, text):
            return
        start, end = p.atoms[0].word, p.atoms[-1].end
        pct = _PERCENT.match(text, end)
        if pct:
            end = pct.end()
            skip_until = end  # "في المئة" must not become a second number
        out.append(Number(start, end, text[start:end], p.value))

    # 1. Hashtags join words with underscores (#مجموعة_السبع, #رؤية_2030); scan them as
    # spaces. Same length, so offsets are unchanged.
    for m in _ATOM.finditer(text.replace("_", " ") if "_" in text else text):
        if m.group("pre") is None:
            break  # the closing match at the end of the text
        atom = _Atom(m)
        # 2.
        if phrase is not None:
            joined = _joined(text, phrase.atoms[-1].end, atom)
            if joined is not None:
                if phrase.add(atom, joined):
                    continue
                splits = not joined and not atom.definite and atom.kind in _SCALE_KINDS
                halves = phrase.split_group() if splits else None
                if halves is not None:
                    flush(halves[0])
                    phrase = halves[1]
                    if phrase.add(atom, joined):
                        continue
            # 3.
            flush(phrase)
            phrase = None
        if atom.start < skip_until:
            continue
        phrase = _Phrase(atom)
    if phrase is not None:
        flush(phrase)
    return out


class NumberStage:
    """Stage: ``text`` → ``numbers`` (cardinal numbers with values, offsets into ``text``)."""

    name = "numbers"
    requires = frozenset({"text", "times"})
    provides = frozenset({"numbers"})

    def process(self, doc: Document) -> Document:
        # The day and year of "24 شباط/فبراير 2022" are parts of a date, not quantities.
        taken = [(t.start, t.end) for t in doc.times]
        doc.numbers = [
            n
            for n in find_numbers(doc.text)
            if not any(s < n.end and n.start < e for s, e in taken)
        ]
        return doc


__all__ = ["LEXICON", "NumberStage", "find_numbers"]
