"""Shared fixtures: the repository root and the London model loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph.loading
from govgraph.model import Model


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (the one holding `pyproject.toml`)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def london(repo_root: Path) -> Model:
    """The London Personalised Care governance model, `data/governance.yaml`."""
    return govgraph.loading.load(repo_root / "data" / "governance.yaml")
