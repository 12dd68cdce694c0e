"""The model shipped in rasd/models: present, small, loaded once, and sensible."""

from __future__ import annotations

import json

from rasd.entities import tag_sentences
from rasd.entities.tagger import CRFBackend, crf_backend, models_dir


def test_entities_model_files_are_shipped_and_small() -> None:
    files = {p.name: p.stat().st_size for p in models_dir().iterdir()}
    for name in (
        "ner_crf.crfsuite",
        "ner_fine.crfsuite",
        "ner_clusters.tsv.gz",
        "ner_model.json",
        "ner_vectors.npz",
        "ner_net_1.npz",
        "ner_net_2.npz",
    ):
        assert name in files
    assert "LICENSE-CC-BY-SA-3.0.txt" in files
    # Most of it is the news vectors (107k words × 96 numbers, float16) the networks read.
    assert sum(size for name, size in files.items() if name.startswith("ner_")) < 40_000_000


def test_entities_model_records_how_it_was_trained() -> None:
    meta = json.loads((models_dir() / "ner_model.json").read_text(encoding="utf-8"))
    assert meta["seed"]
    assert meta["feature_set"] == "full"
    assert 0.0 < meta["dev"]["f1"] <= 1.0


def test_entities_model_loads_once() -> None:
    assert crf_backend() is crf_backend()
    assert CRFBackend().load_seconds < 5.0


def test_entities_model_tags_names_it_never_saw_in_training() -> None:
    # Neither أنتوني nor بلينكن occurs in NewsFANE train; وطهران is one token here.
    tags = tag_sentences(
        [["زار", "وزير", "الخارجية", "الأميركي", "أنتوني", "بلينكن", "بغداد", "."]]
    )
    assert tags[0][4:7] == ["B-PER", "I-PER", "B-GPE"]
    tags = tag_sentences([["قال", "إن", "موسكو", "وطهران", "تتقاربان"]])
    assert tags[0][2:4] == ["B-GPE", "B-GPE"]


def test_entities_model_reads_a_call_as_one_document() -> None:
    # Found once with a clear context, a new name is found where the context says less.
    doc = [
        [
            "وقال",
            "نيكيتا",
            "سماغين",
            "،",
            "الخبير",
            "في",
            "الشؤون",
            "الايرانية",
            "إن",
            "موسكو",
            "تتقدم",
        ],
        ["وقال", "الباحث", "نيكيتا", "سماغين", "إن", "موسكو", "وطهران", "تتقاربان"],
    ]
    # (Alone, the second sentence's name is missed by the model shipped today.)
    assert tag_sentences(doc)[1][2:4] == ["B-PER", "I-PER"]


def test_entities_model_fine_classes_belong_to_their_type() -> None:
    from rasd.entities.labels import FINE_TO_TYPE, coarse, spans

    tags = tag_sentences(
        [["أعلنت", "وزارة", "الخارجية", "الروسية", "أن", "بوتين", "سيزور", "بكين"]], fine=True
    )
    for sp in spans(tags[0]):
        assert sp.label not in FINE_TO_TYPE or coarse(sp.label) == FINE_TO_TYPE[sp.label]
