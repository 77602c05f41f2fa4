"""What a CSV file is: its encoding and its delimiter, found by reading it once, in chunks.

Encodings: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), and cp1252
(Excel's "CSV" on Swedish Windows). A file that is valid UTF-8 is UTF-8; a file with the UTF-8
forms of å, ä or ö *and* bytes that are not UTF-8 mixes two encodings and is refused, since
reading it as cp1252 would turn "Förlossning" into "FÃ¶rlossning".

Delimiters: ``;``, tab or ``,``. Each candidate splits the first 64 KiB with :mod:`csv` (which
honours quotes); the one that gives the same number of fields (≥ 2) on the most lines wins,
then the one with more fields. :class:`csv.Sniffer` is not used: it also considers other
characters and raises when it is unsure.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem

__all__ = [
    "CsvDialect",
    "count_fields",
    "detect_dialect",
    "find_starts",
    "line_starts",
    "record_cells",
    "tail_starts",
]

SAMPLE_BYTES: Final = 64 * 1024
_CHUNK: Final = 1 << 20
_LF: Final = 10
_NEAR_TOP: Final = 10_000  # records found by reading lines rather than by offset
_NEAR_END: Final = 10_000  # lines from the end found without the offsets of all lines
_DELIMITERS: Final = (";", "\t", ",")
_CP1252_UNDEFINED: Final = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_NUL_MESSAGE: Final = (
    "the file holds NUL bytes: it is binary, or UTF-16 without a byte-order mark; save it "
    "from Excel as 'CSV UTF-8'"
)
_SWEDISH_UTF8: Final = tuple(ch.encode("utf-8") for ch in "åäöÅÄÖ")
_SIGNATURES: Final = {
    b"PK\x03\x04": "an xlsx (zip) file; give it the .xlsx suffix",
    b"\xd0\xcf\x11\xe0": "an old binary Excel (.xls) workbook; save it as .xlsx or CSV",
    b"%PDF": "a PDF document",
}


@dataclass(frozen=True)
class CsvDialect:
    r"""The encoding and delimiter of a CSV file.

    Attributes
    ----------
    encoding : str
        ``"utf-8"``, ``"utf-16"`` or ``"cp1252"`` (as stated to the user).
    codec : str
        The codec to decode with (``"utf-8-sig"`` for UTF-8, which drops a BOM).
    bom : bool
        Whether the file starts with a byte-order mark.
    delimiter : str
        ``";"``, ``"\t"`` or ``","``.
    width : int
        The most fields on one line of the sample.
    simple_lines : bool
        No quote characters and no lone carriage returns: one line is one record, so fields
        can be counted by counting delimiter bytes.
    checked : bool
        Whether the whole file was decoded to find the encoding; otherwise the first 64 KiB
        were, and the reader's strict decoding checks the rest (a file that fails it is
        scanned whole, :func:`detect_dialect` with ``whole=True``).
    """

    encoding: str
    codec: str
    bom: bool
    delimiter: str
    width: int
    simple_lines: bool
    checked: bool = True

    def describe(self) -> str:
        """Say what was detected, e.g. ``cp1252, ';'-separated``."""
        name = {"\t": "tab", ";": "';'", ",": "','"}[self.delimiter]
        bom = " with BOM" if self.bom and self.encoding == "utf-8" else ""
        return f"{self.encoding}{bom}, {name}-separated"


def _error(file: Path, row: int | None, value: object, reason: ErrorReason, msg: str) -> Exception:
    return ActivityDataError([Problem(str(file), row, None, value, reason, msg)])


@dataclass
class _Scan:
    utf8_ok: bool = True
    cp1252_ok: bool = True
    first_bad: tuple[int, bytes] | None = None  # line, byte of the first undecodable byte
    swedish_utf8: bool = False
    quotes: bool = False
    cr: int = 0
    crlf: int = 0
    blank: bool = True


def _scan(file: Path, *, decode: bool = True) -> _Scan:
    """Read the file once in chunks: decodability, quotes, line endings; refuse NUL bytes.

    With ``decode=False`` only the byte counts (fast: no decoding).
    """
    scan = _Scan(utf8_ok=decode, cp1252_ok=decode)
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines_before = 0
    previous = b""
    with file.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                line = _line_of(file, stream.tell() - len(chunk) + nul)
                raise _error(file, line, None, ErrorReason.ENCODING, _NUL_MESSAGE)
            if scan.utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    scan.utf8_ok = False
            if scan.cp1252_ok and decode:
                for byte in _CP1252_UNDEFINED:
                    at = chunk.find(byte)
                    if at >= 0:
                        scan.cp1252_ok = False
                        scan.first_bad = (lines_before + chunk.count(b"\n", 0, at) + 1, byte)
                        break
            if decode:
                scan.swedish_utf8 = scan.swedish_utf8 or any(s in chunk for s in _SWEDISH_UTF8)
            scan.quotes = scan.quotes or b'"' in chunk
            cr = chunk.count(b"\r")
            if cr or previous.endswith(b"\r"):
                scan.cr += cr
                scan.crlf += (previous[-1:] + chunk).count(b"\r\n")
            scan.blank = scan.blank and not chunk.strip()
            if decode or scan.cp1252_ok:  # line numbers for the messages above
                lines_before += chunk.count(b"\n")
            previous = chunk
    if scan.utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.utf8_ok = False
    return scan


def _quick_scan(file: Path) -> _Scan:
    """Return the byte facts of :func:`_scan` without decoding, by searching the mapped file."""
    scan = _Scan()
    with file.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        nul = mm.find(b"\x00")
        if nul >= 0:
            raise _error(file, _line_of(file, nul), None, ErrorReason.ENCODING, _NUL_MESSAGE)
        scan.quotes = mm.find(b'"') >= 0
        if mm.find(b"\r") >= 0:  # Windows line ends: are they all \r\n?
            counted = _scan(file, decode=False)
            scan.cr, scan.crlf = counted.cr, counted.crlf
        scan.blank = not mm[:_CHUNK].strip() and _scan(file, decode=False).blank
    return scan


def _line_of(file: Path, offset: int) -> int:
    """Return the 1-based line of a byte offset."""
    with file.open("rb") as stream:
        return stream.read(offset).count(b"\n") + 1


def _sample_is_utf8(head: bytes, *, truncated: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=not truncated)
    except UnicodeDecodeError:
        return False
    return True


def detect_dialect(file: Path, *, whole: bool = True) -> CsvDialect:
    """Detect the encoding and delimiter of a CSV file.

    With ``whole=False`` a file whose first 64 KiB are UTF-8 is taken to be UTF-8 without
    decoding the rest here (:attr:`CsvDialect.checked` is then False); its reader decodes
    strictly and, on a byte that is not UTF-8, calls this again with ``whole=True``.

    Raises
    ------
    ActivityDataError
        ``empty_file`` for an empty or blank file, ``encoding`` for a file that is neither
        UTF-8, UTF-16 with BOM nor cp1252 (or mixes them), ``unsupported_format`` for a
        spreadsheet or PDF given as CSV.
    """
    with file.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
        truncated = bool(stream.read(1))
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise _error(
                file, None, None, ErrorReason.UNSUPPORTED_FORMAT, f"this is {what}, not CSV"
            )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, codec, bom, simple = "utf-16", "utf-16", True, False
    else:
        quick = not whole and _sample_is_utf8(head, truncated=truncated)
        scan = _quick_scan(file) if quick else _scan(file)
        if scan.blank:
            raise _error(file, None, None, ErrorReason.EMPTY_FILE, "the file is empty")
        bom = head.startswith(codecs.BOM_UTF8)
        if scan.utf8_ok:
            encoding, codec = "utf-8", "utf-8-sig"
        elif bom or scan.swedish_utf8:
            raise _error(
                file,
                None,
                None,
                ErrorReason.ENCODING,
                "the file mixes UTF-8 with another encoding (å, ä or ö are UTF-8 but other bytes "
                "are not); save it from Excel as 'CSV UTF-8'",
            )
        elif scan.cp1252_ok:
            encoding, codec = "cp1252", "cp1252"
        else:
            line, byte = scan.first_bad or (None, b"")
            raise _error(
                file,
                line,
                repr(byte),
                ErrorReason.ENCODING,
                "neither UTF-8 nor cp1252; save the file from Excel as 'CSV UTF-8'",
            )
        simple = not scan.quotes and scan.cr == scan.crlf
        checked = not quick
    if encoding == "utf-16":
        checked = True
    sample = codecs.getincrementaldecoder(codec)(errors="replace").decode(head, final=False)
    if encoding == "utf-16":
        if "\x00" in sample:
            raise _error(file, None, None, ErrorReason.ENCODING, "the UTF-16 text holds NUL")
        if not sample.strip():
            raise _error(file, None, None, ErrorReason.EMPTY_FILE, "the file is empty")
    delimiter, width = _detect_delimiter(sample, truncated=truncated)
    return CsvDialect(encoding, codec, bom, delimiter, width, simple, checked)


def _detect_delimiter(sample: str, *, truncated: bool) -> tuple[str, int]:
    r"""Pick the delimiter that splits the sample's lines most consistently.

    Examples
    --------
    >>> _detect_delimiter("år;aktivitet;mängd\n2024;diesel;1,5\n2024;diesel;2,5\n",
    ...                   truncated=False)
    (';', 3)
    >>> _detect_delimiter('a,b\n"1;2",3\n', truncated=False)
    (',', 2)
    """
    if truncated:  # the last line may be cut in two
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        sample = sample[:cut] if cut > 0 else sample
    best: tuple[tuple[bool, float, int, int], str, int] | None = None
    lines = None if '"' in sample else sample.splitlines()  # no quotes: a line is a record
    for rank, delimiter in enumerate(_DELIMITERS):
        if lines is not None:
            counts = [
                line.count(delimiter) + 1 for line in lines if line.replace(delimiter, "").strip()
            ]
        else:
            try:
                counts = [
                    len(row)
                    for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                    if any(cell.strip() for cell in row)
                ]
            except csv.Error:
                continue
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = (mode >= 2, freq / len(counts), mode, -rank)
        if best is None or score > best[0]:
            best = (score, delimiter, max(counts))
    if best is None:
        return ";", 1
    return best[1], best[2]


def line_starts(file: Path) -> npt.NDArray[np.int64]:
    """Byte offset of the start of every line, and the file size at the end."""
    size = file.stat().st_size
    if size == 0:
        return np.zeros(1, dtype=np.int64)
    with file.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        feeds = np.flatnonzero(np.frombuffer(mm, dtype=np.uint8) == _LF)
    return np.concatenate([[0], feeds + 1, [size]]).astype(np.int64)


def tail_starts(file: Path, first: int, lines: int | None = None) -> npt.NDArray[np.int64] | None:
    """Return :func:`line_starts` from line ``first`` on, found from the end of the file.

    ``result[i]`` is where line ``first + i`` starts; None when that line is far from the end
    (or ``first`` is 0). ``lines``, the number of lines where the caller knows it (the rows
    pandas read), spares counting the line feeds of the whole file. A totals row or a note at
    the bottom of a large file is found without the offsets of all lines.
    """
    size = file.stat().st_size
    if size == 0 or first < 1:
        return None
    with file.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        data = np.frombuffer(mm, dtype=np.uint8)
        if lines is None:
            feeds_in_file = int(np.count_nonzero(data == _LF))
        else:  # a last line without a line feed is a line too
            feeds_in_file = lines - (0 if data[-1] == _LF else 1)
        needed = feeds_in_file + 1 - first  # the line feeds that end lines first - 1 … on
        if needed > _NEAR_END:
            del data
            return None
        window = 1 << 16
        while True:
            low = max(0, size - window)
            feeds = np.flatnonzero(data[low:] == _LF) + low
            if len(feeds) >= needed or low == 0:
                break
            window *= 8
        del data  # release the map before it closes
    ends = feeds[len(feeds) - needed :] if needed > 0 else feeds[:0]
    return np.concatenate([ends + 1, [size]]).astype(np.int64)


def find_starts(
    file: Path, records: Collection[int], lines: int | None = None
) -> tuple[npt.NDArray[np.int64] | None, int]:
    """Return line offsets for :func:`record_cells`, and the line they start at.

    None for records near the top (read line by line), else the offsets from the end
    (:func:`tail_starts`, given ``lines`` as there) or of the whole file (:func:`line_starts`).
    """
    far = [r for r in records if r >= _NEAR_TOP]
    if not far:
        return None, 0
    first = min(far)
    tail = tail_starts(file, first, lines)
    if tail is not None:
        return tail, first
    return line_starts(file), 0


def record_cells(
    file: Path,
    dialect: CsvDialect,
    records: Collection[int],
    starts: npt.NDArray[np.int64] | None = None,
    base: int = 0,
) -> dict[int, list[str]]:
    """Return the text cells of some records of a file whose lines are records (``simple_lines``).

    ``starts`` (from :func:`line_starts`, or from :func:`tail_starts` with ``base`` the line it
    starts at) lets far records be found by offset; records before ``base``, or all without
    ``starts``, are read line by line from the top, up to the last of them.
    """
    assert dialect.simple_lines
    found: dict[int, list[str]] = {}
    wanted = sorted(set(records))
    if not wanted:
        return found

    def cells(raw: bytes) -> list[str]:
        line = raw.decode(dialect.codec, errors="replace").rstrip("\r\n")
        return line.split(dialect.delimiter) if line else []

    top = [r for r in wanted if starts is None or r < base]
    with file.open("rb") as stream:
        if top:
            targets, last = set(top), top[-1]
            for i, raw in enumerate(stream):
                if i in targets:
                    found[i] = cells(raw.removeprefix(codecs.BOM_UTF8) if i == 0 else raw)
                if i >= last:
                    break
        if starts is None:
            return found
        for record in wanted[len(top) :]:
            at = record - base
            if at + 1 >= len(starts):
                continue
            stream.seek(int(starts[at]))
            raw = stream.read(int(starts[at + 1] - starts[at]))
            found[record] = cells(raw.removeprefix(codecs.BOM_UTF8) if record == 0 else raw)
    return found


def count_fields(file: Path, dialect: CsvDialect, records: Collection[int]) -> dict[int, int]:
    """Count the fields of some records (0-based record numbers, blank lines included).

    Raises
    ------
    ActivityDataError
        If a field is longer than :func:`csv.field_size_limit` allows.
    """
    wanted = set(records)
    found: dict[int, int] = {}
    if not wanted:
        return found
    last = max(wanted)
    if dialect.simple_lines:
        cells = record_cells(file, dialect, wanted, *find_starts(file, wanted))
        return {i: len(c) for i, c in cells.items()}
    with file.open(encoding=dialect.codec, newline="") as stream:
        try:
            for i, row in enumerate(csv.reader(stream, delimiter=dialect.delimiter)):
                if i in wanted:
                    found[i] = len(row)
                if i >= last:
                    break
        except csv.Error as exc:
            raise _error(file, None, None, ErrorReason.INVALID_VALUE, f"CSV: {exc}") from None
    return found
