# govgraph: everything a fresh machine with Python 3.11+ and make needs.
#   make run    set up, then build the documentation of the bundled London model into output/
#   make test   set up, then lint, type-check, check the layering and run the tests
#   make bench  set up, then run the benchmarks (figures in benchmarks/results/)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
MODEL  ?= data/governance.yaml

.PHONY: setup run test lint typecheck layers pytest bench clean

setup: $(VENV)/.installed

# Re-install only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: setup
	$(BIN)/govgraph check $(MODEL)
	$(BIN)/govgraph build $(MODEL) -o output

test: lint typecheck layers pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

layers: setup
	$(BIN)/lint-imports

pytest: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_queries.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_html.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_exchange.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.cache
