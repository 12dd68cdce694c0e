"""The Hugging Face backend with a tiny randomly initialised model the test builds on
disk (no download). Skipped when transformers or torch is not installed (the
``rasd[transformers]`` extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.entities import HFBackend, ModelError, get_backend, tag_sentences
from rasd.entities.tagger import _bio

LABELS = ["O", "B-Politician", "I-Politician", "B-PERS", "I-PERS", "B-LOC", "I-LOC"]
WORDS = ["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "."]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers

    path = tmp_path_factory.mktemp("tiny-ner")
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *WORDS])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
    )
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    import torch

    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    # A random model tags at random; a large bias on one label makes the outcome known.
    with torch.no_grad():
        model.classifier.bias.zero_()
        model.classifier.bias[LABELS.index("B-Politician")] = 100.0
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path


def test_entities_hf_backend_tags_every_word_from_disk(tiny_model: Path) -> None:
    backend = get_backend(str(tiny_model))
    assert isinstance(backend, HFBackend)
    tags = backend.tag([WORDS, [], ["موسكو", "كلمةمجهولة"]])
    assert tags[0] == ["B-Politician"] * len(WORDS)
    assert tags[1] == []
    assert len(tags[2]) == 2
    assert tag_sentences([WORDS[:2]], backend) == [["B-PER", "B-PER"]]


def test_entities_hf_backend_feeds_the_stage(tiny_model: Path) -> None:
    from rasd.arabic.stage import ArabicStage
    from rasd.document import Document, Source
    from rasd.entities import find_mentions

    text = "قال الرئيس بوتين"
    doc = ArabicStage().process(Document(id="x", source=Source("text"), raw=text, text=text))
    mentions = find_mentions(doc, HFBackend(tiny_model))
    assert [(m.text, m.type, m.fine) for m in mentions] == [
        ("قال", "PER", "Politician"),
        ("الرئيس", "PER", "Politician"),
        ("بوتين", "PER", "Politician"),
    ]


def test_entities_hf_backend_refuses_a_directory_without_a_model(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    with pytest.raises(ModelError, match="model"):
        HFBackend(tmp_path)


@pytest.mark.parametrize(
    ("label", "tag"),
    [("B-PER", "B-PER"), ("PER", "I-PER"), ("S-LOC", "B-LOC"), ("E-ORG", "I-ORG"), ("O", "O")],
)
def test_entities_hf_label_schemes(label: str, tag: str) -> None:
    assert _bio(label) == tag
