"""govgraph's version, in a module of its own so that any module can import it without the package's root
(and the packaging reads it from here: pyproject.toml's `tool.hatch.version`)."""

from __future__ import annotations

__version__ = "0.1.0"
