"""LibreOffice for the tests of the Office formats: open a file govgraph wrote, and save it as LibreOffice would.

Needs LibreOffice (`apt-get install libreoffice-calc libreoffice-writer libreoffice-impress`). Without it the tests
that use it skip, and fail instead when GOVGRAPH_REQUIRE_ENGINES=1 (as in CI). Each conversion runs with a profile
of its own, so that conversions running at once (or a LibreOffice open on the desktop) do not share one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 300


def _missing(what: str) -> None:
    if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
        pytest.fail(f"GOVGRAPH_REQUIRE_ENGINES=1 but {what}")
    pytest.skip(what)


def soffice() -> str:
    """The LibreOffice command, or skip (fail when GOVGRAPH_REQUIRE_ENGINES=1)."""
    found = os.environ.get("GOVGRAPH_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        _missing("no LibreOffice (apt-get install libreoffice-calc libreoffice-writer libreoffice-impress)")
    assert found is not None
    return found


def convert(path: Path, to: str, folder: Path) -> Path:
    """Open `path` in LibreOffice headless and save it into `folder` as `to` (`pdf`, `xlsx`, `docx`, `pptx`).

    Fails the test with LibreOffice's own words when it cannot open or convert the file.
    """
    command = soffice()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govgraph-lo-") as profile:
        done = subprocess.run(
            [
                command,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(folder),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    result = folder / f"{path.stem}.{to.split(':')[0]}"
    if done.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        pytest.fail(f"LibreOffice could not convert {path.name} to {to}: {done.stdout}\n{done.stderr}")
    return result


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has (its page objects, counted in the file; no tool needed)."""
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), f"{pdf.name} is not a PDF"
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def artifacts() -> Path:
    """Where tests keep files worth looking at: $GOVGRAPH_ARTIFACTS, else tests/artifacts/ (ignored by git)."""
    folder = Path(os.environ.get("GOVGRAPH_ARTIFACTS") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
