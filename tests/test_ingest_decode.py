"""Bytes to text: ``decode_bytes``."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rasd.errors import InputError, RasdError
from rasd.ingest.decode import Decoded, decode_bytes

PROPERTY = settings(max_examples=200, deadline=None)

# A real news paragraph: hamza forms, ta marbuta, alef maqsura, Arabic comma, digits.
PARAGRAPH = (
    "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا السبت بنظيره الإيراني إبراهيم رئيسي، "
    "على ما أعلن الكرملين، في وقت تتعمق العلاقات بين البلدين منذ بدء الحرب في أوكرانيا. "
    "وقالت الرئاسة الروسية في بيان إن الطرفين بحثا سلسلة من المسائل المتعلقة بالتعاون "
    "الاقتصادي والتجاري، ولا سيما في مجال النقل والشؤون اللوجستية، وقرر بوتين عدم حضور قمة "
    "مجموعة العشرين التي تستضيفها إندونيسيا على مستوى الرؤساء في 15 و16 نوفمبر."
)
ENGLISH = "The cookie settings on this website are set to allow cookies for the best experience."
PNG_HEADER = bytes.fromhex("89504e470d0a1a0a0000000d49484452000001000000010008060000005c72a866")

TEXT_ALPHABET = st.characters(
    min_codepoint=0x20,
    max_codepoint=0x06FF,
    exclude_characters="\x7f",
    exclude_categories=("Cs", "Cc"),
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b" \n\t\r\n  ", "empty", id="whitespace-only"),
        pytest.param("\ufeff  \n".encode("utf-8"), "empty", id="bom-and-whitespace"),
        pytest.param(
            codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty", id="utf16-whitespace"
        ),
        pytest.param(PNG_HEADER, "binary", id="png-header"),
        pytest.param(
            random.Random(0).randbytes(4096) + b"\x00" * 8, "binary", id="random-bytes-with-nul"
        ),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "binary", id="zip"),
        pytest.param(
            b"\x01\x02\x03\x04\x05abc\x06\x07\x08\x0e\x0f\x10", "binary", id="control-chars"
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + b"\x00\xd8a", "byte-order mark", id="bom-but-undecodable"
        ),
    ],
)
def test_decode_rejects_with_clear_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(PARAGRAPH.encode("utf-8"), PARAGRAPH, "utf-8", id="utf-8"),
        pytest.param(ENGLISH.encode("ascii"), ENGLISH, "utf-8", id="ascii"),
        pytest.param(codecs.BOM_UTF8 + PARAGRAPH.encode(), PARAGRAPH, "utf-8", id="utf-8-bom"),
        pytest.param(PARAGRAPH.encode("utf-16"), PARAGRAPH, "utf-16", id="utf-16-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"),
            PARAGRAPH,
            "utf-16",
            id="utf-16-le-bom",
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"),
            PARAGRAPH,
            "utf-16",
            id="utf-16-be-bom",
        ),
        pytest.param(
            codecs.BOM_UTF32_LE + PARAGRAPH.encode("utf-32-le"),
            PARAGRAPH,
            "utf-32",
            id="utf-32-le-bom",
        ),
        pytest.param(PARAGRAPH.encode("utf-16-le"), PARAGRAPH, "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(
            ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le", id="utf-16-le-no-bom-latin"
        ),
        pytest.param(
            PARAGRAPH.encode("utf-16-be"),
            PARAGRAPH,
            "utf-16-be",
            id="utf-16-be-no-bom",
        ),
        pytest.param(
            ENGLISH.encode("utf-16-be"),
            ENGLISH,
            "utf-16-be",
            id="utf-16-be-no-bom-latin",
        ),
        pytest.param(PARAGRAPH.encode("cp1256"), PARAGRAPH, "cp1256", id="windows-1256"),
        pytest.param(PARAGRAPH.encode("iso8859_6"), PARAGRAPH, "iso8859-6", id="iso-8859-6"),
    ],
)
def test_decode_recovers_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == Decoded(text, encoding, lossy=False)


def test_decode_honours_declared_charset() -> None:
    decoded = decode_bytes(PARAGRAPH.encode("cp1256"), declared="windows-1256")
    assert (decoded.text, decoded.encoding, decoded.lossy) == (PARAGRAPH, "cp1256", False)


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset", "ascii"])
def test_decode_ignores_declared_charset_that_does_not_fit(declared: str) -> None:
    decoded = decode_bytes(PARAGRAPH.encode("cp1256"), declared=declared)
    assert (decoded.text, decoded.encoding) == (PARAGRAPH, "cp1256")


def test_decode_latin_utf8_with_one_broken_byte_is_lossy() -> None:
    data = ENGLISH.encode("utf-8")
    data = data[:20] + b"\xff" + data[20:]
    decoded = decode_bytes(data)
    assert decoded.lossy is True
    assert decoded.encoding == "utf-8"
    assert decoded.text == ENGLISH[:20] + "\ufffd" + ENGLISH[20:]


# cp1256 decodes any byte, and UTF-8 Arabic read as cp1256 is ط/ظ mojibake that still
# looks Arabic: one bad byte must give lossy UTF-8, not a legacy decoding.
@pytest.mark.parametrize("position", [0, 51, -1])
def test_decode_arabic_utf8_with_one_broken_byte_is_lossy(position: int) -> None:
    data = PARAGRAPH.encode("utf-8")
    data = data[:position] + b"\xff" + data[position:]
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.lossy) == ("utf-8", True)
    assert decoded.text.replace("\ufffd", "") == PARAGRAPH


def test_decode_errors_are_rasd_errors() -> None:
    with pytest.raises(RasdError):
        decode_bytes(PNG_HEADER)


@PROPERTY
@given(st.binary(max_size=2048))
@example(b"")
@example(codecs.BOM_UTF32_LE + b"\xff\xff\xff\xff")
@example(codecs.BOM_UTF16_BE + b"\xd8")
@example(b"\x00" * 16)
@example(b"\x06" * 16)
@example(PNG_HEADER)
def test_decode_any_bytes_gives_text_or_input_error(data: bytes) -> None:
    outcome: Decoded | InputError
    try:
        outcome = decode_bytes(data)
    except InputError as exc:  # any other exception fails the test
        outcome = exc
    if isinstance(outcome, InputError):
        assert str(outcome)  # a reason, never an empty message
        return
    assert outcome.text.strip()
    assert not outcome.text.startswith("\ufeff")
    codecs.lookup(outcome.encoding)  # a real codec name


@PROPERTY
@given(st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_decode_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


@PROPERTY
@given(
    st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=300).filter(lambda s: s.strip()),
    st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]),
)
def test_decode_text_with_bom_round_trips(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text.lstrip("\ufeff")
    assert not decoded.lossy
