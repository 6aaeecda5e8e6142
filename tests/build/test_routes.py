"""Routes to the top, on the pages of the documentation build and in the text of `chain` and `under`: nested as both
Markdown dialects read them (Python-Markdown, which MkDocs uses, and CommonMark through markdown-it), and bounded
however deep the structure, with a way to see the rest.

Most tests plan the build (`plan_build`) rather than build it: pages need no Graphviz engine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown  # type: ignore[import-untyped]  # no stubs; it comes with MkDocs
from markdown_it import MarkdownIt

import support
from govgraph.build import plan_build
from govgraph.build.pages import ROUTE_ENDS, ROUTE_LEVELS
from govgraph.loading import load
from govgraph.model import Model
from govgraph.queries import chain, tops_above, under
from govgraph.render.text import TREE_LEVELS, chain_text, under_text

REPO = support.REPO
LONDON = REPO / "data" / "governance.yaml"
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def deep_chain(folder: Path, n: int, *, extra: str = "") -> Model:
    """A model of `n` bodies, each reporting to the one before: `b0000` (a board) at the top, a project at the foot."""
    lines = ["govgraph: 1", "title: Deep", "bodies:"]
    for i in range(n):
        kind = "board" if i == 0 else "project" if i == n - 1 else "committee"
        lines += [f"  b{i:04d}:", f"    name: Body {i}", f"    kind: {kind}"]
        if i:
            lines.append(f"    reports_to: [b{i - 1:04d}]")
    path = folder / f"deep-{n}.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return load(path)


def route_section(page: str) -> str:
    return page[page.index("## Route to the top") :].split("\n## ")[0]


def nested_items(html: str) -> list[tuple[int, str]]:
    """Each list item of an HTML fragment with how many lists it is nested in, and its own text."""
    root = ET.fromstring(f"<root>{html}</root>")
    found: list[tuple[int, str]] = []

    def walk(element: ET.Element, depth: int) -> None:
        for child in element:
            if child.tag == "li":
                own = (child.text or "") + "".join(
                    ET.tostring(c, encoding="unicode", method="text") for c in child if c.tag not in ("ul", "ol")
                )
                found.append((depth, " ".join(own.split())))
            walk(child, depth + (1 if child.tag in ("ul", "ol") else 0))

    walk(root, 0)
    return found


def both_dialects(text: str) -> list[list[tuple[int, str]]]:
    """The nested items of `text` as Python-Markdown (MkDocs) and as markdown-it (CommonMark) read it."""
    return [nested_items(markdown.markdown(text)), nested_items(MarkdownIt("commonmark").render(text))]


# Nesting ------------------------------------------------------------------------------------------------------


def test_every_route_of_the_london_build_nests_the_same_in_both_dialects(london: Model) -> None:
    plan = plan_build(london)
    checked = 0
    for body_id in london.bodies:
        answer = chain(london, body_id, depth=ROUTE_LEVELS)
        if len(answer.rows) < 2:
            continue
        expected = [(row.depth + 1, london.name_of(row.body)) for row in answer.rows]
        section = route_section(plan.files[f"bodies/{body_id}.md"].decode("utf-8"))
        for items in both_dialects(section):
            assert [depth for depth, _ in items] == [depth for depth, _ in expected], (body_id, items)
            assert all(name in text for (_, text), (_, name) in zip(items, expected, strict=True))
        checked += 1
    assert checked > 10


def test_mkdocs_shows_the_route_of_community_chest_nested(tmp_path: Path) -> None:
    # MkDocs itself, with the plugin, as a user's site builds it.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Handbook\nplugins:\n  - govgraph:\n      model: {LONDON}\n      folder: governance\n",
        encoding="utf-8",
    )
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    done = subprocess.run([mkdocs, "build"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "governance" / "bodies" / "community-chest" / "index.html").read_text("utf-8")
    section = page[page.index('id="route-to-the-top"') :]
    section = section[section.index("<ul>") : section.index("<h2")]
    items = nested_items(section)
    assert [depth for depth, _ in items] == [1, 2, 3, 4], items
    assert [text.split(" (")[0] for _, text in items] == [
        "Community Chest",
        "reports to CLP",
        "reports to PCAG",
        "reports to LCEG",
    ]


# Deep structures ----------------------------------------------------------------------------------------------


def test_a_deep_route_is_cut_and_says_where_it_goes_on(tmp_path: Path) -> None:
    model = deep_chain(tmp_path, 40)
    plan = plan_build(model)
    section = route_section(plan.files["bodies/b0039.md"].decode("utf-8"))
    for items in both_dialects(section):
        assert [depth for depth, _ in items] == list(range(1, ROUTE_LEVELS + 3))
        assert items[0][1] == "Body 39"
        assert items[ROUTE_LEVELS][1] == f"reports to Body {39 - ROUTE_LEVELS}"
        assert items[-1][1] == f"… and on up to Body 0: see the route of Body {39 - ROUTE_LEVELS}"
    assert f"](../bodies/b{39 - ROUTE_LEVELS:04d}.md#route-to-the-top)" in section
    # Markdown-it, which MyST uses, shows the text of lists nine deep at most: the cut route fits.
    assert ROUTE_LEVELS + 2 <= 9
    # A body near the top shows its whole route, with no such line.
    near = route_section(plan.files[f"bodies/b{ROUTE_LEVELS:04d}.md"].decode("utf-8"))
    assert "… and on up" not in near
    assert "[Body 0](../bodies/b0000.md)" in near


def test_a_page_of_a_deep_body_is_no_longer_than_one_of_a_shallower_one(tmp_path: Path) -> None:
    def size(n: int) -> int:
        page = plan_build(deep_chain(tmp_path, n)).files[f"bodies/b{n - 1:04d}.md"].decode("utf-8")
        return len(re.sub(r"\d+", "N", route_section(page)))

    assert size(200) == size(50)


def test_a_deep_route_on_the_paths_page_shows_its_ends(tmp_path: Path) -> None:
    model = deep_chain(tmp_path, 60)
    page = plan_build(model).files["paths.md"].decode("utf-8")
    route = next(line for line in page.splitlines() if line.startswith("1. "))
    names = re.findall(r"\[(Body \d+)\]", route)
    assert names[: ROUTE_ENDS + 1] == [f"Body {59 - i}" for i in range(ROUTE_ENDS + 1)]
    assert names[-ROUTE_ENDS:] == [f"Body {i}" for i in range(ROUTE_ENDS - 1, -1, -1)]
    assert f"… {59 - 2 * ROUTE_ENDS:,} more steps" in route
    assert "(bodies/b0059.md#route-to-the-top)" in route


def test_a_cut_route_names_every_top_it_reaches_and_a_cycle(tmp_path: Path) -> None:
    # Two tops above the cut: the foot of the chain also reports, far up, to a second board.
    deep_chain(tmp_path, 30, extra="  other:\n    name: Other Board\n    kind: board\n")
    text = (
        (tmp_path / "deep-30.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  b0001:\n    name: Body 1\n    kind: committee\n    reports_to: [b0000]",
            "  b0001:\n    name: Body 1\n    kind: committee\n    reports_to: [b0000, other]",
        )
    )
    (tmp_path / "deep-30.yaml").write_text(text, encoding="utf-8")
    model = load(tmp_path / "deep-30.yaml")
    page = plan_build(model).files["bodies/b0029.md"].decode("utf-8")
    assert "… and on up to [Body 0](../bodies/b0000.md), [Other Board](../bodies/other.md): see" in page


# Tops above every body at once ------------------------------------------------------------------------------------


def test_tops_above_agrees_with_chain_for_every_body_of_london(london: Model) -> None:
    tops = tops_above(london)
    for body_id in london.bodies:
        answer = chain(london, body_id)
        expected = set(answer.tops) | ({body_id} if len(answer.rows) == 1 else set())
        assert tops[body_id] == expected, body_id


def test_tops_above_a_cycle_is_its_way_out_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "govgraph: 1\ntitle: Cycle\nbodies:\n"
        "  top: {name: Top, kind: board}\n"
        "  a: {name: A, kind: committee, reports_to: [b]}\n"
        "  b: {name: B, kind: committee, reports_to: [c]}\n"
        "  c: {name: C, kind: committee, reports_to: [a, top]}\n"
        "  x: {name: X, kind: committee, reports_to: [y]}\n"
        "  y: {name: Y, kind: committee, reports_to: [x]}\n"
        "  z: {name: Z, kind: project, reports_to: [x]}\n",
        encoding="utf-8",
    )
    tops = tops_above(load(path))  # a cycle is a finding of `check`, not a load error
    assert tops["a"] == tops["b"] == tops["c"] == {"top"}
    assert tops["x"] == tops["y"] == tops["z"] == frozenset()
    assert tops["top"] == {"top"}


# Text -----------------------------------------------------------------------------------------------------------


def test_text_chain_of_a_deep_body_is_cut_and_names_the_top(tmp_path: Path) -> None:
    model = deep_chain(tmp_path, 500)
    text = chain_text(chain(model, "b0499"))
    lines = text.splitlines()
    assert len(lines) < TREE_LEVELS + 10
    assert max(len(line) for line in lines) < 4 * TREE_LEVELS + 80
    cut = f"b{499 - TREE_LEVELS:04d}"
    assert f"… {499 - TREE_LEVELS:,} more bodies up to Body 0: `govgraph chain {cut}` shows them" in text
    assert "Top: Body 0." in text


def test_text_under_of_a_deep_top_is_cut_and_says_how_to_see_the_rest(tmp_path: Path) -> None:
    model = deep_chain(tmp_path, 500)
    text = under_text(under(model, "b0000"))
    assert len(text.splitlines()) < TREE_LEVELS + 10
    assert f"… {499 - TREE_LEVELS:,} more bodies below: `govgraph under b{TREE_LEVELS:04d}` shows them" in text
    assert "499 bodies under Body 0." in text


def test_text_trees_of_shallow_structures_are_as_before(london: Model) -> None:
    text = chain_text(chain(london, "community-chest"))
    assert "└── reports to CLP" in text
    assert "more bod" not in text
    assert "more bod" not in under_text(under(london, "lceg"))
