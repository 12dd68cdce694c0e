"""Bytes to text, with the encodings Arabic news actually arrives in.

Order of evidence: a byte-order mark (UTF-8/16/32), strict UTF-8, a declared charset
(HTTP header, ``<meta charset>``), then detection
(charset-normalizer) among the encodings Arabic archives use — windows-1256 and
ISO-8859-6 — and finally UTF-8 with replacement when only a few bytes are broken.
Anything else (binary data, empty input) is an :class:`~rasd.errors.InputError` with a
one-line reason, which readers turn into a drop so the rest of a batch goes on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from rasd.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings worth trying for Arabic text, most common first.
ARABIC_LEGACY = ("cp1256", "iso8859_6", "cp720", "mac_arabic")
# At most this share of replacement characters is tolerated in "UTF-8 with a few bad bytes".
_MAX_BROKEN = 0.01


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text or raise :class:`InputError` saying why it cannot be."""
    if not data.strip():
        raise InputError("empty input (no text)")
    # 1. A byte-order mark settles it.
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    # 2. UTF-16 without BOM shows as every other byte NUL; test before the binary check.
    if _looks_utf16(data):
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            # Without a BOM only believe UTF-16 that reads as Arabic or Latin text.
            if _plausible(text):
                return _checked(text, encoding)
    if b"\x00" in data[:8192]:
        raise InputError("binary content (NUL bytes), not text")
    # 3. Strict UTF-8, the common case. It wins over a declared charset: multibyte UTF-8
    # does not happen by chance, while pages declaring windows-1256 but served as UTF-8 do.
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # 4. A declared charset (HTTP header, meta tag, record field) is honoured if it decodes.
    if declared:
        try:
            return _checked(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError, InputError):
            pass
    # 5. UTF-8 with a few broken bytes (truncated downloads, concatenated files). Before
    # the legacy encodings: cp1256 decodes any byte, and UTF-8 Arabic read as cp1256 is
    # mojibake of ط/ظ that still looks "Arabic"; legacy text read as UTF-8 breaks everywhere.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, int(len(text) * _MAX_BROKEN)):
        return _checked(text, "utf-8", lossy=True)
    # 6. Legacy Arabic encodings: take the one whose text is most Arabic.
    best = _best_legacy(data)
    if best is not None:
        return best
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding:
        return _checked(str(guess), guess.encoding)
    raise InputError("not valid UTF-8 and no known encoding fits (is it text?)")


def _strict(data: bytes, encoding: str) -> Decoded:
    try:
        return _checked(data.decode(encoding), encoding.replace("-sig", ""))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}"
        ) from exc


def _checked(text: str, encoding: str, *, lossy: bool = False) -> Decoded:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError("empty input (no text)")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 20000):
        raise InputError("binary content (control characters), not text")
    return Decoded(text, encoding, lossy)


def _plausible(text: str) -> bool:
    common = sum(1 for c in text if c.isascii() or "\u0600" <= c <= "\u06ff" or c.isspace())
    return len(text) >= 2 and common >= 0.9 * len(text) and any(c.isalpha() for c in text)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Arabic in UTF-16 has high bytes 0x06, ASCII has 0x00: either way one lane is regular.
    return max(even_nuls, odd_nuls) > 0.3 * half or _arabic_utf16_lane(sample)


def _arabic_utf16_lane(sample: bytes) -> bool:
    half = len(sample) // 2
    return max(sample[0::2].count(6), sample[1::2].count(6)) > 0.4 * half


def _looks_arabic(text: str) -> bool:
    """Mostly letters of the core Arabic alphabet, in words separated by spaces."""
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    core = sum(1 for c in sample if "\u0621" <= c <= "\u064a")
    spaces = sum(1 for c in sample if c.isspace())
    return letters > 0 and core >= 0.7 * letters and spaces * 15 >= letters


def _best_legacy(data: bytes) -> Decoded | None:
    guess = from_bytes(data, cp_isolation=list(ARABIC_LEGACY)).best()
    candidates = []
    if guess is not None and guess.encoding:
        candidates.append(guess.encoding)
    candidates += [e for e in ARABIC_LEGACY if e not in candidates]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A legacy decoding is only believable if it reads as Arabic words: cp1256 maps
        # almost every byte to something, so random bytes must not pass.
        if _looks_arabic(text):
            return _checked(text, codecs.lookup(encoding).name)
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (first 4 KB), if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
