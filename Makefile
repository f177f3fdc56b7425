# The two quick-start commands: `make run` and `make test` (and `make bench`). Everything else is what they need.
SHELL := /bin/bash
PORT ?= 8080
DDB_PORT ?= 8000
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test chat bench bench-readme models lint prereqs dynamodb-local

## run: install what is missing, start DynamoDB Local (data kept in .local/), serve the skill on 127.0.0.1:$(PORT)
run: dynamodb-local
	@PORT=$(PORT) DDB_PORT=$(DDB_PORT) deploy/run-local.sh

## test: install what is missing and run the whole suite (it starts its own DynamoDB Local)
test: dynamodb-local
	$(BIN)/python -m pytest

## bench: the skill side by side with the floors and the ASK SDK peer (bench/results.json, a table)
bench: dynamodb-local
	$(BIN)/python -m bench

## bench-readme: regenerate README.md's bench table from bench/results.json (after a quiet `make bench`)
bench-readme: $(STAMP)
	$(BIN)/python -m bench.report --readme
## chat: talk to the skill from a terminal (starts it like `make run` when nothing answers on $(PORT));
##       PARTNER=2 speaks as the second partner
PARTNER ?= 1
chat: dynamodb-local
	@PORT=$(PORT) DDB_PORT=$(DDB_PORT) $(BIN)/python deploy/chat.py --partner $(PARTNER)

## models: regenerate the interaction models from deploy/model/
models: $(STAMP)
	$(BIN)/python deploy/build_models.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

prereqs:
	@deploy/prereqs.sh

$(STAMP): pyproject.toml bench/requirements.txt | prereqs
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) is needed (Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	@touch $@

dynamodb-local: $(STAMP)
	@$(BIN)/python deploy/dynamodb_local.py install
