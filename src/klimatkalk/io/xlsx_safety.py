"""Check an xlsx archive before any XML in it is parsed.

An xlsx file is a zip archive of XML files. A zip bomb declares (or really has) gigabytes of
XML packed into kilobytes; openpyxl would decompress and parse all of it. Python's
:mod:`zipfile` never returns more bytes than a member's declared size (from the central
directory), so checking the declared sizes bounds what openpyxl can be made to read:

* the sum of the declared uncompressed sizes (``max_xlsx_uncompressed_bytes``, 200 MiB);
* the compression ratio of every member above 1 MiB and of the whole archive
  (``max_xlsx_compression_ratio``, 100: real worksheets compress 5–30×);
* the number of members, encrypted members, and the presence of ``[Content_Types].xml``.

XML with a document type declaration is refused: spreadsheets never carry one, and it is
what entity expansion ("billion laughs") and external entities need. (expat ≥ 2.4 also limits
amplification, and openpyxl uses defusedxml when it is installed; this check does not rely on
either.) The scan decompresses each member once, in chunks, within the limits above.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Final

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.grid import MIB, ReadLimits, too_large

__all__ = ["check_xlsx_archive"]

_DOCTYPE: Final = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _not_xlsx(file: Path, message: str) -> ActivityDataError:
    return ActivityDataError(
        [Problem(str(file), None, None, None, ErrorReason.UNSUPPORTED_FORMAT, message)]
    )


def check_xlsx_archive(file: Path, limits: ReadLimits) -> None:
    """Refuse an xlsx file whose archive is too large, too compressed or not a workbook.

    Raises
    ------
    ActivityDataError
        ``too_large`` for a file beyond :class:`~klimatkalk._grid.ReadLimits`,
        ``unsupported_format`` for a file that is not a zip archive holding a workbook.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        raise
    except Exception as exc:  # BadZipFile, an unsupported zip version, EOFError, …
        with file.open("rb") as stream:
            head = stream.read(8)
        hint = (
            "an old binary .xls workbook or a password-protected one; save it as .xlsx"
            if head.startswith(b"\xd0\xcf\x11\xe0")
            else f"not an xlsx workbook (not a zip archive: {exc})"
        )
        raise _not_xlsx(file, hint) from None
    where = str(file)
    if len(members) > limits.max_xlsx_members:
        raise too_large(
            where,
            len(members),
            f"{len(members)} files in the archive; the limit is {limits.max_xlsx_members}",
        )
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > limits.max_xlsx_uncompressed_bytes:
        raise too_large(
            where,
            total,
            f"{total / MIB:,.0f} MiB uncompressed; the limit is "
            f"{limits.max_xlsx_uncompressed_bytes / MIB:,.0f} MiB (ReadLimits)",
        )
    ratio_limit = limits.max_xlsx_compression_ratio
    for member in members:
        if member.flag_bits & 0x1:
            raise _not_xlsx(file, f"{member.filename} is encrypted; remove the password")
        if member.file_size > MIB and member.file_size > ratio_limit * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise too_large(
                where,
                member.filename,
                f"{member.filename} is compressed {ratio:,.0f}:1 (limit {ratio_limit:g}:1); "
                "this looks like a zip bomb",
            )
    if total > MIB and total > ratio_limit * max(packed, 1):
        raise too_large(
            where,
            total,
            f"the archive is compressed {total / max(packed, 1):,.0f}:1 "
            f"(limit {ratio_limit:g}:1); this looks like a zip bomb",
        )
    names = {m.filename.lower() for m in members}
    if "[content_types].xml" not in names:
        raise _not_xlsx(file, "a zip archive, but not an Excel workbook ([Content_Types].xml)")
    _refuse_doctype(file, members)


def _refuse_doctype(file: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse XML members that declare a DTD (entity definitions)."""
    try:
        with zipfile.ZipFile(file) as archive:
            found = next((m.filename for m in members if _declares_dtd(archive, m)), None)
    except (FileNotFoundError, PermissionError):
        raise
    except Exception as exc:  # BadZipFile (bad CRC), zlib.error, an unsupported method, …
        raise _not_xlsx(file, f"the zip archive is damaged: {type(exc).__name__}: {exc}") from None
    if found is not None:
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    found,
                    ErrorReason.UNSUPPORTED_FORMAT,
                    "XML with a document type declaration (entity definitions); spreadsheets "
                    "have none, so it is refused",
                )
            ]
        )


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
        return False
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            if _DOCTYPE.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False
