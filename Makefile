# Two commands do all set-up:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test lint format bench eval clean

install: $(BIN)/rasd                      ## create .venv with rasd (and dev tools) in it

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pip 23.x crashes on some extras (lxml[html-clean]); a current pip does not.
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

demo: install                             ## analyse the sample article, store it, search it
	$(BIN)/rasd analyze examples/sample-article.txt --summary
	$(BIN)/rasd ingest examples/sample-article.txt --db $(DEMO_DB)
	$(BIN)/rasd search "العراق" --db $(DEMO_DB)
	@echo "database: $(abspath $(DEMO_DB))  (try: $(BIN)/rasd search ايران --db $(DEMO_DB))"

test: install                             ## unit tests, then lint and types
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: install                            ## throughput and memory (needs ../shared/data/news)
	$(BIN)/python bench/throughput.py --n 1000

eval: install                             ## extraction accuracy on pages built from real articles
	$(BIN)/python bench/build_pages.py --n 200 --out /tmp/rasd-pages
	$(BIN)/python bench/eval_extract.py --pages /tmp/rasd-pages

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*

.PHONY: model
model: install                            ## rebuild the entity tagger in src/rasd/models (needs ../shared/data)
	# One BLAS thread: the word clusters then come out the same on every machine.
	# torch trains the networks that vote with the CRF (tagging needs only numpy); 2.13.0
	# is the CPU wheel, other versions pull CUDA.
	$(BIN)/python -m pip install -q python-crfsuite numpy scipy torch==2.13.0
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python scripts/train_ner.py
