"""Zip files whose bytes depend only on their content: every entry carries one fixed time.

Office documents (xlsx, docx, pptx) are zips; the libraries that write them stamp each entry with the time of
writing, so the same model would give different bytes on every run.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

#: The time every entry carries (zip times start in 1980).
FIXED_TIME = (2000, 1, 1, 0, 0, 0)


class FixedTimeZip(zipfile.ZipFile):
    """A zip being written whose entries all carry `FIXED_TIME`, compressed, whatever the writer asks."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else str(zinfo_or_arcname)
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        super().writestr(info, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None, compresslevel: Any = None) -> None:
        # A file's own time is not copied (openpyxl writes each sheet of a write-only workbook to a file first).
        with open(filename, "rb") as handle:
            self.writestr(arcname or Path(filename).name, handle.read())


def fixed_times(data: bytes) -> bytes:
    """The zip `data` with every entry at `FIXED_TIME`, in the same order, with the same content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, FixedTimeZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out.getvalue()
