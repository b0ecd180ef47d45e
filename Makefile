# quizapp: `make run` serves the seeded app on http://127.0.0.1:5000; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app quizapp
STAMP := $(VENV)/.installed

.PHONY: run serve test install db secret lint security browser-deps loadtest bench bench-scale clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

instance/secret_key:
	$(PYTHON) -c "import secrets, os, pathlib; p = pathlib.Path('instance/secret_key'); p.write_text(secrets.token_hex(32) + '\n'); os.chmod(p, 0o600)"

secret: instance/secret_key

db: install secret
	$(FLASK) db upgrade
	$(FLASK) seed

run: db
	$(FLASK) run --host 127.0.0.1 --port 5000

# The classroom server: gunicorn on this machine's network addresses (SQLite by default),
# printing the address students type and its QR code. `make serve LAN_HTTP=1` lets sign-in
# work over plain http from devices on private network addresses (web/lan.py).
SERVE_PORT ?= 8000
serve: db
	$(FLASK) serve --port $(SERVE_PORT) $(if $(filter 1 yes true,$(LAN_HTTP)),--lan-http)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Medium and high findings fail; each accepted one carries `# nosec <id>` and a reason above it.
# Low ones (random.Random for quiz shuffles, words that look like passwords) are not reported.
security: install
	$(BIN)/bandit -q -c pyproject.toml -r quizapp --severity-level medium

# axe-core for the browser accessibility checks, from the npm registry into a git-ignored
# folder; a no-op once it is there. Without npm or a network it says so and `make test` goes on:
# the checks then skip, except in CI (QUIZAPP_REQUIRE_BROWSER=1), where they fail.
AXE_VERSION := 4.14.1
AXE_JS := .browser-deps/node_modules/axe-core/axe.min.js

browser-deps: $(AXE_JS)

$(AXE_JS):
	@command -v npm >/dev/null \
	  && npm install --prefix .browser-deps --no-save --no-audit --no-fund --loglevel=error \
	    --fetch-retries=1 --fetch-timeout=30000 axe-core@$(AXE_VERSION) \
	  || echo "axe-core not installed: the browser accessibility checks will be skipped"

test: install lint security browser-deps
	$(BIN)/python -m pytest

# 200 students against gunicorn through each fault: one worker SIGKILLed mid-run, the whole
# server (master and workers) SIGKILLed and started again, and with PostgreSQL the database
# server restarted (needs root); then the negative control (idempotency off), which passes
# only when the checks catch the duplicated attempts.
# PostgreSQL: make loadtest LOADTEST_ARGS=--database-url=postgresql://user:pw@127.0.0.1/db
LOADTEST_ARGS ?=
# The commands are not echoed: LOADTEST_ARGS may hold a database password.
loadtest: install
	@echo "load-and-fault test: 200 students through each fault, then the negative control"
	@faults="worker server"; case "$(LOADTEST_ARGS)" in *database-url*) faults="$$faults postgres";; esac; \
	for fault in $$faults; do \
	  $(BIN)/python bench/loadtest.py --students 200 --fault $$fault $(LOADTEST_ARGS) || exit 1; \
	done
	@$(BIN)/python bench/loadtest.py --students 60 --negative-control $(LOADTEST_ARGS)

# wrk, the load generator, comes from Debian; installed here when missing (needs root).
# `make bench BENCH_ARGS=--save-baseline` keeps the run in bench/baseline.json for later runs
# to compare with; `BENCH_ARGS="--seconds 3"` makes a short development run.
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Report and student pages at 1× and 10× the bench's large dataset on SQLite and on a throwaway
# local PostgreSQL database (bench/postgres.sh starts Debian's server; needs root), first views,
# median ms and SQL statements per page. SCALE_ARGS=--huge adds 50× (a million attempts, about
# an hour); BENCH_DATABASE_URL=postgresql://… uses an existing empty database instead.
SCALE_ARGS ?=
bench-scale: install
	@$(BIN)/python bench/bench_scale.py $(SCALE_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov .browser-deps
