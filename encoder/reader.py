"""Bytes of an input file -> normalized text, saying which encoding was assumed.

Transcriptions arrive from many hands: UTF-8 with and without a byte order mark, UTF-16
saved by Windows editors, Windows-1252 and Latin-1 from older tools. The reader detects
the encoding instead of guessing silently; every non-UTF-8 choice is reported as a warning
so an editor can check it. What cannot be text (a binary file, bytes that no candidate
encoding decodes) is an :class:`InputError` naming the file and the **byte offset**.

Decisions, in order:

1. A BOM decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
2. Without a BOM, a NUL pattern (every other byte zero) marks UTF-16 LE or BE.
3. Any other NUL byte means a binary file.
4. Valid UTF-8 is UTF-8.
5. Invalid UTF-8 that still holds at least as many well-formed UTF-8 multi-byte sequences
   as stray high bytes is *damaged UTF-8*: an error at the first bad byte, because
   reading it as Windows-1252 would turn every correct ``’`` into ``â€™``.
6. Otherwise a single-byte encoding. Windows-1252 and Latin-1 agree on 0xA0–0xFF and
   differ on 0x80–0x9F, where Windows-1252 has punctuation (``’ “ ” – —``) and Latin-1
   only C1 control codes that no transcription means. So: no byte in 0x80–0x9F ->
   ``latin-1`` (the same text either way); such bytes, all defined in Windows-1252 ->
   ``cp1252``; one of the five bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90
   0x9D) -> an error at its offset, since only a control code could be meant.

Then the text is normalized: BOM stripped, line endings made ``\\n``, characters XML 1.0
forbids (C0 controls other than tab and newline, U+FFFE, U+FFFF, lone surrogates)
dropped with a warning naming the line, and NFC applied. U+00A0 and every other
character are kept.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, InputError

MAX_INPUT_BYTES = 200 * 1024 * 1024
"""Hard cap on one input file. A FRUS volume as text is ~5 MB; 200 MB is surely a mistake."""

MAX_CONTROL_WARNINGS = 20
"""Lines with dropped control characters reported one by one before a summary warning."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte order mark",
    "utf-16-le": "UTF-16 little-endian",
    "utf-16-be": "UTF-16 big-endian",
    "utf-32-le": "UTF-32 little-endian",
    "utf-32-be": "UTF-32 big-endian",
    "cp1252": "Windows-1252 (cp1252)",
    "latin-1": "Latin-1 (ISO-8859-1)",
}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_HIGH = re.compile(rb"[\x80-\xff]")
_C1 = re.compile(rb"[\x80-\x9f]")
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


