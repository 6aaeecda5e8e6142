"""Regenerate the golden diagram files under tests/golden/ from data/governance.yaml.

Run it by hand after an intended change to the diagrams, and review the diff: `python tests/regenerate_golden.py`.
The test run only compares against these files and never writes them.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.loading import load
from govgraph.render.dot import diagram_dot
from govgraph.render.mermaid import diagram_mermaid
from govgraph.views import ViewSelection, select_view

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
#: The London model's named views; each gets a `.dot` and a `.mmd` golden file.
VIEWS = ("overview", "accountability")


def golden_files() -> dict[str, str]:
    """File name -> the text it should hold."""
    model = load(ROOT / "data" / "governance.yaml")
    files: dict[str, str] = {}
    for view in VIEWS:
        diagram = select_view(model, ViewSelection(view))
        files[f"{view}.dot"] = diagram_dot(diagram)
        files[f"{view}.mmd"] = diagram_mermaid(diagram)
    return files


def main() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(exist_ok=True)
    for name, text in golden_files().items():
        (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
