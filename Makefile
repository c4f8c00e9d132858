# Source Lab: two commands do all the set-up (see README.md).
#   make lab    create .venv if needed, then open JupyterLab on the start notebook
#   make app    the same set-up, then the lessons as pages without code (Voila), on this computer only
#   make test   the same set-up, then every test (unit, notebooks, browser)
#   make bench  the same set-up, then print the benchmark ratios
#   make killtest  the same set-up, then kill a saving kernel 1,000 times and count lost answers (~10 min)
#   make loadtest  the same set-up plus JupyterHub, then a class of N=30 students on a hub on 127.0.0.1 (~3 min)
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

# JupyterHub for a class (deploy/jupyterhub, docs/deploy.md): the "hub" extra of pyproject.toml, and its proxy,
# configurable-http-proxy, an npm package pinned in deploy/jupyterhub/package-lock.json. Each re-installs only
# when its list changes. Without npm the hub test (tests/test_hub.py) says so and skips (fails under CI=true).
HUB_STAMP  := $(VENV)/.sourcelab-hub-installed
HUB_JS     := deploy/jupyterhub
PROXY_STAMP := $(HUB_JS)/node_modules/.sourcelab-installed
N ?= 30

.PHONY: setup browser-js hub-setup lab app test bench killtest loadtest check clean

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

hub-setup: setup $(HUB_STAMP) $(PROXY_STAMP)

$(HUB_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,hub]"
	@touch $(HUB_STAMP)

$(PROXY_STAMP): $(HUB_JS)/package-lock.json $(HUB_JS)/package.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(HUB_JS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.sourcelab-installed; \
	else \
		echo "npm not found: the hub test (tests/test_hub.py) will be skipped and make loadtest cannot run. Install Debian's nodejs and npm."; \
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

test: setup browser-js hub-setup
	$(BIN)/python -m pytest --nbval-lax tests notebooks solutions

check: setup
	$(ARTICLE_ENV) $(BIN)/python -m sourcelab check

bench: setup
	$(BIN)/python tools/bench.py

killtest: setup
	$(BIN)/python tools/killtest.py --kills 1000 --two-writers 10

# N students at once on a JupyterHub on 127.0.0.1 (make loadtest N=50); LOADTEST_ARGS="--prestart" starts their
# servers first, as an admin's Start All does before the bell (tools/loadtest.py --help).
loadtest: setup hub-setup
	$(BIN)/python tools/loadtest.py --students $(N) $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis $(BROWSER_JS)/node_modules $(HUB_JS)/node_modules
