"""The sentence classifier: the shipped model loads and predicts; training recovers a signal."""

from __future__ import annotations

import io

import pytest

from rasd.events.classifier import SentenceClassifier, best_threshold, fit


def test_events_classifier_shipped_model_loads() -> None:
    clf = SentenceClassifier.shipped()
    assert clf is not None
    assert clf.types == {"PROTEST", "ASSAULT"}
    for kind in clf.types:
        assert 0.0 < clf.threshold(kind) < 1.0
        p = clf.probability({"bias", "lex"}, kind)
        assert 0.0 <= p <= 1.0


def test_events_classifier_dump_and_load_round_trip() -> None:
    clf = SentenceClassifier({"PROTEST": {"bias": -1.0, "lex": 2.5}}, {"PROTEST": 0.4})
    again = SentenceClassifier.load(io.StringIO(clf.dump("test")))
    assert again.weights == clf.weights
    assert again.thresholds == clf.thresholds


def test_events_classifier_fit_learns_a_feature() -> None:
    pytest.importorskip("numpy")
    rows = [({"bias", "lex", "good"}, True)] * 20 + [({"bias", "lex", "bad"}, False)] * 60
    w = fit(rows, l2=1.0, epochs=200)
    clf = SentenceClassifier({"X": w})
    assert clf.probability({"bias", "lex", "good"}, "X") > 0.8
    assert clf.probability({"bias", "lex", "bad"}, "X") < 0.2


def test_events_classifier_threshold_only_passes_lexicon_hits() -> None:
    probs = [(0.9, True, True), (0.8, False, True), (0.95, True, False), (0.2, False, True)]
    t = best_threshold(probs)
    assert 0.8 < t <= 0.9
