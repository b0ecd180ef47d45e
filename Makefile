# quizapp: `make run` serves the seeded app on http://127.0.0.1:5000; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app quizapp
STAMP := $(VENV)/.installed

.PHONY: run test install db secret lint security browser-deps loadtest bench clean

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

lint: install
	$(BIN)/ruff check .

security: install
	$(BIN)/bandit -q -c pyproject.toml -r quizapp

test: install lint security
	$(BIN)/python -m pytest

loadtest: install
	$(BIN)/python bench/loadtest.py --students 200

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov
