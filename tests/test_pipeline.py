"""Checked pipelines: requires/provides at build time, drops counted by reason."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from rasd.document import Document, Source
from rasd.errors import PipelineError
from rasd.pipeline import READER_LAYERS, Drop, Pipeline, Stage


@dataclass
class FakeStage:
    name: str
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    action: Callable[[Document], Document | Drop] | None = None
    seen: list[str] = field(default_factory=list)

    def process(self, doc: Document) -> Document | Drop:
        self.seen.append(doc.id)
        return self.action(doc) if self.action else doc


def stage(
    name: str,
    requires: str = "",
    provides: str = "",
    action: Callable[[Document], Document | Drop] | None = None,
) -> FakeStage:
    """A stage from space-separated layer names."""
    return FakeStage(name, frozenset(requires.split()), frozenset(provides.split()), action)


def doc(doc_id: str, path: str | None = None) -> Document:
    return Document(id=doc_id, source=Source(format="text", path=path), raw="نص")


def fail(doc: Document) -> Document:
    raise ValueError(f"cannot handle {doc.id}")


def test_pipeline_stage_protocol_is_runtime_checkable() -> None:
    assert isinstance(stage("x"), Stage)
    assert not isinstance(object(), Stage)


def test_pipeline_builds_when_requirements_are_met() -> None:
    pipeline = Pipeline(
        [
            stage("extract", "raw", "text title"),
            stage("arabic", "text", "sentences tokens"),
            stage("entities", "sentences tokens", "mentions"),
        ]
    )
    assert pipeline.provides == READER_LAYERS | {"text", "title", "sentences", "tokens", "mentions"}
    assert repr(pipeline) == "Pipeline([extract, arabic, entities])"


def test_pipeline_missing_layer_names_layer_and_stage() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([stage("extract", "raw", "text"), stage("entities", "text sentences", "mentions")])
    message = str(info.value)
    assert "'entities'" in message
    assert "['sentences']" in message
    # ... and says what was available, so the fix is obvious.
    assert "['raw', 'source', 'text']" in message


def test_pipeline_wrong_order_fails_at_build() -> None:
    arabic = stage("arabic", "text", "sentences")
    extract = stage("extract", "raw", "text")
    with pytest.raises(PipelineError, match="'arabic' requires \\['text'\\]"):
        Pipeline([arabic, extract])
    Pipeline([extract, arabic])  # the right order builds


def test_pipeline_stage_cannot_satisfy_its_own_requirement() -> None:
    with pytest.raises(PipelineError, match="'loop'"):
        Pipeline([stage("loop", "text", "text")])


def test_pipeline_given_layers_replace_reader_layers() -> None:
    with pytest.raises(PipelineError):
        Pipeline([stage("arabic", "text", "sentences")])
    assert "sentences" in Pipeline([stage("arabic", "text", "sentences")], given={"text"}).provides
    with pytest.raises(PipelineError, match="'extract'"):
        Pipeline([stage("extract", "raw", "text")], given=set())


def test_pipeline_empty_passes_documents_through() -> None:
    pipeline = Pipeline([])
    d = doc("a")
    assert pipeline(d) is d


def test_pipeline_records_layers_on_document() -> None:
    pipeline = Pipeline(
        [stage("extract", "raw", "text"), stage("arabic", "text", "sentences tokens")]
    )
    result = pipeline(doc("a"))
    assert isinstance(result, Document)
    assert result.layers == {"text", "sentences", "tokens"}


def test_pipeline_stage_exception_becomes_drop_and_batch_goes_on() -> None:
    before = stage("extract", "raw", "text")
    boom = stage("boom", "text", "x", action=lambda d: fail(d) if d.id == "bad" else d)
    after = stage("after", "x", "y")
    pipeline = Pipeline([before, boom, after])

    results = list(pipeline.run([doc("ok1"), doc("bad", path="/in/bad.txt"), doc("ok2")]))

    assert [type(r).__name__ for r in results] == ["Document", "Drop", "Document"]
    drop = results[1]
    assert drop == Drop(
        reason="ValueError in boom: cannot handle bad",
        source="/in/bad.txt",
        stage="boom",
        doc_id="bad",
    )
    assert after.seen == ["ok1", "ok2"]  # later stages never see the dropped document
    assert pipeline.drops == Counter({"ValueError in boom": 1})


def test_pipeline_drop_source_falls_back_to_record_id_then_doc_id() -> None:
    pipeline = Pipeline([stage("boom", action=fail)])
    record = Document(id="sha256:x", source=Source(format="jsonl", id="rec-7"), raw="")
    bare = Document(id="sha256:y", source=Source(format="jsonl"), raw="")
    assert [r.source for r in pipeline.run([record, bare]) if isinstance(r, Drop)] == [
        "rec-7",
        "sha256:y",
    ]


def test_pipeline_stage_returning_drop_stops_the_document() -> None:
    dropper = stage(
        "filter",
        action=lambda d: Drop("not Arabic: 3% Arabic letters", d.id, stage="filter", doc_id=d.id),
    )
    after = stage("after")
    pipeline = Pipeline([dropper, after])
    (result,) = pipeline.run([doc("a")])
    assert isinstance(result, Drop)
    assert result.stage == "filter"
    assert after.seen == []


def test_pipeline_counts_drops_by_reason() -> None:
    pipeline = Pipeline(
        [
            stage(
                "filter",
                action=lambda d: Drop("too short: 3 words", d.id) if "short" in d.id else d,
            )
        ]
    )
    items: list[Document | Drop] = [
        Drop("no such file", "a.txt"),
        doc("short-1"),
        Drop("invalid JSON: Expecting value: line 1 column 1 (char 0)", "r.jsonl:3"),
        doc("long"),
        Drop("invalid JSON: Unterminated string", "r.jsonl:9"),
        doc("short-2"),
        Drop("no such file", "b.txt"),
    ]
    results = list(pipeline.run(items))
    # Reader drops pass straight through, in order.
    assert [r.source if isinstance(r, Drop) else r.id for r in results] == [
        "a.txt",
        "short-1",
        "r.jsonl:3",
        "long",
        "r.jsonl:9",
        "short-2",
        "b.txt",
    ]
    assert pipeline.drops == Counter({"no such file": 2, "invalid JSON": 2, "too short": 2})


def test_pipeline_run_is_lazy() -> None:
    seen = stage("seen")
    pipeline = Pipeline([seen])
    results = pipeline.run(iter([doc("a"), doc("b")]))
    assert seen.seen == []
    next(results)
    assert seen.seen == ["a"]


def test_pipeline_stage_returning_none_becomes_drop() -> None:
    sloppy = stage("sloppy", action=lambda d: None if d.id == "bad" else d)  # type: ignore[arg-type,return-value]
    results = list(Pipeline([sloppy]).run([doc("bad"), doc("ok")]))
    assert [type(r).__name__ for r in results] == ["Drop", "Document"]
