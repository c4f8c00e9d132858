"""Chain diagrams drawn with matplotlib from the `via` links of attributions.csv (never drawn by hand),
so another article gets its own diagram."""
from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .chains import links, second_hand
from .model import Annotation
from .style import OKABE_ITO

BOX_W, BOX_H, GAP = 2.4, 1.45, 0.6
DENIER_GREY = "#d9d9d9"  # a party that only denies the claim: neither a relay colour nor the writer's


def chain_figure(annotation: Annotation, attribution_ids: list[str] | None = None) -> Figure:
    """One row per second-hand claim: speaker boxes left to right, each arrow labelled with its cue.

    Unnamed sources have a dashed border and the words "unnamed source", so colour is never the only signal.
    """
    ids = attribution_ids or [a.id for a in second_hand(annotation)]
    rows = [(annotation.attribution(i), links(annotation, i)) for i in ids]
    width = max((len(chain) for _, chain in rows), default=1) * (BOX_W + GAP)
    figure = Figure(figsize=(max(8.0, width * 0.95), 2.9 * max(len(rows), 1)))
    figure.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.02)
    axes = figure.subplots()
    axes.set_xlim(-0.1, width)
    axes.set_ylim(-2.9 * len(rows) + 0.5, 0.9)
    axes.axis("off")
    for row, (origin, chain) in enumerate(rows):
        top = -2.9 * row
        claim = origin.content.text if origin.content else "(the claim is not spelled out)"
        axes.text(0, top + 0.55, textwrap.shorten(f"Claim in {origin.sentence}: “{claim}”", 110, placeholder=" …”"),
                  fontsize=9,
                  fontweight="bold", va="bottom")
        for n, link in enumerate(chain):
            x = n * (BOX_W + GAP)
            last = link.id == "article"
            colour = (OKABE_ITO["yellow"] if last else DENIER_GREY if link.denies
                      else "#ffffff" if link.unnamed else OKABE_ITO["sky_blue"])
            axes.add_patch(FancyBboxPatch((x, top - BOX_H), BOX_W, BOX_H, boxstyle="round,pad=0.05",
                                          facecolor=colour, edgecolor="black", linewidth=1.2,
                                          linestyle="--" if link.unnamed else "-"))
            name = link.speaker[0].upper() + link.speaker[1:]
            cue = [] if link.how.strip("“”") in link.speaker else [""] + textwrap.wrap(
                link.how if last else f"cue: {link.how}", 26)
            label = "\n".join(textwrap.wrap(name, 24) + cue)
            if link.unnamed:
                label += "\n(unnamed source)"
            if link.denies:
                label += "\n(denies the claim;\ndoes not pass it on)"
            step = ("original speaker" if n == 0 else "what you read" if last
                    else "denies it" if link.denies else f"link {n + 1}")
            axes.text(x + BOX_W / 2, top - BOX_H / 2, label, ha="center", va="center", fontsize=8)
            axes.text(x + BOX_W / 2, top - BOX_H - 0.18, step, ha="center", va="top", fontsize=7, style="italic")
            if n + 1 < len(chain):
                start, end = (x + BOX_W + 0.05, top - BOX_H / 2), (x + BOX_W + GAP - 0.05, top - BOX_H / 2)
                denial = chain[n + 1].denies
                axes.add_patch(FancyArrowPatch(start, end, arrowstyle="-[" if denial else "-|>", mutation_scale=14,
                                               linewidth=1.2, linestyle=":" if denial else "-", color="black"))
                if denial:
                    axes.text(x + BOX_W + GAP / 2, top - BOX_H / 2 + 0.12, "denied", ha="center", va="bottom",
                              fontsize=7, style="italic")
    title = "How second-hand claims reach the reader: each box says who passed the claim on, and how"
    if any(link.denies for _, chain in rows for link in chain):
        title += "\nA dotted line into a grey box: that party only denies the claim; it does not pass it on"
    figure.suptitle(title, fontsize=10, x=0.01, ha="left")
    return figure


MODE_LOOK = {  # colour, hatch and marker: three signals, so colour is never needed to tell modes apart
    "direct quote": (OKABE_ITO["blue"], "", "o"),
    "paraphrase": (OKABE_ITO["orange"], "..", "s"),
    "reported by another party": (OKABE_ITO["reddish_purple"], "//", "^"),
    "narration only": (OKABE_ITO["yellow"], "xx", "D"),
}


def voice_figure(annotation: Annotation) -> Figure:
    """Words per party, stacked by how the reader gets them; totals written at the end of each bar."""
    from .voices import MODES, words_by_party

    table = words_by_party(annotation)
    figure = Figure(figsize=(8, 0.7 * len(table) + 1.6))
    figure.subplots_adjust(left=0.25, right=0.93, bottom=0.3, top=0.86)
    axes = figure.subplots()
    left = [0] * len(table)
    for mode in MODES:
        colour, hatch, _ = MODE_LOOK[mode]
        values = table[mode].tolist()
        axes.barh(range(len(table)), values, left=left, color=colour, hatch=hatch, edgecolor="black",
                  linewidth=0.6, label=mode)
        left = [a + b for a, b in zip(left, values)]
    for y, total in enumerate(table["total"]):
        axes.text(total + 1, y, f"{total} words", va="center", fontsize=8)
    axes.set_yticks(range(len(table)), table.index, fontsize=9)
    axes.invert_yaxis()
    axes.set_xlim(0, max(table["total"].max(), 1) * 1.2)
    axes.set_xlabel("words the reader gets from each party")
    axes.legend(ncols=2, fontsize=8, loc="upper center", bbox_to_anchor=(0.45, -0.28), frameon=False)
    axes.set_title("Whose words, and in what form?", fontsize=10, loc="left")
    return figure


