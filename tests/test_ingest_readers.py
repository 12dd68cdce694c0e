"""Files, directories, globs, stdin and JSONL into documents or drops: ``read_inputs``."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from rasd.document import Document, content_id
from rasd.errors import InputError
from rasd.ingest.readers import read_inputs
from rasd.pipeline import Drop

ARTICLE = "بغداد/المسلة: أجرى الرئيس الروسي فلاديمير بوتين اتصالًا هاتفيًا بنظيره الايراني.\n"
OTHER = "القاهرة: أعلنت وزارة الخارجية المصرية اليوم عن زيارة مرتقبة.\n"
PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d49484452000001000000010008060000005c72a866")
MB = 1024 * 1024


def read(*paths: str | Path, **kwargs: Any) -> list[Document | Drop]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def docs(items: list[Document | Drop]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), [str(i) for i in items]
    return [i for i in items if isinstance(i, Document)]


def write(path: Path, text: str = ARTICLE, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def jsonl(*records: Any) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_readers_text_file_becomes_document(tmp_path: Path) -> None:
    path = write(tmp_path / "article.txt")
    (doc,) = docs(read(path))
    assert doc.raw == ARTICLE
    assert doc.id == content_id(ARTICLE)
    assert (doc.source.format, doc.source.path, doc.source.encoding) == ("text", str(path), "utf-8")
    assert doc.title is None
    assert not doc.preextracted


def test_readers_legacy_encoding_file(tmp_path: Path) -> None:
    (doc,) = docs(read(write(tmp_path / "old.txt", ARTICLE, "cp1256")))
    assert doc.raw == ARTICLE
    assert doc.source.encoding == "cp1256"


def test_readers_directory_walked_in_sorted_order(tmp_path: Path) -> None:
    # Created out of order; hidden files and folders are skipped.
    for name in ["b/2.txt", "a/z/4.txt", "a/1.txt", "0.txt", ".hidden.txt", ".git/x.txt"]:
        write(tmp_path / name, f"{name} {ARTICLE}")
    names = [
        Path(d.source.path or "").relative_to(tmp_path).as_posix() for d in docs(read(tmp_path))
    ]
    assert names == ["0.txt", "a/1.txt", "a/z/4.txt", "b/2.txt"]


def test_readers_directory_reads_only_input_like_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "b.md", OTHER)
    (tmp_path / "c.jsonl").write_bytes(jsonl({"id": "c", "text": "نص ثالث"}))
    write(tmp_path / "README", "ملاحظات")
    (tmp_path / "image.png").write_bytes(PNG_HEADER)
    write(tmp_path / "a.gold.json", "{}")
    found = docs(read(tmp_path))
    assert [Path(d.source.path or "").name for d in found] == ["README", "a.txt", "b.md", "c.jsonl"]


def test_readers_glob_expands_sorted_files_only(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", OTHER)
    write(tmp_path / "a.txt")
    write(tmp_path / "notes.md")
    (tmp_path / "dir.txt").mkdir()
    found = docs(read(tmp_path / "*.txt"))
    assert [Path(d.source.path or "").name for d in found] == ["a.txt", "b.txt"]


def test_readers_glob_without_matches_is_a_drop(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    assert read(pattern) == [Drop("no such file", pattern)]


def test_readers_missing_file_is_a_drop(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    (drop,) = read(missing)
    assert drop == Drop("no such file", str(missing))
    assert str(drop) == f"{missing}: no such file"


def test_readers_file_over_max_bytes_is_a_drop(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt")
    with big.open("r+b") as fh:
        fh.truncate(2 * MB)  # sparse: cheap to create, never read
    (drop,) = read(big, max_bytes=MB)
    assert isinstance(drop, Drop)
    assert "too large" in drop.reason
    assert drop.source == str(big)


def test_readers_max_bytes_boundary(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    size = path.stat().st_size
    (doc,) = docs(read(path, max_bytes=size))
    assert doc.raw == ARTICLE
    (drop,) = read(path, max_bytes=size - 1)
    assert isinstance(drop, Drop)
    assert "too large" in drop.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(PNG_HEADER, "binary"), (b"", "empty"), (b"\n \n\t", "empty")],
    ids=["binary", "empty", "blank"],
)
def test_readers_unreadable_file_is_a_drop(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    (drop,) = read(path)
    assert isinstance(drop, Drop)
    assert reason in drop.reason
    assert drop.source == str(path)


def test_readers_batch_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt")
    binary = tmp_path / "2.txt"
    binary.write_bytes(PNG_HEADER)
    last = write(tmp_path / "3.txt", OTHER)
    items = read(first, tmp_path / "missing.txt", binary, last)
    assert [type(i).__name__ for i in items] == ["Document", "Drop", "Drop", "Document"]
    assert [i.raw for i in items if isinstance(i, Document)] == [ARTICLE, OTHER]


def test_readers_dash_reads_given_stdin() -> None:
    (doc,) = docs(read("-", stdin=io.BytesIO(ARTICLE.encode("utf-8"))))
    assert doc.raw == ARTICLE
    assert doc.source.path == "<stdin>"


def test_readers_stdin_over_max_bytes_is_a_drop() -> None:
    (drop,) = read("-", stdin=io.BytesIO(b"a" * (2 * MB)), max_bytes=MB)
    assert isinstance(drop, Drop)
    assert "too large" in drop.reason


def test_readers_stdin_jsonl() -> None:
    data = jsonl({"id": "1", "text": ARTICLE}, {"id": "2", "text": OTHER})
    found = docs(read("-", input_format="jsonl", stdin=io.BytesIO(data)))
    assert [d.source.id for d in found] == ["1", "2"]
    assert found[0].source.path == "<stdin>"


def test_readers_stdin_jsonl_longer_than_max_bytes_loses_no_record() -> None:
    records = [{"id": str(i), "text": f"الخبر رقم {i}: " + "كلام " * 10} for i in range(3)]
    data = jsonl(*records)
    assert len(data) > 250  # each record is well under max_bytes, the stream is not
    items = read("-", input_format="jsonl", max_bytes=200, stdin=io.BytesIO(data))
    assert [d.source.id for d in docs(items)] == ["0", "1", "2"]


def test_readers_unknown_format_is_an_error() -> None:
    with pytest.raises(InputError, match="unknown input format 'xml'"):
        read("x.txt", input_format="xml")


def _records_file(tmp_path: Path, name: str = "records.jsonl") -> Path:
    path = tmp_path / name
    data = jsonl(
        {
            "id": "a1",
            "title": " بوتين يهاتف رئيسي ",
            "text": "أجرى الرئيس الروسي اتصالًا هاتفيًا.",
            "published": "2022-11-13T09:30:00+03:00",
            "url": "https://example.com/a1",
        },
        {"id": 2, "text": "نص بلا عنوان", "published": "الأحد 13 نوفمبر 2022"},
        "{not json",
        "",
        "[1, 2]",
        {"id": "a6"},
        {"id": "a7", "text": "   "},
        {"docno": "a8", "text": "سجل بمعرف docno", "title": "", "published": "قريبا"},
    )
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["records.jsonl", "records.jsonl.gz", "records.ndjson"])
def test_readers_jsonl_records_in_order_with_drops(tmp_path: Path, name: str) -> None:
    path = _records_file(tmp_path, name)
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Document",
        "Document",
        "Drop",
        "Drop",
        "Drop",
        "Drop",
        "Document",
    ]
    titled, untitled, bad_json, not_object, no_text, blank_text, docno = items
    assert isinstance(titled, Document)
    assert isinstance(untitled, Document)
    assert isinstance(docno, Document)

    # A record with a title arrives already extracted.
    assert titled.title == "بوتين يهاتف رئيسي"
    assert titled.preextracted
    assert titled.raw == "بوتين يهاتف رئيسي\n\nأجرى الرئيس الروسي اتصالًا هاتفيًا."
    assert (titled.published, titled.published_from) == ("2022-11-13", "record")
    assert (titled.source.format, titled.source.id, titled.source.url) == (
        "jsonl",
        "a1",
        "https://example.com/a1",
    )
    assert titled.source.path == str(path)

    # Without a title it is a raw page to clean; an Arabic date line is parsed.
    assert untitled.title is None
    assert not untitled.preextracted
    assert untitled.raw == "نص بلا عنوان"
    assert untitled.source.id == "2"
    assert (untitled.published, untitled.published_from) == ("2022-11-13", "record")

    # Bad lines are drops naming the line (the blank line 4 still counts).
    assert bad_json.source == f"{path}:3"
    assert bad_json.reason.startswith("invalid JSON")
    assert not_object == Drop("expected a JSON object, got list", f"{path}:5")
    assert no_text == Drop("record has no 'text' (or 'html')", f"{path}:6")
    assert blank_text == Drop("record has no 'text' (or 'html')", f"{path}:7")

    # "docno" is an id too; an empty title and an unreadable date are ignored.
    assert docno.source.id == "a8"
    assert (docno.title, docno.preextracted) == (None, False)
    assert (docno.published, docno.published_from) == (None, None)


def test_readers_jsonl_record_over_max_bytes_is_a_drop(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(jsonl({"id": "big", "text": "ا" * 400}, {"id": "small", "text": "نص"}))
    items = read(path, max_bytes=300)
    assert isinstance(items[0], Drop)
    assert "too large" in items[0].reason
    assert items[0].source == f"{path}:1"
    assert isinstance(items[1], Document)
    assert items[1].source.id == "small"


def test_readers_jsonl_broken_gzip_is_a_drop(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    # A gzip stream cut short: the records before the cut are read, then one drop says why.
    whole = gzip.compress(b"".join(jsonl({"id": str(i), "text": ARTICLE}) for i in range(50)))
    path.write_bytes(whole[: len(whole) // 2])
    items = read(path)
    assert isinstance(items[-1], Drop)
    assert items[-1].reason.startswith("cannot read")
    assert all(isinstance(i, Document) for i in items[:-1])


def test_readers_file_named_gz_that_is_not_gzip_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.gz"
    path.write_bytes(b"this is not gzip")
    (drop,) = read(path)
    assert isinstance(drop, Drop)
    assert drop.reason.startswith("invalid JSON")


def test_readers_format_is_sniffed_and_can_be_forced(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    path.write_bytes(jsonl({"id": "x", "text": ARTICLE}))
    (sniffed,) = docs(read(path))
    (as_text,) = docs(read(path, input_format="text"))
    assert sniffed.raw == ARTICLE
    assert as_text.raw.startswith("{")


def test_readers_same_text_gets_same_id(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "copy" / "b.txt", ARTICLE + "\n\n")
    c = write(tmp_path / "c.txt", ARTICLE, "utf-16")
    records = tmp_path / "r.jsonl"
    records.write_bytes(jsonl({"id": "r", "text": ARTICLE}))
    found = docs(read(a, b, c, a, records))
    assert len({d.id for d in found}) == 1
    assert docs(read(a))[0].id == found[0].id  # stable across runs


def test_readers_crlf_and_lf_get_same_id(tmp_path: Path) -> None:
    text = "عنوان الخبر\n\nالفقرة الأولى.\nالفقرة الثانية.\n"
    lf = write(tmp_path / "lf.txt", text)
    crlf = write(tmp_path / "crlf.txt", text.replace("\n", "\r\n"))
    cr = write(tmp_path / "cr.txt", text.replace("\n", "\r"))
    records = tmp_path / "r.jsonl"
    records.write_bytes(jsonl({"id": "r", "text": text.replace("\n", "\r\n")}))
    found = docs(read(lf, crlf, cr, records))
    assert {d.raw for d in found} == {text}
    assert len({d.id for d in found}) == 1


@pytest.mark.shared
def test_readers_seed_article(seed_path: Path, seed_gold: dict[str, Any]) -> None:
    (doc,) = docs(read(seed_path))
    assert doc.source.encoding == "utf-8"
    assert seed_gold["article"]["body_starts_with"] in doc.raw
    assert doc.id == content_id(seed_path.read_text(encoding="utf-8"))
