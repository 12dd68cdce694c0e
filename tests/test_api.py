"""The public Python API."""

from __future__ import annotations

import rasd


def test_api_all_is_pinned() -> None:
    assert set(rasd.__all__) == {
        "Boilerplate",
        "Dateline",
        "Document",
        "Drop",
        "Entity",
        "Event",
        "InputError",
        "Mention",
        "Pipeline",
        "PipelineError",
        "QueryError",
        "Quote",
        "RasdError",
        "Sentence",
        "Source",
        "Stage",
        "StoreError",
        "Token",
        "__version__",
        "analyze",
        "analyze_paths",
        "default_pipeline",
    }
    for name in rasd.__all__:
        assert hasattr(rasd, name)


def test_api_analyze_returns_typed_document() -> None:
    doc = rasd.analyze("زار الوزير طهران أمس.", published="2022-11-13")
    assert isinstance(doc, rasd.Document)
    assert doc.published == "2022-11-13"
    assert doc.id.startswith("sha256:")
    assert doc.to_dict()["text"] == doc.text


def test_api_default_pipeline_layers() -> None:
    assert {
        "text",
        "title",
        "published",
        "search",
        "sentences",
        "tokens",
    } <= rasd.default_pipeline().provides
