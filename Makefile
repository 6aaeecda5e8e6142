# govgraph: everything a fresh machine with Python 3.11+ and make needs.
#   make run    install govgraph (what running it needs, no more), then build the documentation of the bundled
#               London model into output/
#   make test   install govgraph and the development set (linters, Sphinx, MkDocs, Playwright...), then lint,
#               type-check, check the layering and run the tests
#   make bench  set up, then run the benchmarks (figures in benchmarks/results/) and print their summary table
#   make bench-summary  print that table again from benchmarks/results/, measuring nothing
#   make mutation  mutation testing of the rules, the questions, the dates and the vocabulary; prints the score
#               per module and writes it to benchmarks/results/mutation.json (half an hour or more on 2 cores)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
MODEL  ?= data/governance.yaml

.PHONY: setup setup-run run test lint typecheck layers pytest bench bench-summary mutation clean

# `setup` is the development set (what the tests, linters and benchmarks need); `setup-run` only what running
# govgraph needs (`pip install -e .`). Each re-installs only when the project's dependencies change.
setup: $(VENV)/.installed-dev
setup-run: $(VENV)/.installed

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: setup-run
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
	$(BIN)/pytest -n auto

BENCHMARKS := load queries render html diagrams build diff exchange office deep

# Every benchmark runs even when one fails (bench_exchange exits 1 when an export misses its target), then the
# summary; make fails afterwards if any benchmark did. bench_load's default sizes are 100 to 100,000 bodies.
bench: setup
	@failed=; for name in $(BENCHMARKS); do \
	  echo "== benchmarks/bench_$$name.py"; \
	  $(BIN)/python benchmarks/bench_$$name.py || failed="$$failed $$name"; \
	done; \
	echo; $(BIN)/python benchmarks/summary.py || failed="$$failed summary"; \
	if [ -n "$$failed" ]; then echo "failed or missed a target:$$failed" >&2; exit 1; fi

bench-summary: setup
	$(BIN)/python benchmarks/summary.py

# Niced: it keeps both cores busy for a long time. MUTANTS= a pattern (`govgraph.queries*`) tries only those.
mutation: setup
	GOVGRAPH_REQUIRE_ENGINES=1 nice -n 10 $(BIN)/python benchmarks/mutation.py --fresh $(MUTANTS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/.cache mutants