@dataclass(slots=True)
class DecodedText:
    """An input's text, ready for the parser, and how it was obtained."""

    text: str
    """NFC text with ``\\n`` line endings and no character XML forbids."""
    encoding: str
    """Python codec name of the encoding assumed (``utf-8``, ``cp1252`` …)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """The encoding, when not plain UTF-8, and every dropped control character."""


def read_text(path: Path) -> DecodedText:
    """Read one input file; every failure is an :class:`InputError` naming the file."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a text file", name)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file", name)
    if st.st_size > MAX_INPUT_BYTES:
        raise InputError(f"file is {st.st_size} bytes, more than the limit of {MAX_INPUT_BYTES} bytes", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode and normalize ``data`` read from the file called ``name``."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(data)} bytes, more than {MAX_INPUT_BYTES}", name)
    text, encoding, bom = _decode(data, name)
    warnings: list[Diagnostic] = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(_encoding_warning(data, encoding, name))
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:  # only after a BOM or in UTF-16: other NUL bytes were refused in _decode
        offset = bom + len(text[:nul].encode(encoding.removesuffix("-sig"), "surrogatepass"))
        raise InputError(f"binary file: NUL character at byte offset {offset}", name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(text):
        text = _drop_illegal(text, name, warnings)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return DecodedText(text, encoding, warnings)


def _decode(data: bytes, name: str) -> tuple[str, str, int]:
    """Return (text, codec, BOM length) or raise :class:`InputError` at a byte offset."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = _strict(data[len(bom) :], codec.removesuffix("-sig"), name, len(bom))
            return body, codec, len(bom)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise InputError(f"binary file: NUL byte at byte offset {data.index(0)}", name)
        return _strict(data, codec, name, 0), codec, 0
    try:
        return data.decode("utf-8", "surrogatepass"), "utf-8", 0
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _mostly_utf8(data):
        raise InputError(
            f"not valid UTF-8: byte 0x{data[first_bad]:02X} at byte offset {first_bad}"
            f" (line {_line_at(data, first_bad)}) cannot be decoded",
            name,
        )
    undefined = _CP1252_UNDEFINED.search(data)
    if undefined:
        offset = undefined.start()
        raise InputError(
            f"undecodable byte 0x{data[offset]:02X} at byte offset {offset}"
            f" (line {_line_at(data, offset)}): neither UTF-8 nor Windows-1252 text",
            name,
        )
    codec = "cp1252" if _C1.search(data) else "latin-1"
    return data.decode(codec), codec, 0


def _mostly_utf8(data: bytes) -> bool:
    """True when well-formed UTF-8 characters are at least as many as the bytes that fail.

    Counted with C-speed calls only (a 50 MB file takes well under a second): every
    invalid byte becomes one U+FFFD, every other non-ASCII character was well-formed.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    text = data.decode("utf-8", "replace")
    failed = text.count("\ufffd") - data.count("\ufffd".encode())
    well_formed = len(text) - (len(data) - high) - failed
    return well_formed > 0 and well_formed >= failed


def _strict(data: bytes, codec: str, name: str, skipped: int) -> str:
    """Decode with ``codec``; lone surrogates pass (dropped later with a warning)."""
    try:
        return data.decode(codec, "surrogatepass")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        raise InputError(
            f"not valid {_NAMES[codec]}: bytes at byte offset {offset} cannot be decoded", name
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in every other byte, as in ASCII-range UTF-16."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _line_at(data: bytes, offset: int) -> int:
    """1-based line of the byte at ``offset`` (CR-only files count as one line)."""
    return data.count(b"\n", 0, offset) + 1


def _encoding_warning(data: bytes, codec: str, name: str) -> Diagnostic:
    if codec in ("cp1252", "latin-1"):
        first = _HIGH.search(data)
        assert first is not None  # a single-byte codec is chosen only for non-ASCII data
        offset = first.start()
        line = _line_at(data, offset)
        why = (
            "bytes 0x80-0x9F are Windows-1252 punctuation"
            if codec == "cp1252"
            else "no byte in 0x80-0x9F, so Latin-1 and Windows-1252 give the same text"
        )
        message = (
            f"not UTF-8: read as {_NAMES[codec]}: {why}; first non-ASCII byte"
            f" 0x{data[offset]:02X} at byte offset {offset}"
        )
        return Diagnostic("warning", message, name, line, "input.encoding")
    return Diagnostic("warning", f"read as {_NAMES[codec]}", name, None, "input.encoding")


def _drop_illegal(text: str, name: str, warnings: list[Diagnostic]) -> str:
    """Remove characters XML 1.0 cannot hold, one warning per affected line."""
    per_line: dict[int, list[str]] = {}
    line, pos = 1, 0
    for match in _ILLEGAL.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        per_line.setdefault(line, []).append(f"U+{ord(match.group()):04X}")
    for n, (line_no, chars) in enumerate(per_line.items()):
        if n == MAX_CONTROL_WARNINGS:
            rest = len(per_line) - n
            warnings.append(
                Diagnostic(
                    "warning",
                    f"control characters dropped on {rest} more lines",
                    name,
                    line_no,
                    "input.control",
                )
            )
            break
        kinds = ", ".join(sorted(set(chars)))
        message = f"dropped {len(chars)} character(s) not allowed in XML ({kinds})"
        warnings.append(Diagnostic("warning", message, name, line_no, "input.control"))
    return _ILLEGAL.sub("", text)
