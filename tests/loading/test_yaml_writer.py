"""The model file writer makes PyYAML's nodes itself (for speed): its text must stay byte for byte what PyYAML's
own representer writes, on every test model and on documents it leaves to PyYAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import support
from govgraph.exchange.document import model_document
from govgraph.loading import load, writer
from govgraph.loading.simple_yaml import PlainText
from govgraph.loading.writer import dump_document


class _Reference(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's representer with the writer's representers, and nothing else of the writer's."""


_Reference.add_representer(PlainText, writer._plain)
_Reference.add_representer(dict, writer._mapping)
_Reference.add_representer(list, writer._sequence)


def _by_pyyaml(document: dict[str, Any], width: int = 110) -> str:
    return str(
        yaml.dump(
            document, Dumper=_Reference, default_flow_style=None, allow_unicode=True, width=width, sort_keys=False
        )
    )


def _models() -> list[Path]:
    found = [support.REPO / "data" / "governance.yaml"]
    for path in sorted((support.REPO / "tests" / "data").rglob("*.y*ml")):
        if any(line.startswith("govgraph:") for line in path.read_text(encoding="utf-8").splitlines()):
            found.append(path)
    return found


@pytest.mark.parametrize("path", _models(), ids=lambda p: str(p.relative_to(support.REPO)))
def test_every_test_model_is_written_as_pyyaml_writes_it(path: Path) -> None:
    try:
        model = load(path)
    except Exception:  # a test model that is wrong on purpose has nothing to write
        pytest.skip("not a valid model")
    document = dict(model_document(model))
    assert dump_document(document) == _by_pyyaml(document)


def test_a_large_generated_model_is_written_as_pyyaml_writes_it() -> None:
    model = support.synthetic(1000, terms=True)
    document = dict(model_document(model))
    assert dump_document(document) == _by_pyyaml(document)


def test_text_of_every_shape_is_written_as_pyyaml_writes_it() -> None:
    texts = [
        "plain",
        "two words",
        "a: colon",
        "# hash",
        "- dash",
        "'quoted'",
        '"double"',
        "yes",
        "null",
        "~",
        "2024-03",
        "0123",
        "1e3",
        "trailing ",
        " leading",
        "line\nbreak",
        "tab\there",
        "caf\u00e9 \u2013 \U0001f600",
        "",
        "x" * 200,
        "word " * 40,
        "@at",
        "`tick",
        "{brace}",
        "[bracket]",
        "a, b",
        "key: value, more: x",
        "?",
        "!tag",
    ]
    document: dict[str, Any] = {
        "title": "T",
        "items": {
            f"k{i}": {"name": text, "list": [text, PlainText("2024")], "n": i, "on": i % 2 == 0}
            for i, text in enumerate(texts)
        },
        "ids": [PlainText("a-b"), PlainText("2024-03-01"), PlainText("1.0")],
        "flow": {"short": [PlainText("a"), PlainText("b")], "long": [f"item number {i}" for i in range(30)]},
        "empty": {"none": None, "list": [], "map": {}},
    }
    for width in (110, 40):
        assert dump_document(document, width=width) == _by_pyyaml(document, width)


def test_what_pyyaml_writes_its_own_way_is_left_to_it() -> None:
    shared = [PlainText("a"), PlainText("b")]
    # One list in two places is written once with an anchor; a number with a point is PyYAML's to write.
    document: dict[str, Any] = {"one": {"x": shared}, "two": {"y": shared}, "ratio": 0.5}
    text = dump_document(document)
    assert text == _by_pyyaml(document)
    assert "&id001" in text
    assert "ratio: 0.5" in text
