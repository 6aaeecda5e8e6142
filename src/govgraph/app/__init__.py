"""The use cases of govgraph, between the command line (and the Sphinx directive, the MkDocs plugin and
`govgraph serve`) and the features below: one function for each thing a person asks govgraph to do, holding
every policy those callers share, so that they behave the same.

- `models`: which model file a command reads (and never the bundled example for a command that writes), and
  how `[MODEL] NAME` is told apart;
- `options`: dates, lists and rule codes as people write them, and the view selection;
- `files`: writing a file whole with ordinary permissions, and the format a file's name asks for;
- `checking`: `check` of several files; `answers`: `show`, `path`, `chain`, `under`, `roles`, `timeline`;
- `drawing`: `render`, with the one rule for large structures; `documentation`: `build`, `build --check`,
  `serve`; `comparing`: `diff`; `exchanging`: `export` and `import`.

Each use case returns an `Outcome`: its result and the notes for the person (warnings included). Errors about
how a use case was called are `ParameterError`s naming its parameters; each caller words them with its own
names for them (`--max` on the command line for `max_routes`).
"""

from __future__ import annotations

from govgraph.app.outcome import Note, Outcome

__all__ = ["Note", "Outcome"]
