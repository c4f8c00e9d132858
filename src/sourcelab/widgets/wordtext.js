// A sentence shown as running text, punctuation and all, whose words can be marked.
// Click a word, or drag across several, to mark them; the keyboard does the same: Tab reaches the sentence,
// the arrow keys (and Home, End) move from word to word, Space or Enter marks the word, Shift with an arrow
// key marks on into the next word. Python decides what a mark means (the `marks` trait comes back from it);
// this module only reports which words the student pointed at. Text is set with textContent, never as HTML.

function range(a, b) {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "sl-wordtext";
  root.setAttribute("role", "group");
  el.appendChild(root);
  let spans = [];
  let focus = 0;
  let anchor = null;
  let end = null;

  const send = (words, action) => model.send({ words, action });

  function retab() {
    spans.forEach((s, i) => { s.tabIndex = i === focus ? 0 : -1; });
  }

  function paint() {
    const marks = model.get("marks");
    const names = model.get("part_names");
    const dragged = anchor === null ? [] : range(anchor, end);
    spans.forEach((s, i) => {
      const part = marks[String(i)];
      s.className = "sl-w" + (part ? " sl-w-" + part : "") + (dragged.includes(i) ? " sl-w-dragging" : "");
      s.setAttribute("aria-pressed", part ? "true" : "false");
      const name = part ? (names[part] || part) : "";
      s.setAttribute("aria-label", part ? `${s.textContent}, marked as ${name}` : s.textContent);
      s.title = part ? `marked as ${name}: click to unmark` : "click to mark; drag across words to mark several";
    });
  }

  function build() {
    root.replaceChildren();
    spans = [];
    root.setAttribute("aria-label", model.get("label"));
    for (const [text, index] of model.get("tokens")) {
      if (index < 0) {
        root.appendChild(document.createTextNode(text));
        continue;
      }
      const s = document.createElement("span");
      s.textContent = text;
      s.dataset.word = String(index);
      s.setAttribute("role", "button");
      spans[index] = s;
      root.appendChild(s);
    }
    focus = Math.min(focus, Math.max(spans.length - 1, 0));
    retab();
    paint();
  }

  function wordOf(event) {
    const target = event.target instanceof Element ? event.target.closest("[data-word]") : null;
    return target && root.contains(target) ? Number(target.dataset.word) : null;
  }

  function moveTo(index) {
    focus = Math.max(0, Math.min(spans.length - 1, index));
    retab();
    spans[focus].focus();
  }

  function onDown(event) {
    const index = wordOf(event);
    if (index === null || event.button !== 0) return;
    event.preventDefault();  // no text selection, no focus jump: the drag is the selection
    anchor = end = index;
    moveTo(index);
    paint();
  }

  function onOver(event) {
    if (anchor === null) return;
    const index = wordOf(event);
    if (index !== null && index !== end) {
      end = index;
      paint();
    }
  }

  function onUp() {
    if (anchor === null) return;
    const words = range(anchor, end);
    anchor = end = null;
    paint();
    send(words, "toggle");
  }

  function onKey(event) {
    const index = wordOf(event);
    if (index === null) return;
    const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let handled = true;
    if (event.key in keys) {
      const next = Math.max(0, Math.min(spans.length - 1, index + keys[event.key]));
      moveTo(next);
      if (event.shiftKey && next !== index) send([index, next], "mark");
    } else if (event.key === "Home") {
      moveTo(0);
    } else if (event.key === "End") {
      moveTo(spans.length - 1);
    } else if (event.key === " " || event.key === "Enter") {
      send([index], "toggle");
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  root.addEventListener("mousedown", onDown);
  root.addEventListener("mouseover", onOver);
  root.addEventListener("keydown", onKey);
  document.addEventListener("mouseup", onUp);
  model.on("change:tokens", build);
  model.on("change:label", build);
  model.on("change:marks", paint);
  build();
  return () => {
    document.removeEventListener("mouseup", onUp);
    model.off("change:tokens", build);
    model.off("change:label", build);
    model.off("change:marks", paint);
  };
}

export default { render };
