"""Shared fixtures: the repository root and the London model loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import govgraph.loading
from govgraph.model import Model


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the test run's govgraph (and every command it starts) keeps the models it reads: a folder of its
    own, never the user's (see `govgraph.loading.cache`)."""
    folder = tmp_path_factory.mktemp("model-cache")
    before = os.environ.get("GOVGRAPH_CACHE")
    os.environ["GOVGRAPH_CACHE"] = str(folder)
    yield folder
    if before is None:
        del os.environ["GOVGRAPH_CACHE"]
    else:
        os.environ["GOVGRAPH_CACHE"] = before


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (the one holding `pyproject.toml`)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def london(repo_root: Path) -> Model:
    """The London Personalised Care governance model, `data/governance.yaml`."""
    return govgraph.loading.load(repo_root / "data" / "governance.yaml")
