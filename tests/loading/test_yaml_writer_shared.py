"""One mapping or list in two places of a document is written by PyYAML, once with an anchor, wherever the two
places are: in one entry, in two entries of a section, in a section and a top-level key, in a part that PyYAML
writes and one written directly."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from govgraph.loading import writer
from govgraph.loading.simple_yaml import PlainText
from govgraph.loading.writer import dump_document


class _Reference(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's representer with the writer's representers, and nothing else of the writer's."""


_Reference.add_representer(PlainText, writer._plain)
_Reference.add_representer(dict, writer._mapping)
_Reference.add_representer(list, writer._sequence)


def _by_pyyaml(document: dict[str, Any]) -> str:
    return str(
        yaml.dump(document, Dumper=_Reference, default_flow_style=None, allow_unicode=True, width=110, sort_keys=False)
    )


_SHARED = [PlainText("a"), PlainText("b")]
_NESTED = {"name": "N", "list": _SHARED}

_DOCUMENTS: dict[str, dict[str, Any]] = {
    # two entries of one section
    "entries": {"title": "T", "bodies": {"a": {"x": _SHARED}, "b": {"y": _SHARED}}},
    # within one entry
    "one entry": {"title": "T", "bodies": {"a": {"x": _SHARED, "y": _SHARED}}},
    # a section and a top-level key
    "section and key": {"bodies": {"a": {"x": _SHARED}}, "views": {"v": {"y": _SHARED}}, "ids": _SHARED},
    # one place in a part PyYAML writes (a number with a point), the other in a part written directly, both ways
    "left to PyYAML first": {"bodies": {"a": {"x": _NESTED, "ratio": 0.5}, "b": {"y": _SHARED}}},
    "left to PyYAML last": {"bodies": {"a": {"y": _SHARED}, "b": {"x": _NESTED, "ratio": 0.5}}},
    # a whole section PyYAML writes (its key is one it quotes) and a part written directly
    "section left to PyYAML": {"'odd": {"a": {"x": _NESTED}}, "bodies": {"b": {"y": _SHARED}}},
}


@pytest.mark.parametrize("name", list(_DOCUMENTS))
def test_one_list_in_two_places_is_written_once_with_an_anchor(name: str) -> None:
    document = _DOCUMENTS[name]
    text = dump_document(document)
    assert "&id001" in text
    assert "*id001" in text
    assert text == _by_pyyaml(document)


def test_equal_lists_in_two_places_are_written_in_full_each_time() -> None:
    document = {"bodies": {"a": {"x": [PlainText("a")]}, "b": {"y": [PlainText("a")]}}, "ratio": 0.5}
    text = dump_document(document)
    assert "&id" not in text
    assert "x: [a]" in text
    assert "y: [a]" in text
    assert text == _by_pyyaml(document)
