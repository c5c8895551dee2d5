# The two Quick start commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test bench lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

## Start the bot: on Telegram when TELEGRAM_BOT_TOKEN is set, otherwise a terminal chat.
run: install
	$(BIN)/electionbot run

## Install everything and run every test (and the linter).
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## Benchmark the engine against the BM25 and sentence-embedding baselines.
# torch 2.13.0 first: it is the CPU build this machine keeps on disk; an unpinned torch pulls a multi-GB CUDA build.
bench: $(BIN)/python
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[test,bench]"
	$(BIN)/electionbot bench
