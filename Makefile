# Forum site. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run test bench worker beat lint format migrate demo clean help

help:
	@echo "make run     install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)/"
	@echo "make test    install the test tools and run the whole suite"
	@echo "make bench   run the benchmarks in tests/benchmarks (prints the figures)"
	@echo "make worker  run a Celery worker with beat against CELERY_BROKER_URL"
	@echo "make lint    ruff check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# The check-in scanner's QR decoding fallback (for browsers without
# BarcodeDetector) is served by the site itself; it is installed from the npm
# registry, not kept in the repository. Without npm the camera needs
# BarcodeDetector; handheld scanners and typing work either way.
JSQR_VERSION := 1.4.0
JSQR := registration/checkin/static/checkin/vendor/jsqr/jsQR.js

$(JSQR):
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent jsqr@$(JSQR_VERSION) >/dev/null) && \
	  tar xzf $$tmp/jsqr-$(JSQR_VERSION).tgz -C $$tmp package/dist/jsQR.js package/LICENSE && \
	  mkdir -p $(dir $@) && cp $$tmp/package/dist/jsQR.js $@ && cp $$tmp/package/LICENSE $(dir $@)LICENSE && rm -rf $$tmp; \
	else echo "npm not found: jsQR (the scanner's camera fallback) is not installed"; fi

migrate: $(VENV)/.installed $(JSQR)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev $(JSQR)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python -m pytest tests/benchmarks -p no:randomly -s -o addopts="" $(PYTEST_ARGS)

worker: $(VENV)/.installed
	$(BIN)/celery -A forum_site worker --beat --loglevel=info

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
