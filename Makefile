# Two commands set everything up on a machine with Python 3.11 and make: `make book` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
READY := $(VENV)/.ready
NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg
export PYTHONHASHSEED := 0

.PHONY: help book test lab lint format notebooks exercises behaviours bench lock clean system-packages

help:
	@echo "make book   build the website into _build/html"
	@echo "make book-instructor  build the instructor edition (adds solutions and the instructor guide)"
	@echo "make test   lint, then run the whole test suite (tests, and every notebook with nbval)"
	@echo "make lint   ruff check and ruff format --check on the Python sources"
	@echo "make format ruff format, and notebooks rewritten in canonical form (no re-execution)"
	@echo "make lab    open JupyterLab on the project's environment"
	@echo "make notebooks  re-execute the chapters and solutions and store their outputs"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make behaviours  run every example of the book on every runtime profile; writes src/convshapes/data/behaviours.json"
	@echo "                 (NOTEBOOKS=\"notebooks/04_pattern3_reshape_layer.ipynb ...\" measures only those again)"
	@echo "make bench  measure speed (chapters, suite, book, grading) as ratios; writes bench/results.md"

# The environment is rebuilt only when the lock file or the project metadata change.
$(READY): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# PyTorch runs in one chapter (notebooks/10_coming_from_pytorch.ipynb), so `make test`, `make notebooks` and
# `make bench` need it; `make book` does not (the website shows that chapter's stored outputs), nor does a
# learner. It goes into .venv once, after the lock, which constrains it so that no locked package moves, and it
# stays out of requirements.lock (see `lock`). On these machines and CI pip takes the CPU build from a local
# wheel. Elsewhere a plain torch pin brings the CUDA build (several GB): ask for the CPU build with
#   make test TORCH_PIP_OPTIONS="--extra-index-url https://download.pytorch.org/whl/cpu"
TORCH := torch==2.13.0
TORCH_READY := $(VENV)/.torch-ready
TORCH_PIP_OPTIONS ?=
# torch and the packages it brings that the lock does not pin: never written into requirements.lock.
TORCH_ONLY := torch filelock fsspec mpmath networkx sympy

$(TORCH_READY): $(READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) $(TORCH_PIP_OPTIONS) $(TORCH)
	touch $@

# Notebooks that `make test` has just validated with nbval are taken from the execution cache, not re-run;
# the others run first, in parallel (one per core, plus one), into the same cache.
# The kernels that execute the book use an IPython profile of the build's own (book/_ext/ipython_kernel_config.py).
BOOK_KERNELS := IPYTHONDIR=$(CURDIR)/_build/ipython
book: $(READY)
	@mkdir -p _build/ipython/profile_default && cp book/_ext/ipython_kernel_config.py _build/ipython/profile_default/
	$(BOOK_KERNELS) $(BIN)/python -m convshapes.authoring.execution_cache --execute
	$(BOOK_KERNELS) $(BIN)/jupyter-book build --warningiserror --keep-going .
	@echo "The website is in _build/html: serve it with  python -m http.server --directory _build/html  and open http://localhost:8000 (the Paste your error page runs Python only on a served page)"

# The instructor edition: the student edition plus the solutions and the instructor guide.
.PHONY: book-instructor
book-instructor: $(READY)
	$(BIN)/jupyter-book build --warningiserror --keep-going --toc _toc_instructor.yml --path-output _build/instructor .
	@echo "The instructor edition is in _build/instructor/_build/html: serve it with  python -m http.server --directory _build/instructor/_build/html"

# bubblewrap (grading sandbox) and Chromium (browser tests), installed with apt-get when missing.
system-packages:
	@tools/system-packages.sh

LINTED := src tests bench book/_ext conftest.py

lint: $(READY)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(READY)
	$(BIN)/ruff format $(LINTED)
	$(BIN)/python -m convshapes.notebook.format notebooks/*.ipynb exercises/*.ipynb solutions/*.ipynb

# Notebooks run in parallel; --dist loadscope keeps each notebook's cells on one worker.
test: $(READY) $(TORCH_READY) system-packages lint
	$(BIN)/python -m pytest -n 2 --dist loadscope --durations=15 --ignore=tests/fixtures $(NBVAL) tests notebooks solutions

lab: $(READY)
	$(BIN)/jupyter lab

notebooks: $(READY) $(TORCH_READY)
	$(BIN)/python -m convshapes.authoring.execute notebooks/*.ipynb solutions/*.ipynb

# Speed on this machine as ratios measured in one run; writes bench/results.md (needs bubblewrap).
bench: $(READY) $(TORCH_READY) system-packages
	$(BIN)/python bench/run.py

exercises: $(READY)
	$(BIN)/python -m convshapes.authoring.generate

# Every example that fails on purpose, on every runtime profile (tests/runtimes/) with oneDNN off and on:
# what each raised or printed goes into src/convshapes/data/behaviours.json, which the tests hold the book to.
# `make behaviours NOTEBOOKS=notebooks/04_pattern3_reshape_layer.ipynb` measures one notebook again.
NOTEBOOKS ?=
behaviours: $(READY) $(TORCH_READY)
	$(BIN)/python -m convshapes.authoring.behaviours $(NOTEBOOKS)

# Re-pin every dependency from the current environment (after a deliberate upgrade), torch and its own
# dependencies excepted: they are a test dependency, installed by $(TORCH_READY).
lock:
	$(BIN)/python -m pip freeze --exclude-editable --all $(addprefix --exclude ,pip $(TORCH_ONLY)) > $(LOCK)

clean:
	rm -rf _build
