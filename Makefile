# One entry point for every task; each target installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
UV := $(BIN)/uv
UV_VERSION := 0.13.9
PORT ?= 8000
# `make token USER=staff` or `make token ACCOUNT=staff`; the login shell's own $USER is not an account.
ACCOUNT ?= $(if $(filter command line,$(origin USER)),$(USER),staff)
export AWS_DEFAULT_REGION ?= us-east-1

NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run token code outbox verify-audit redrive test check lint types package bench load load-events pii-eval clean browser messages screenshots lighthouse lock

# Installs from the lock files (exact versions, with hashes) with uv, much quicker than pip. `make run` and
# the commands beside it need only requirements-run.lock; the development tools come with the first target
# that needs them.
$(UV):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(RUN_STAMP): requirements-run.lock | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -r requirements-run.lock
	touch $@

$(STAMP): requirements-dev.lock | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -r requirements-dev.lock
	touch $@ $(RUN_STAMP)

# After changing a requirements*.txt: pins what it adds, keeping every other version as it is.
lock: | $(UV)
	for name in run dev; do $(UV) pip compile requirements-$$name.txt --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" --quiet -o requirements-$$name.lock; done

# The page tests drive Debian's Chromium (never a downloaded browser) and inject axe-core from npm.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	$(SUDO) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation'

browser: $(NODE_STAMP) $(CHROMIUM)

run: $(RUN_STAMP)
	PORT=$(PORT) $(BIN)/python -m infra.local.run $(if $(FRESH),--fresh,)

token: $(RUN_STAMP)
	@$(BIN)/python -m infra.local.token $(ACCOUNT)

# `make code WHO=staff`: the code a demo account's authenticator app shows now, for the sign-in page.
code: $(RUN_STAMP)
	@$(BIN)/python -m infra.local.code $(or $(WHO),$(ACCOUNT))

outbox: $(RUN_STAMP)
	@$(BIN)/python -m infra.local.outbox $(if $(LINES),--lines $(LINES),)

# The local stack's dead-letter queues by default; `make redrive AWS=1` uses your AWS configuration.
# QUEUE=public-review-screening (or its -dlq) moves only that queue's messages.
# `make verify-audit ID=<recommendation id>`: the local stack's; `AWS=1 TABLE=<TableName>` for AWS.
verify-audit: $(RUN_STAMP)
	@$(BIN)/python -m infra.verify_audit $(if $(AWS),$(if $(TABLE),--table $(TABLE),),--local) $(ID)

redrive: $(RUN_STAMP)
	@$(BIN)/python -m infra.redrive $(if $(AWS),,--local) $(if $(QUEUE),--queue $(QUEUE),)

# One worker per core; a test file stays on one worker, so its module fixtures (pump, server) are set up once.
test: $(STAMP) browser
	$(BIN)/python -m pytest --numprocesses=auto --dist=loadfile

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

check: lint types test

package: $(STAMP)
	$(BIN)/python -m infra.package out

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.run

load: $(STAMP)
	$(BIN)/python -m tests.load.run

# 2,000 registrations for 20 events from 16 clients, reconciled: none lost or doubled, no event over capacity.
load-events: $(STAMP)
	$(BIN)/python -m tests.load.events

# Recall and precision of screening's personal-information finder per kind on the labelled corpus.
pii-eval: $(STAMP)
	$(BIN)/python -m tests.pii.evaluate

# Every page at 375 and 1280 px, in English and Spanish, under screenshots/.
screenshots: $(STAMP) browser
	$(BIN)/python -m tests.site.screenshots

# Lighthouse is large (about 190 MB) and only this target needs it, so it stays out of package.json.
node_modules/.bin/lighthouse: $(NODE_STAMP)
	npm install --no-save --no-audit --no-fund --loglevel=error lighthouse@12.2.3

lighthouse: $(STAMP) browser node_modules/.bin/lighthouse
	$(BIN)/python -m tests.site.lighthouse

# The first administrator of the deployed stack's user pool, with a one-time password to sign in with:
# `make first-admin EMAIL=alex@agency.gov` (STACK=public-review by default, or USER_POOL_ID=...).
.PHONY: first-admin
STACK ?= public-review
first-admin: $(RUN_STAMP)
	@$(BIN)/python -m infra.first_admin $(if $(USER_POOL_ID),--user-pool-id $(USER_POOL_ID),--stack-name $(STACK)) --email $(EMAIL)

# checkov on the packaged template after the SAM transform; infra/checkov-accepted.txt lists the checks
# that do not apply, each with its reason. checkov is large: it gets a venv of its own under .tools/.
.PHONY: audit
audit: package
	$(BIN)/python -m infra.audit out

# Gathers the pages' strings into the Spanish catalogue and compiles it; translate what it lists.
messages: $(STAMP)
	$(BIN)/python -m infra.messages

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
