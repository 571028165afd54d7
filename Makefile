# The two set-up commands: `make demo` and `make test`. Everything else is here for them.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/infoharbor
export DJANGO_SETTINGS_MODULE := infoharbor.settings

.PHONY: demo test lint test-sqlite test-postgres bench runtime-deps system-deps install catalogues

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Country flags (flag-icons, from npm) for the protocol office's drawings and prints.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@

install: $(VENV)/.installed node_modules/.installed

catalogues: install
	$(BIN)/infoharbor compile_catalogues

demo: runtime-deps install catalogues
	mkdir -p var
	$(BIN)/infoharbor migrate --noinput
	$(BIN)/infoharbor collectstatic --noinput -v0
	$(BIN)/infoharbor load_seed_forum
	$(BIN)/infoharbor demo_organiser
	$(BIN)/infoharbor runserver 127.0.0.1:8000

runtime-deps:
	scripts/system-deps.sh runtime

system-deps:
	scripts/system-deps.sh test

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test-sqlite: install catalogues
	$(BIN)/pytest -n 2 --dist loadgroup

test-postgres: install catalogues
	scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup

test: system-deps lint test-sqlite test-postgres

bench: install catalogues
	scripts/system-deps.sh bench
	scripts/ensure-postgres.sh
	@for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done
