"""What a use case answers besides its result: notes for the person running govgraph.

A note names the parameters it mentions as the library does (`full`); each caller words it with its own names
for them (`--full` on the command line, `:full:` in a Sphinx directive), as it does for a `ParameterError`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from govgraph.errors import name_parameters

T = TypeVar("T", covariant=True)


@dataclass(frozen=True)
class Note:
    """A message beside an answer: `warning` when something may be wrong with it, else information.

    `template` names each of `parameters` as `{name}`; `values` fill its other fields (as written, never parsed
    as a template).
    """

    template: str
    parameters: tuple[str, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    warning: bool = False

    def words(self, name: Callable[[str], str] = str) -> str:
        """The note, each parameter named by `name` (default: as the library names it)."""
        return name_parameters(self.template, self.parameters, self.values, name)

    @classmethod
    def plain(cls, text: str, *, warning: bool = False) -> Note:
        """A note of fixed words that names no parameter."""
        return cls("{text}", values={"text": text}, warning=warning)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result and the notes that go with it, in the order they arose."""

    value: T
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Written:
    """What a command produced: the files it wrote, or (with no file asked for) the content to print."""

    files: tuple[Path, ...] = ()
    content: str | bytes | None = None


@contextmanager
def warnings_as_notes() -> Iterator[list[Note]]:
    """Collect every warning raised inside the block (an engine's complaint, a format left out) as notes.

    Each different message is kept once, in sorted order, so the same warning from many diagrams is said once and
    the order does not depend on which diagram was drawn first.
    """
    collected: list[Note] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield collected
    collected.extend(Note.plain(text, warning=True) for text in sorted({str(w.message) for w in caught}))
