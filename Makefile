# Two commands are enough on a fresh machine: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# The sample library is dated: `make run` lints it as of the day it was last reviewed,
# so the demo is reproducible. `cskit lint` alone uses today's date.
AS_OF   ?= 2026-11-22

.PHONY: install run test lint fmt bench eval clean
.DEFAULT_GOAL := run

# compileall: byte-compile as pip does for regular installs (an editable install leaves it to
# the first run, which PYTHONDONTWRITEBYTECODE=1 would turn into every run).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q cskit
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/cskit lint --library library --as-of $(AS_OF)
	@echo "--- one answer rendered with the 'shipped' sample order:"
	$(BIN)/cskit render logistics-where-is-parcel --sample shipped --library library

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check cskit tests benchmarks
	$(BIN)/ruff format --check cskit tests benchmarks
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format cskit tests benchmarks
	$(BIN)/ruff check --fix cskit tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Recall and false positives per rule on a labelled corpus of real replies
# (CSKIT_REALTEXT=DIR, default ../shared/realtext): a benchmark, not a test.
CSKIT_REALTEXT ?= ../shared/realtext
eval: $(STAMP)
	CSKIT_REALTEXT=$(CSKIT_REALTEXT) $(BIN)/python benchmarks/eval.py

clean:
	rm -rf $(VENV) .cskit_cache library/.cskit_cache .pytest_cache .mypy_cache .ruff_cache build *.egg-info
