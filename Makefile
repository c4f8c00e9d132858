# Source Lab: two commands do all the set-up (see README.md).
#   make lab    create .venv if needed, then open JupyterLab on the start notebook
#   make app    the same set-up, then the lessons as pages without code (Voila), on this computer only
#   make test   the same set-up, then every test (unit, notebooks, browser)
#   make bench  the same set-up, then print the benchmark ratios
#   make killtest  the same set-up, then kill a saving kernel 1,000 times and count lost answers (~10 min)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.sourcelab-installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_PAGE_CONFIG := $(VENV)/etc/jupyter/labconfig/page_config.json
START  := notebooks/00_start_here.ipynb
# axe-core for the browser tests' accessibility audit: an npm package, installed from tests/browser/package-lock.json
BROWSER_JS := tests/browser
AXE_STAMP  := $(BROWSER_JS)/node_modules/.sourcelab-installed

.PHONY: setup browser-js lab app test bench killtest check clean

setup: $(STAMP) $(LAB_SETTINGS) $(LAB_PAGE_CONFIG)

# Re-installs only when the dependency list changes, so a second `make test` starts at once.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# JupyterLab reads overrides.json from the environment: no news pop-up, no update check, and the notebook's
# one-key shortcuts kept out of cell outputs, so the arrow keys choose in the kit's menus (sourcelab/lab_settings.py).
$(LAB_SETTINGS): config/jupyterlab/overrides.json src/sourcelab/lab_settings.py $(STAMP)
	$(BIN)/python -m sourcelab.lab_settings config/jupyterlab/overrides.json $(LAB_SETTINGS)

# Voila (for `make app`) brings a "Render with Voila" button into JupyterLab's toolbar; JupyterLab stays as
# students know it, and app mode starts only from `make app`, with the kit's offline page template.
$(LAB_PAGE_CONFIG): $(STAMP)
	$(BIN)/jupyter labextension disable --level=sys_prefix @voila-dashboards/jupyterlab-preview

# The extension manager stays read-only: the kit never contacts a package index while students work.
LAB_FLAGS := --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root,)

# Rooted at the kit, so teachers reach exercises/, data/ and docs/ (and a terminal opens where `make check`
# works); students still land on the start notebook. ARTICLE=PACK_DIR runs every lesson on another article.
ARTICLE_ENV := $(if $(ARTICLE),SOURCELAB_DATA=$(abspath $(ARTICLE)),)

# `npm ci` only when node_modules is missing or the lock changed. Without npm, the accessibility test says so and
# skips (fails under CI=true, where .ci/run installs Debian's nodejs and npm first).
browser-js: $(AXE_STAMP)

$(AXE_STAMP): $(BROWSER_JS)/package-lock.json $(BROWSER_JS)/package.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(BROWSER_JS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.sourcelab-installed; \
	else \
		echo "npm not found: the accessibility test (axe-core) will be skipped. Install Debian's nodejs and npm to run it."; \
	fi

lab: setup
	$(ARTICLE_ENV) $(BIN)/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(START)

# App mode: Voila runs each lesson and shows its prose and tools, never its code. config/jupyter holds its
# settings (voila.json: 127.0.0.1 only, the list of lessons first) and the page template that fetches
# nothing from the internet (voila/templates/sourcelab); tests/browser/test_app.py starts Voila the same way.
APP_CONFIG := $(CURDIR)/config/jupyter
APP_ENV := JUPYTER_PATH="$(APP_CONFIG)" JUPYTER_CONFIG_PATH="$(APP_CONFIG)"

app: setup
	$(ARTICLE_ENV) $(APP_ENV) $(BIN)/voila notebooks

test: setup browser-js
	$(BIN)/python -m pytest --nbval-lax tests notebooks solutions

check: setup
	$(ARTICLE_ENV) $(BIN)/python -m sourcelab check

bench: setup
	$(BIN)/python tools/bench.py

killtest: setup
	$(BIN)/python tools/killtest.py --kills 1000 --two-writers 10

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis $(BROWSER_JS)/node_modules
