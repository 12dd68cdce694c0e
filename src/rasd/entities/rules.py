"""Corrections after the CRF, each following a convention of the training annotation.

- Names on the hand-kept list of international organisations are organisations.

- An organisation named by a generic head is named with the nisba that follows it:
  NewsFANE annotates ``الجيش الاسرائيلي``, ``الحكومة السودانية``, ``مجلس الشيوخ الامريكي``,
  ``وزارة الطاقة الاميركية`` with the nisba inside (186 such spans in train against 78
  left out, and those are mostly clubs and companies: ``ريال مدريد`` + ``الاسباني``).
  The CRF, seeing ``مجلس الأمن`` mostly alone, stops before ``الروسي``; the rule carries on.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasd.entities.features import Resources, strip_clitics
from rasd.entities.labels import Span, bio, spans

# Heads (search form, without article or clitics) of organisations that take a nisba.
GENERIC_HEADS = frozenset(
    {
        "جيش",
        "حكومه",
        "شرطه",
        "اتحاد",
        "جامعه",
        "مجلس",
        "وزاره",
        "هيئه",
        "منظمه",
        "خارجيه",
        "رئاسه",
        "برلمان",
        "محكمه",
        "بحريه",
        "مخابرات",
        "استخبارات",
        "سفاره",
        "وكاله",
        "لجنه",
    }
)


def _head(word: str) -> str:
    for form in (word, *strip_clitics(word)):
        bare = form[2:] if form.startswith("ال") else form
        if bare in GENERIC_HEADS:
            return bare
    return word


def apply_rules(words: Sequence[str], tags: list[str], res: Resources) -> list[str]:
    """``words`` in search form, ``tags`` coarse BIO; returns corrected tags."""
    items = spans(tags) + _organisations(words, tags, res)
    if not items:
        return tags
    out = []
    for sp in items:
        end = sp.end
        if sp.label == "ORG" and _head(words[sp.start]) in GENERIC_HEADS:
            while end < len(words) and tags[end] == "O" and res.nisba_code(words[end]):
                end += 1
        out.append(Span(sp.start, end, sp.label))
    return bio(len(tags), sorted(out))


def _organisations(words: Sequence[str], tags: list[str], res: Resources) -> list[Span]:
    """Untagged names from the hand-kept list of international organisations (kind
    ``org`` in the gazetteer: ``مجموعة العشرين`` is made of two ordinary words, which the
    CRF reads as such)."""
    found = []
    i = 0
    while i < len(words):
        end = i
        if tags[i] == "O":
            for rest, kind in res.entries(words[i]):
                stop = i + 1 + len(rest)
                if (
                    kind == "org"
                    and stop > end
                    and tuple(words[i + 1 : stop]) == rest
                    and all(t == "O" for t in tags[i:stop])
                ):
                    end = stop
        if end > i:
            found.append(Span(i, end, "ORG"))
            i = end
        else:
            i += 1
    return found


def propagate(
    words: Sequence[Sequence[str]], tags: Sequence[list[str]], res: Resources
) -> list[list[str]]:
    """One document, one reading: a name the tagger found once is a name wherever else it
    stands untagged in the same document (``فرويد`` after ``سيغموند فرويد``), with the
    type it was given most often; where the tagger gave it a type less often than that
    one, it is retyped to it. The surname of a multi-word person counts alone.
    Frequent ordinary words (``الاسد`` is also "the lion") are left alone."""
    found: dict[tuple[str, ...], dict[str, int]] = {}
    for ws, ts in zip(words, tags, strict=True):
        for sp in spans(ts):
            keys = [tuple(ws[sp.start : sp.end])]
            if sp.label == "PER" and sp.end - sp.start > 1:
                keys.append((ws[sp.end - 1],))
            for key in keys:
                votes = found.setdefault(key, {})
                votes[sp.label] = votes.get(sp.label, 0) + 1
    names = {
        key: max(votes, key=lambda label: votes[label])
        for key, votes in found.items()
        if sum(map(len, key)) >= 3 and not (len(key) == 1 and _common(key[0], res))
    }
    if not names:
        return [list(t) for t in tags]
    # The longest name each first word starts: most words start none and are passed by.
    longest: dict[str, int] = {}
    for key in names:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    out = []
    for ws, sent_tags in zip(words, tags, strict=True):
        ts = _majority_types(ws, sent_tags, found, names)
        i = 0
        while i < len(ws):
            hit = None
            if ts[i] == "O" and ws[i] in longest:
                for n in range(min(longest[ws[i]], len(ws) - i), 0, -1):
                    key = tuple(ws[i : i + n])
                    if all(t == "O" for t in ts[i : i + n]) and key in names:
                        hit = (n, names[key])
                        break
            if hit:
                n, label = hit
                ts[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
                i += n
            else:
                i += 1
        out.append(ts)
    return out


def _majority_types(
    ws: Sequence[str],
    tags: Sequence[str],
    found: dict[tuple[str, ...], dict[str, int]],
    names: dict[tuple[str, ...], str],
) -> list[str]:
    """The sentence's tags with each name retyped to the type the document gives it most
    (``فوبيار`` read ORG once and PER twice is PER); ties keep the tagger's type."""
    out = list(tags)
    for sp in spans(tags):
        key = tuple(ws[sp.start : sp.end])
        label = names.get(key)
        if label and label != sp.label and found[key][label] > found[key].get(sp.label, 0):
            out[sp.start : sp.end] = [f"B-{label}"] + [f"I-{label}"] * (sp.end - sp.start - 1)
    return out


def _common(word: str, res: Resources) -> bool:
    # Seen more than 300 times in the ANT counts: likely an ordinary word (المسجد) that the
    # tagger once took for a name; names it needs to carry are rarer than that.
    return res.counts.get(word, 0) > 300
