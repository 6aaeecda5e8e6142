"""`python -m govgraph` runs the command line."""

from __future__ import annotations

from govgraph.cli import main

main()
