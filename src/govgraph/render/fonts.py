"""Which characters a Graphviz engine can draw into a PNG or PDF, so that names it cannot draw are warned about.

A PNG or PDF is drawn with the fonts the engine has: the system's Graphviz with the fonts installed on the
machine (found through fontconfig), graphviz-pure with the three fonts it carries (Arimo, Tinos and Cousine:
Latin, Greek, Cyrillic and Hebrew letters and common symbols). A character no font has is drawn as an empty
box, and Graphviz says nothing: names in Chinese, Japanese or Korean, Arabic or Devanagari came out as rows of
boxes without a word. An SVG is drawn by the reader's browser with its own fonts, so it is not checked.
"""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata
from pathlib import Path

PURE = "graphviz-pure"

#: What graphviz-pure's fonts hold, as ranges of code points (from their character maps): Latin with its
#: extensions and accents, Greek, Cyrillic, Hebrew, general punctuation, currency, letter-like symbols and
#: number forms, arrows, Latin ligatures and the replacement character.
_PURE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x036F),
    (0x0370, 0x052F),
    (0x0590, 0x05FF),
    (0x1E00, 0x1FFF),
    (0x2000, 0x20CF),
    (0x2100, 0x215F),
    (0x2190, 0x21FF),
    (0xFB00, 0xFB4F),
    (0xFFFD, 0xFFFD),
)
#: The fonts to install for the scripts most often missing (Debian and Ubuntu package names).
_FONT_PACKAGES = {"CJK": "fonts-noto-cjk", "Hangul": "fonts-noto-cjk", "Hiragana": "fonts-noto-cjk"}


def missing_scripts(text: str, engine: str) -> list[str]:
    """The scripts (`CJK`, `Arabic`...) of the characters of `text` that `engine` has no font for, sorted; empty
    when every character can be drawn, or when the fonts cannot be told (no fontconfig)."""
    ranges = _ranges(engine)
    if ranges is None:
        return []
    starts = [lo for lo, _ in ranges]
    missing: set[str] = set()
    for char in set(text):
        code = ord(char)
        if code < 0x80 or unicodedata.category(char).startswith(("C", "Z")):
            continue  # ASCII is in every font; controls, format characters and spaces are not drawn
        at = bisect.bisect_right(starts, code) - 1
        if at < 0 or ranges[at][1] < code:
            missing.add(_script(char))
    return sorted(missing)


def advice(scripts: list[str], engine: str) -> str:
    """The warning for a PNG or PDF whose names hold characters of `scripts`, which `engine` has no font for."""
    named = ", ".join(scripts)
    packages = sorted({_FONT_PACKAGES[s] for s in scripts if s in _FONT_PACKAGES})
    if Path(engine).name.startswith(PURE):
        fix = (
            "graphviz-pure draws with its own fonts (Latin, Greek, Cyrillic, Hebrew): install the system Graphviz "
            "(apt-get install graphviz) and fonts for those scripts"
        )
    else:
        fix = "install fonts for those scripts" + (f" (apt-get install {' '.join(packages)})" if packages else "")
    return (
        f"the PNG or PDF draws the {named} characters of some names as empty boxes, as no font the engine has "
        f"holds them: {fix}, or use the SVG, which the reader's browser draws with its own fonts"
    )


def _script(char: str) -> str:
    """The script a character belongs to, as its Unicode name starts: `CJK`, `Arabic`, `Devanagari`."""
    word = unicodedata.name(char, "UNKNOWN").split()[0]
    return word if word == "CJK" else word.capitalize()


def _ranges(engine: str) -> tuple[tuple[int, int], ...] | None:
    if Path(engine).name.startswith(PURE):
        return _PURE_RANGES
    return _installed()


@functools.lru_cache(maxsize=1)
def _installed() -> tuple[tuple[int, int], ...] | None:
    """Every character some installed font has (the system Graphviz falls back from font to font through
    fontconfig), as merged ranges; None when fontconfig cannot be asked. Asked once per process: one `fc-list`
    of the installed fonts' character maps (60 ms for the 51 fonts of the machine this was measured on)."""
    command = shutil.which("fc-list")
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--format", "%{charset}\\n"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    spans: list[tuple[int, int]] = []
    for field in done.stdout.split():
        lo, _, hi = field.partition("-")
        try:
            spans.append((int(lo, 16), int(hi or lo, 16)))
        except ValueError:
            continue
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)
