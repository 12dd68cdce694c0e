"""The event lexicon files: forms, PLOVER tables, consistency."""

from __future__ import annotations

import pytest

from rasd.events.lexicon import TYPES, check, goldstein, lexicon, verb_forms


def test_events_lexicon_files_are_consistent() -> None:
    # Every trigger's mode is one PLOVER defines for its type, every CAMEO code exists.
    assert check() == []


@pytest.mark.parametrize(
    ("perfect", "imperfect", "forms"),
    [
        ("اتهم", "تهم", {"اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون"}),
        ("نفى", "نفي", {"نفي", "نفت", "نفوا", "ينفي", "تنفي", "ينفون"}),
        ("زار", "زور", {"زار", "زارت", "زاروا", "يزور", "تزور", "يزورون"}),
        ("دعا", "دعو", {"دعا", "دعت", "دعوا", "يدعو", "يدعون"}),
        ("أضرب", "-", {"اضرب", "اضربت", "اضربوا"}),
    ],
)
def test_events_lexicon_verb_forms(perfect: str, imperfect: str, forms: set[str]) -> None:
    assert forms <= verb_forms(perfect, imperfect)


def test_events_lexicon_imperfectless_verb_has_no_present() -> None:
    # أضرب (went on strike): its present يضرب is «hits», so the row gives none.
    assert "يضرب" not in verb_forms("أضرب", "-")


def test_events_lexicon_plover_scores() -> None:
    lex = lexicon()
    assert lex.score("CONSULT", "phone") == 1.5
    assert lex.score("CONSULT", "visit") == 4
    assert lex.score("ASSAULT", "suicide-attack") == -9.5
    assert lex.score("ASSAULT", None) == -9
    # The manual prints ACCUSE as 3; every ACCUSE mode is negative: read as -3.
    assert lex.score("ACCUSE", None) == -3
    assert set(TYPES) <= {kind for kind, _ in lex.scores}


def test_events_lexicon_crosswalk_and_goldstein() -> None:
    lex = lexicon()
    assert lex.crosswalk["041"][:2] == ("CONSULT", "phone")
    assert lex.context("072") == "military"
    assert goldstein("041") == 1.0


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("الروسي", "RUS"),
        ("الإيرانية", "IRN"),
        ("الأفغانية", "AFG"),
        ("الأمريكي", "USA"),
        ("الغربيين", "WST"),
        ("سويدياً", "SWE"),
        ("السياسي", None),
        ("الدولية", None),
        ("العربية", None),
        ("روسيا", None),
    ],
)
def test_events_lexicon_nisba(word: str, country: str | None) -> None:
    from rasd.arabic.normalize import normalize
    from rasd.events.nisba import nisba_country

    assert nisba_country(normalize(word)) == country


def test_events_lexicon_west_is_not_a_direction() -> None:
    from rasd.events.nisba import nisba_after

    assert nisba_after("عقوبات", "غربيه") == "WST"
    assert nisba_after("الضفه", "الغربيه") is None
