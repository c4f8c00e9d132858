"""Accessibility audit: axe-core over what the kit puts on the page in every lesson, after Run All.

axe-core (an npm package, installed by `make test` from tests/browser/package-lock.json) is injected into the
page by Playwright; nothing is fetched from the network. Without it the test skips, saying how to install it
(and fails under CI=true, like the other browser tests).

What is audited: ``AUDITED``, every output area of the lesson's notebook cells (``.jp-OutputArea-output``, the
box JupyterLab renders one output in): the kit's widgets (viewer, exercises, name box, buttons, cards) and the
HTML the kit returns (passages, notices, tables). JupyterLab's own chrome (menus, toolbars, side panels, cell
prompts and editors, the lesson's Markdown cells) is outside these boxes and is not audited.

axe checks colour contrast (and a few other rules) only for what is on screen, so the notebook is scrolled from
top to bottom and each step audits the output areas in view; a node counts once whatever step found it. Two
things keep the audit honest: JupyterLab 4.4+ wraps its shell in a ``.jp-ThemedContainer`` of height 0 with
``overflow: hidden``, which axe takes for clipping (the absolutely positioned shell is not clipped by it, its
containing block is the page), so axe would call every output "hidden" and skip colour contrast; the audit sets
that one box to ``overflow: visible``, which changes nothing on screen. And a canary with too little contrast is
put in the last output area, far down the page: the audit must report it (then it is left out of the counts),
or the test fails, so an audit that stopped seeing contrast cannot pass silently.

The test asserts that no violation is serious or critical, and writes the counts of violating nodes by impact per
lesson to ``artifacts/axe-summary.json`` (printed at the end of the run).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, AXE_COUNTS, _JS_FIND_PANEL, _missing, digest

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AUDITED = ".jp-Notebook .jp-Cell .jp-OutputArea-output"
IMPACTS = ("minor", "moderate", "serious", "critical")
BLOCKING = ("serious", "critical")
SUMMARY = ARTIFACTS / "axe-summary.json"
LESSONS = (
    "notebooks/00_start_here.ipynb",
    "notebooks/01_who_is_speaking_part1.ipynb",
    "notebooks/01_who_is_speaking_part2.ipynb",
    "notebooks/02_tracing_the_chain.ipynb",
    "notebooks/03_comparing_positions.ipynb",
    "notebooks/04_leave_the_article.ipynb",
    "notebooks/05_the_writers_words.ipynb",
)

# Scroll the notebook from top to bottom; at each step mark the output areas in view and run axe on them.
# Returns every violating node once: rule, impact, help, target, html.
_JS_AUDIT = f"""
async ([path, selector]) => {{
  const panel = ({_JS_FIND_PANEL})(path);
  const scroller = panel.content.node.querySelector('.jp-WindowedPanel-outer') || panel.content.node;
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const unclip = document.createElement('style');
  unclip.textContent = '.jp-ThemedContainer {{ overflow: visible !important; }}';
  document.head.appendChild(unclip);
  const outputs = document.querySelectorAll(selector);
  const canary = document.createElement('p');
  canary.className = 'sl-axe-canary';
  canary.style.cssText = 'color: #b0b0b0; background: #ffffff;';
  canary.textContent = 'axe canary: this text has too little contrast';
  if (outputs.length) outputs[outputs.length - 1].appendChild(canary);
  const found = new Map();
  let incomplete = 0;
  for (let top = 0, last = -1; top !== last; ) {{
    scroller.scrollTop = top;
    await frame();
    last = top;
    const view = scroller.getBoundingClientRect();
    const inView = [...document.querySelectorAll(selector)].filter(el => {{
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.bottom > view.top && r.top < view.bottom;
    }});
    if (inView.length) {{
      const results = await axe.run({{include: inView}}, {{resultTypes: ['violations']}});
      incomplete += results.incomplete.length;
      for (const rule of results.violations) {{
        for (const node of rule.nodes) {{
          const key = rule.id + ' ' + JSON.stringify(node.target);
          if (!found.has(key)) found.set(key, {{rule: rule.id, impact: node.impact || rule.impact, help: rule.help,
            target: node.target.join(' '), html: node.html.slice(0, 200), summary: node.failureSummary}});
        }}
      }}
    }}
    top = Math.min(scroller.scrollTop + Math.floor(scroller.clientHeight * 0.75),
                   scroller.scrollHeight - scroller.clientHeight);
    if (top <= last) break;
  }}
  canary.remove();
  unclip.remove();
  const violations = [...found.values()];
  return {{violations: violations.filter(v => !v.html.includes('sl-axe-canary')), outputs: outputs.length, incomplete,
          canary: violations.some(v => v.rule === 'color-contrast' && v.html.includes('sl-axe-canary'))}};
}}
"""


@pytest.fixture(scope="module")
def axe_js() -> Path:
    if not AXE_JS.is_file():
        _missing(f"axe-core not installed ({AXE_JS} is missing): `make test` installs it with npm ci in "
                 "tests/browser (needs Debian's nodejs and npm)")
    return AXE_JS


def counts_by_impact(violations: list[dict]) -> dict[str, int]:
    counted = Counter(v["impact"] for v in violations)
    return {impact: counted.get(impact, 0) for impact in IMPACTS}


def record(lesson: str, counts: dict[str, int], violations: list[dict]) -> None:
    """Add one lesson's counts to artifacts/axe-summary.json (other lessons' counts are kept)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    rules = Counter(f"{v['impact']}: {v['rule']}" for v in violations)
    summary[lesson] = {**counts, "rules": dict(sorted(rules.items()))}
    SUMMARY.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("notebook", LESSONS, ids=[Path(n).stem for n in LESSONS])
def test_no_serious_or_critical_axe_violations(notebook, axe_js, lab, lab_server, request):
    path, before = lab.run_lesson(notebook)
    lab.page.add_script_tag(path=str(axe_js))
    audit = lab.page.evaluate(_JS_AUDIT, [notebook, AUDITED])
    assert audit["outputs"] > 0, f"no output areas ({AUDITED}) in {notebook}: nothing was audited"
    assert audit["canary"], "the audit missed the low-contrast canary at the bottom of the lesson: it is not seeing colours"
    violations = audit["violations"]
    counts = counts_by_impact(violations)
    record(Path(notebook).stem, counts, violations)
    request.config.stash.setdefault(AXE_COUNTS, {})[Path(notebook).stem] = counts
    print(f"axe {Path(notebook).stem}: {counts} over {audit['outputs']} output areas")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(
        f"{v['impact']} {v['rule']} ({v['help']}) at {v['target']}: {v['html']}\n    {v['summary']}" for v in blocking)
    assert digest(path) == before