def turns_figure(annotation: Annotation) -> Figure:
    """Which party speaks in which sentence, in reading order; the marker shape says in what form."""
    from .voices import attribution_mode, party_name

    parties = [p.name for p in annotation.parties] + ["unnamed sources"]
    order = {s.id: n for n, s in enumerate(annotation.sentences, start=1)}
    figure = Figure(figsize=(8, 0.55 * len(parties) + 1.6))
    figure.subplots_adjust(left=0.25, right=0.97, bottom=0.33, top=0.86)
    axes = figure.subplots()
    seen = set()
    for a in annotation.attributions:
        mode = attribution_mode(annotation, a)
        colour, _, marker = MODE_LOOK[mode]
        y = parties.index(party_name(annotation, a.actor))
        axes.scatter(order[a.sentence], y, marker=marker, s=70, color=colour, edgecolor="black", zorder=3,
                     label=mode if mode not in seen else None)
        seen.add(mode)
    for position in annotation.positions:
        if position.conveyed == "narration only":
            colour, _, marker = MODE_LOOK["narration only"]
            for sid in position.evidence:
                axes.scatter(order[sid], parties.index(annotation.actor(position.actor).name), marker=marker, s=70,
                             color=colour, edgecolor="black", zorder=3,
                             label="narration only" if "narration only" not in seen else None)
                seen.add("narration only")
    axes.set_yticks(range(len(parties)), parties, fontsize=9)
    axes.invert_yaxis()
    axes.set_xticks(range(1, len(annotation.sentences) + 1), [s.id for s in annotation.sentences], fontsize=7)
    axes.set_xlim(0.5, len(annotation.sentences) + 0.5)
    axes.grid(axis="x", linestyle=":", linewidth=0.6)
    axes.set_xlabel("sentences in reading order")
    axes.legend(ncols=2, fontsize=8, loc="upper center", bbox_to_anchor=(0.4, -0.35), frameon=False)
    axes.set_title("Who speaks where: first and last word", fontsize=10, loc="left")
    return figure


KIND_LOOK = {  # marker and colour per kind of evidence: the shape alone tells them apart
    "publisher": ("s", OKABE_ITO["reddish_purple"]), "coverage": ("o", OKABE_ITO["sky_blue"]),
    "record": ("D", OKABE_ITO["blue"]), "event": ("^", OKABE_ITO["bluish_green"]),
    "finding": ("*", OKABE_ITO["vermillion"]),
}


def timeline_figure(annotation: Annotation) -> Figure:
    """The dated evidence cards (those with a timeline label) in date order, with the article's own date marked."""
    from matplotlib.dates import DateFormatter, date2num

    from .evidence import CARD_KIND_LABELS

    cards = sorted((c for c in annotation.context.cards if c.label and c.day), key=lambda c: (c.day, c.id))
    figure = Figure(figsize=(11, 0.36 * max(len(cards), 4) + 1.6))
    figure.subplots_adjust(left=0.02, right=0.98, top=0.92, bottom=0.16)
    axes = figure.subplots()
    for row, card in enumerate(cards):
        marker, colour = KIND_LOOK.get(card.kind, ("o", "#777777"))
        x = date2num(card.day)
        axes.scatter([x], [row], marker=marker, s=90, color=colour, edgecolor="black", zorder=3)
        axes.text(x + 0.8, row, f"{card.day:%d %b}  {card.label}  [{card.id}]", va="center", fontsize=8)
    published = annotation.context.published
    if published is not None:
        day = date2num(published.day)  # a band behind the labels, so it never hides a word
        axes.axvspan(day - 0.5, day + 0.5, color=OKABE_ITO["yellow"], alpha=0.55, zorder=0, linewidth=0)
        axes.text(day, -0.75, f"the article: {published.day:%d %B %Y}", fontsize=8, fontweight="bold", ha="center",
                  va="center")
    for kind, (marker, colour) in KIND_LOOK.items():
        if any(c.kind == kind for c in cards):
            axes.scatter([], [], marker=marker, s=70, color=colour, edgecolor="black", label=CARD_KIND_LABELS[kind])
    if cards:
        first, last = date2num(cards[0].day), date2num(cards[-1].day)
        axes.set_xlim(first - 2, last + 34)  # room for the last labels
    axes.set_ylim(len(cards), -1.3)
    axes.set_yticks([])
    axes.xaxis.set_major_formatter(DateFormatter("%d %b %Y"))
    axes.grid(axis="x", linestyle=":", linewidth=0.6)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    axes.legend(ncols=3, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)
    axes.set_title("What happened when: the dated evidence cards, and the day the article appeared", fontsize=10,
                   loc="left")
    return figure
