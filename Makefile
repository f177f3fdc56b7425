# The two quick-start commands: `make run` and `make test` (and `make bench`). Everything else is what they need.
SHELL := /bin/bash
PORT ?= 8080
DDB_PORT ?= 8000
# The interpreter .venv is built with: PYTHON=... names one; otherwise the newest supported one found
# (deploy/python.sh: Python 3.11 to 3.14). A PYTHON of another version than .venv's rebuilds .venv.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast check phrase-keys chat replay bench bench-readme models lint prereqs dynamodb-local nox lambda-package release-check node-tools bench-lambda virtual-alexa mutate

## run: install what is missing, start DynamoDB Local (data kept in .local/), serve the skill on 127.0.0.1:$(PORT)
run: dynamodb-local
	@PORT=$(PORT) DDB_PORT=$(DDB_PORT) deploy/run-local.sh

## test: install what is missing, run the checks, then the whole suite (it starts its own DynamoDB Local)
test: dynamodb-local node-tools virtual-alexa check
	$(BIN)/python -m pytest

## test-fast: the tests that start no server or process, and the conversation map on one DynamoDB Local
##            (under a minute; markers in tests/conftest.py, figures in docs/testing.md)
test-fast: dynamodb-local
	$(BIN)/python -m pytest -q -m "(not servers or conversation_map) and not other_language"

## check: lint, format, types, the layers' import contracts (docs/architecture.md) and the content (every
##        language loads; no colliding practice names; phrase keys current); part of `make test`
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m content.check

## mutate: mutation testing of skill/domain/ (mutmut, installed on first use; a few minutes; not part of
##         `make test`): every mutant run against the fast tier, then the score. `.venv/bin/mutmut browse`
##         shows the survivors.
MUTMUT := mutmut==3.8.1
mutate: $(STAMP)
	@$(BIN)/mutmut --version >/dev/null 2>&1 || $(BIN)/python -m pip install --quiet "$(MUTMUT)"
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 >/dev/null
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python tests/mutation_score.py
	@$(BIN)/mutmut results 2>/dev/null | grep -E "survived|no tests" || true

## bench: the skill side by side with the floors and the ASK SDK peer (bench/results.json, a table)
bench: dynamodb-local
	$(BIN)/python -m bench

## bench-lambda: only the Lambda cold-start phase of `make bench` (bench/lambda_cold.py; bench/lambda-results.json)
bench-lambda: dynamodb-local
	$(BIN)/python -m bench --lambda-only

## bench-readme: regenerate docs/performance.md's bench table from bench/results.json (after a quiet `make bench`)
bench-readme: $(STAMP)
	$(BIN)/python -m bench.report --publish
## chat: talk to the skill from a terminal (starts it like `make run` when nothing answers on $(PORT));
##       PARTNER=2 speaks as the second partner
##       LOCALE=de-DE speaks German (any locale of content/languages.toml; en-US by default)
PARTNER ?= 1
LOCALE ?= en-US
chat: dynamodb-local
	@PORT=$(PORT) DDB_PORT=$(DDB_PORT) $(BIN)/python -m devtools.chat --partner $(PARTNER) --locale $(LOCALE)

## replay: one whole evening through the skill, measured: invocations, turns, seconds of listening
##         (espeak-ng at 165 wpm) and held time for every practice, a gratitude round, the summary
##         LOCALE=es-MX replays it in that locale (its words in devtools/replay_lines.toml, its espeak-ng voice)
replay: dynamodb-local
	@PORT=$(PORT) DDB_PORT=$(DDB_PORT) $(BIN)/python -m devtools.replay --locale $(LOCALE)

## models: regenerate the interaction models from deploy/model/, the icons, and skill.json's privacy policy
##         address (SKILL_PRIVACY_POLICY_URL, else deploy/publishing.toml)
models: $(STAMP)
	$(BIN)/python deploy/build_models.py

## phrase-keys: regenerate content/phrase_keys.py (the phrase keys and placeholders mypy checks) from
##              content/en/phrases/*.toml, after adding or changing an English phrase
phrase-keys: $(STAMP)
	$(BIN)/python -m content.keygen

## release-check: refuse to publish while the privacy policy is the placeholder or skill.json is stale
##                (run before `ask deploy` for certification; local runs never need it)
release-check: $(STAMP)
	$(BIN)/python -m deploy.publishing --check

lint: check

prereqs:
	@deploy/prereqs.sh

## nox: the whole suite on every supported Python found on this machine (noxfile.py), one after another
nox: $(STAMP)
	$(BIN)/nox

## lambda-package: the AWS Lambda deployment zip (deploy/lambda_package.py; LAMBDA_ZIP=... to choose where)
LAMBDA_ZIP ?= build/lambda.zip
lambda-package: $(STAMP)
	$(BIN)/python -m deploy.lambda_package --out $(LAMBDA_ZIP)

ifneq ($(PYTHON),)
ifneq ($(shell $(PYTHON) -c 'import sys; print(sys.version_info[:2])' 2>&1),$(shell $(BIN)/python -c 'import sys; print(sys.version_info[:2])' 2>&1))
$(STAMP): FORCE
endif
endif
FORCE:

$(STAMP): pyproject.toml bench/requirements.txt | prereqs
	@py="$(PYTHON)"; \
	if [ -n "$$py" ]; then deploy/python.sh check "$$py" || exit 1; else py=$$(deploy/python.sh newest) || exit 1; fi; \
	echo "Building $(VENV) with $$("$$py" -VV | head -n1) ($$py)"; \
	"$$py" -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	@touch $@

dynamodb-local: $(STAMP)
	@$(BIN)/python -m devtools.dynamodb_local install

# Amazon's APL validator (apl-suggester) from the npm registry into .local/, for the suite (tests/support/npm_tools.py,
# through the one npm installer, devtools/npm.py)
node-tools: $(STAMP)
	@PYTHONPATH=. $(BIN)/python tests/support/npm_tools.py apl-suggester

# The independent ear the everyday-phrasing test hears the model with (tests/support/virtual_alexa.py; npm)
virtual-alexa: $(STAMP)
	@PYTHONPATH=. $(BIN)/python tests/support/npm_tools.py virtual-alexa
