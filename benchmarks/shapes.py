"""Synthetic governance structures of four shapes, for measuring how diagrams come out on paper (issue 22).

    deep    the generator's structure (`generate.py`): one executive, boards, committees, programmes, projects,
            three to twelve bodies under each, about one in ten with a dotted line into another branch
    fan     one board with up to 100 bodies reporting to it directly; the rest under those, in turn
    flat    sixty tops (teams of several organisations, nothing above them); the rest under those, in turn
    matrix  the deep structure with a dotted line from every third body into another branch, and every tenth
            body with a second parent (a matrix: two solid lines up)

Every model is valid (it loads and builds), deterministic for its (shape, n), and names its bodies as a real
file would ("Finance Committee 12", "Team 41"), so that boxes are as wide as real ones.

Usage: ``python benchmarks/shapes.py SHAPE N [-o FILE]``; ``shape_file(shape, n)`` caches the file under
``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from random import Random

from generate import CACHE_DIR, generate

SHAPES: tuple[str, ...] = ("deep", "fan", "flat", "matrix")
#: Bump when the output for a (shape, n) changes, so cached files are regenerated.
SHAPES_VERSION = 1

_KINDS = ("committee", "advisory_group", "programme", "project", "workstream", "team")
_WORDS = (
    "Finance",
    "Quality",
    "People",
    "Digital",
    "Estates",
    "Research",
    "Primary Care",
    "Population Health",
    "Workforce",
    "Safeguarding",
    "Medicines",
    "Urgent Care",
    "Data",
    "Partnerships",
    "Prevention",
)


def _name(kind: str, index: int) -> str:
    return f"{_WORDS[index % len(_WORDS)]} {kind.replace('_', ' ').title()} {index}"


def _tree(n: int, tops: int, first_level: int, seed: int, title: str) -> str:
    """`tops` tops, up to `first_level` bodies under each top in turn, the rest under those in turn."""
    rng = Random(seed)
    organisations = [f"org-{i:02d}" for i in range(1, max(2, tops // 10) + 1)]
    lines = ["govgraph: 1", f"title: '{title}'", "organisations:"]
    lines += [f"  {o}: {{name: Organisation {o[4:]}}}" for o in organisations]
    lines.append("bodies:")
    ids: list[str] = []
    parents: dict[str, str | None] = {}
    for i in range(min(tops, n)):
        body = f"t{i:03d}"
        ids.append(body)
        parents[body] = None
    level1: list[str] = []
    for i in range(len(ids), n):
        body = f"b{i:04d}"
        if len(level1) < first_level * len(ids[:tops]):
            parent = ids[len(level1) % min(tops, len(ids))]
            level1.append(body)
        else:
            pool = level1 or ids
            parent = pool[(i - len(ids) - len(level1)) % len(pool)]
        ids.append(body)
        parents[body] = parent
    for index, body in enumerate(ids):
        above = parents[body]
        kind = "board" if above is None and tops == 1 else "team" if above is None else rng.choice(_KINDS)
        organisation = organisations[index % len(organisations)]
        entry = f"  {body}: {{name: {_name(kind, index)}, kind: {kind}, organisation: {organisation}"
        entry += f", reports_to: [{above}]}}" if above else "}"
        lines.append(entry)
    return "\n".join(lines) + "\n"


def _matrix(n: int, seed: int) -> str:
    """The deep structure with more dotted lines and some second parents (see the module docstring)."""
    head, _, rest = generate(n, seed).partition("bodies:\n")
    blocks = [b for b in ("\n" + rest).split("\n  b-") if b.strip()]
    ids = ["b-" + block.split(":", 1)[0] for block in blocks]
    rng = Random(seed)
    out = [head + "bodies:"]
    for index, block in enumerate(blocks):
        lines = ("  b-" + block).rstrip("\n").split("\n")
        # Only bodies earlier in the file are chosen: every line then points back, so none makes a cycle.
        earlier = ids[: max(index - 1, 0)]
        if index >= 4 and index % 10 == 0:
            second = rng.choice([b for b in earlier if f"[{b}]" not in block] or earlier)
            lines = [
                line.replace("reports_to: [", f"reports_to: [{second}, ", 1)
                if line.startswith("    reports_to: [")
                else line
                for line in lines
            ]
        parents = "".join(line for line in lines if line.startswith("    reports_to:"))
        others = [b for b in earlier if b not in parents]
        if index >= 4 and index % 3 == 0 and others and not any(line.startswith("    dotted_to:") for line in lines):
            lines.append(f"    dotted_to: [{rng.choice(others)}]")
        out.extend(lines)
    return "\n".join(out) + "\n"


def shape_model(shape: str, n: int) -> str:
    """The YAML text of a model of `shape` (see `SHAPES`) with `n` bodies.

    Raises:
        ValueError: an unknown shape, or `n` below 2.
    """
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if shape == "deep":
        return generate(n)
    if shape == "fan":
        return _tree(n, 1, 100, 1, f"One board with its teams: {n} bodies")
    if shape == "flat":
        return _tree(n, 60, 10**6, 2, f"Sixty teams: {n} bodies")
    if shape == "matrix":
        return _matrix(n, 3)
    raise ValueError(f"unknown shape {shape!r}; choose from {', '.join(SHAPES)}")


def shape_file(shape: str, n: int) -> Path:
    """The cached file of `shape_model(shape, n)`, written when missing or stale."""
    path = CACHE_DIR / f"shape-{shape}-{n}-v{SHAPES_VERSION}.yaml"
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(shape_model(shape, n), encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic govgraph model of a given shape.")
    parser.add_argument("shape", choices=SHAPES)
    parser.add_argument("n", type=int, help="number of bodies")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    args = parser.parse_args(argv)
    text = shape_model(args.shape, args.n)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
