"""Passages drawn from the annotation, for an article whose passages.yaml leaves a key out.

A lesson shows `show_passage(key)`; the article's own passage wins, and this module writes one from the
files when there is none, so a new article reads right before anyone has written a word of prose: the
examples are the article's own sentences, chosen by simple rules that are stated here. Every quotation
comes from article.txt, every name from actors.csv, every count from the tables. The prose around them is
plain and generic on purpose: an instructor who wants a sharper example writes the passage (docs/passages.md).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .chains import links
from .exercises import Exercise
from .model import STATUS_LABELS, Annotation, Attribution, Position, Sentence
from .wording import called

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "him", "them", "we", "i"}
TIME_WORDS = re.compile(r"\b(?:(?:on |last |next |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday)|yesterday|today|tomorrow|last (?:week|month|year)|(?:early|mid|late)[ -]"
                        r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December)|(?:in |on )?(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December)(?: \d{1,2})?)\b", re.I)


@dataclass(frozen=True)
class Focus:
    """What the article's exercises point at, so a drawn passage works on the same example as the lesson."""

    chain: str | None = None  # the attribution whose chain lesson 2's chain-order exercise orders
    matrix_issues: tuple[str, ...] = ()  # the issues lesson 3's matrix exercise asks
    sentences: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # exercise id -> its sentences


def focus_for(exercises: Mapping[str, Exercise]) -> Focus:
    """What the article's exercises point at: the chain to order, the matrix's issues, each one's sentences."""
    chain = getattr(exercises["chain-order"].params, "attribution", None) if "chain-order" in exercises else None
    matrix = getattr(exercises["position-matrix"].params, "issues", ()) if "position-matrix" in exercises else ()
    sentences = {eid: tuple(dict.fromkeys(i.sentence for i in ex.items if i.sentence)) for eid, ex in exercises.items()}
    return Focus(chain or None, tuple(matrix or ()), sentences)


def md(text: str) -> str:
    """Article text made safe inside Markdown: its characters stay characters, never formatting."""
    return MD_SPECIAL.sub(r"\\\1", text)


def q(text: str) -> str:
    return f"“{md(text)}”"


def block(sentence: Sentence) -> str:
    return f"> {md(sentence.text)}"


def _cues(a: Annotation, sentence: Sentence) -> list[Attribution]:
    return a.attributions_in(sentence.id)


def _who(a: Annotation, attribution: Attribution) -> str:
    return q(attribution.source.text) if attribution.source else f"nobody named ({md(called(a, attribution.actor))})"


def _by_label(a: Annotation, label: str) -> list[Sentence]:
    return [s for s in a.sentences if s.label == label]


def chain_start(a: Annotation, focus: Focus) -> Attribution | None:
    """The original speaker of the chain the lesson traces: the exercise's, else the longest in the article."""
    if focus.chain and any(x.id == focus.chain for x in a.attributions):
        return a.attribution(focus.chain)
    starts = [x for x in a.attributions if x.via and not any(y.via == x.id for y in a.attributions)]
    return max(starts, key=lambda x: len(a.chain(x.id)), default=None)


def worked_issue(a: Annotation, focus: Focus) -> str | None:
    """The issue of lesson 3's worked example: one the matrix exercise leaves out, else the fullest."""
    stated = {i.id: sum(1 for p in a.positions if p.issue == i.id and p.stance) for i in a.issues}
    spare = [i for i in stated if i not in focus.matrix_issues and stated[i]]
    pool = spare or list(stated)
    return max(pool, key=lambda i: stated[i], default=None)


def _party_voices(a: Annotation, party: str) -> str:
    spoken = {x.actor for x in a.attributions}
    voices = [x for x in a.actors if x.party == party and x.id in spoken]
    return "; ".join(f"{md(x.name)} (in the article: {', '.join(q(m) for m in x.mentions[:3])})" if x.mentions
                     else md(x.name) for x in voices) or "no one speaks for it in the article"


# ----- Start here ---------------------------------------------------------------------------------------

def start_origin(a: Annotation, focus: Focus) -> str:
    meta = a.metadata
    unknown = [name for name, key in (("a headline", "title"), ("an outlet", "outlet"), ("an author", "byline"),
                                      ("a date", "published")) if str(meta.get(key, "unknown")) in ("", "unknown")]
    direct = [x for x in a.attributions if x.quote == "direct" and x.content is not None]
    source = (max(direct, key=lambda x: len(x.content.text)).content.text if direct else a.sentences[0].text)
    phrase = " ".join(source.replace("“", " ").replace("”", " ").replace('"', " ").split()[-6:]).strip(".,:;!? ")
    missing = (", ".join(unknown[:-1]) + " or " if len(unknown) > 1 else "") + (unknown[-1] if unknown else "")
    if "an outlet" in unknown:
        head = (f"The text came to us without {missing}. That is unusual for a reader and common for a teacher: "
                "articles get copied, shared and quoted without their context.")
        ask = "What could you do to find out where this article was first published?"
    else:
        head = ("The facts above say where the text comes from" + (f", though not {missing}" if unknown else "") +
                ". A careful reader still checks them: a copy can be shortened, changed or passed off as someone "
                "else's.")
        ask = "How could you check that this text really appeared where and when the facts above say?"
    return (f"{head}\n\n> **Think about it.** {ask} (Hint: copy a distinctive phrase, such as *{q(phrase)}*, into "
            "a search engine and see who else reported the same words. Compare your findings with a neighbour.)")


def start_worked_example(a: Annotation, focus: Focus) -> str:
    simple = [s for s in _by_label(a, "attributed") if len(_cues(a, s)) == 1 and _cues(a, s)[0].source]
    pick = next((s for s in simple if s.quote == "direct"), simple[0] if simple else None)
    parts = []
    if pick:
        x = _cues(a, pick)[0]
        kind = {"direct": "Direct: the reported words stand in quotation marks, as the speaker's own.",
                "indirect": "Indirect: no quotation marks, so the words are the writer's paraphrase.",
                "both": "Both: some of the speaker's words in quotation marks, inside the writer's paraphrase."}
        parts.append(f"Take sentence {pick.id}, in paragraph {pick.paragraph}:\n\n{block(pick)}\n\n"
                     f"- **Source:** {_who(a, x)} ({md(a.actor(x.actor).name)}).\n"
                     f"- **Cue:** {q(x.cue.text)}.\n"
                     f"- **Content:** {q(x.content.text) if x.content else 'what the cue introduces'}.\n"
                     f"- **Direct or indirect?** {kind[x.quote]}\n"
                     f"- **Label:** *attributed*. The writer does not vouch for the content; the writer reports "
                     f"that {md(called(a, x.actor))} says so.")
    own = _by_label(a, "narration") or _by_label(a, "mixed")
    if own:
        s = own[0]
        what = ("There is no source and no cue: this is **narration**. The writer asserts it in their own voice."
                if s.label == "narration" else "Part of it is reported, but the writer also asserts something "
                "in their own voice: it is **mixed**.")
        parts.append(f"Now compare sentence {s.id}, in paragraph {s.paragraph}:\n\n{block(s)}\n\n{what} Choose "
                     f"sentence **{s.id}** in the viewer to read the full note, and switch on **Framing words** to "
                     "see which words carry the writer's view.")
    else:
        parts.append("In this article every sentence names a source. Look in the viewer for the sentence that "
                     "comes closest to the writer's own voice, and say why.")
    return "\n\n".join(parts)


# ----- Lesson 1, part 1 ---------------------------------------------------------------------------------

def parts_example(a: Annotation, focus: Focus) -> str:
    pool = [s for s in _by_label(a, "attributed") if len(_cues(a, s)) == 1]
    pool = [s for s in pool if _cues(a, s)[0].source and _cues(a, s)[0].content] or pool
    pool = sorted(pool, key=lambda s: s.quote != "indirect")
    if not pool:
        return "Choose any attributed sentence in the viewer and find its three parts."
    s = pool[0]
    x = _cues(a, s)[0]
    return (f"Take sentence {s.id}:\n\n{block(s)}\n\n| Part | In {s.id} |\n|---|---|\n"
            f"| Source | {_who(a, x)} ({md(a.actor(x.actor).role or a.actor(x.actor).name)}) |\n"
            f"| Cue | {q(x.cue.text)} |\n| Content | {q(x.content.text) if x.content else '(not marked)'} |")


def parts_harder(a: Annotation, focus: Focus) -> str:
    bullets = []
    pronoun = [x for x in a.attributions if x.source and x.source.text.lower() in PRONOUNS]
    if pronoun:
        bullets.append(f"- **A source is not always a name.** It can be a pronoun ({q(pronoun[0].source.text)} in "
                       f"{pronoun[0].sentence}: look back to see who it is), or a place or an office standing for "
                       "the people who speak for it.")
    else:
        bullets.append("- **A source is not always a name.** It can be a pronoun (look back to see who it is), or a "
                       "place or an office standing for the people who speak for it.")
    unnamed = [x for x in a.attributions if a.actor(x.actor).kind == "unnamed"]
    if unnamed:
        x = unnamed[0]
        said = q(x.source.text) if x.source else "someone it does not name"
        bullets.append(f"- **A source can be unnamed.** In {x.sentence} the article cites {said}: we are not told "
                       "exactly who.")
    else:
        bullets.append("- **A source can be unnamed**: “officials”, “reports”, “sources”. This article names all "
                       "its sources, but many articles do not.")
    phrases = [x.cue.text for x in a.attributions if len(x.cue.text.split()) > 1][:3]
    bullets.append("- **A cue is not always a single verb.** Phrases and nouns can do the job"
                   + (f": {', '.join(q(p) for p in phrases)}." if phrases else ": “according to”, “a statement by”."))
    return "Three things make sources and cues harder to spot than this example suggests:\n\n" + "\n".join(bullets)


def quotes_examples(a: Annotation, focus: Focus) -> str:
    names = {"direct": ("Direct", "all the reported words stand inside quotation marks"),
             "indirect": ("Indirect", "no quotation marks: the writer's paraphrase"),
             "both": ("Both", "a paraphrase with some of the speaker's words woven in")}
    found = {}
    for kind in names:
        found[kind] = next((s for s in a.sentences if s.quote == kind and len(_cues(a, s)) == 1), None) or \
            next((s for s in a.sentences if s.quote == kind), None)
    rows = "\n".join(f"| **{names[k][0]}** | {names[k][1]} | {found[k].id if found[k] else 'none in this article'} |"
                     for k in names)
    out = [f"| Kind | What it means | Example |\n|---|---|---|\n{rows}"]
    for kind, s in found.items():
        if s:
            out.append(f"**{names[kind][0]}**, {s.id}:\n\n{block(s)}")
    return "\n\n".join(out)


def parts_worked_example(a: Annotation, focus: Focus) -> str:
    exercised = set(focus.sentences.get("source-and-cue", ()))
    pool = sorted(a.sentences, key=lambda s: (len(_cues(a, s)), s.id not in exercised), reverse=True)
    s = pool[0]
    found = _cues(a, s)
    steps = [f"Here is sentence {s.id}, in paragraph {s.paragraph}, taken apart step by step, the way you will work "
             f"in the exercises.\n\n{block(s)}\n",
             "1. **Read it with its neighbours.** Pronouns and short names point back to earlier sentences.",
             f"2. **Find every cue.** There {'is one' if len(found) == 1 else f'are {len(found)}'}: "
             f"{', '.join(q(x.cue.text) for x in found)}.",
             "3. **Find the source of each cue.**"]
    steps += [f"   - {q(x.cue.text)}: " + (f"the source is {q(x.source.text)} ({md(a.actor(x.actor).name)})."
                                          if x.source else "**nobody is named.** That is an **unnamed source**.")
              for x in found]
    steps.append("4. **Mark the content of each.** " + "; ".join(
        f"{q(x.cue.text)} introduces {q(x.content.text)}" for x in found if x.content) + ".")
    quotes = {x.quote for x in found}
    steps.append("5. **Direct or indirect?** " + ("No quotation marks anywhere: all indirect, so the wording is the "
                                                  "writer's." if quotes == {"indirect"} else "Follow the quotation "
                                                  f"marks: here {', '.join(sorted(quotes))}."))
    steps.append(f"6. **Label the sentence.** The reference label is **{s.label}**. " + md(s.explanation))
    return "\n".join(steps)


def verbs_in_article(a: Annotation, focus: Focus) -> str:
    cues: dict[str, list[str]] = {}
    for x in a.attributions:
        cues.setdefault(x.cue.text, []).append(x.sentence)
    rows = "\n".join(f"| {q(cue)} | {', '.join(dict.fromkeys(ids))} |" for cue, ids in cues.items())
    said = any(re.search(r"\bsaid\b", c) for c in cues)
    return (f"The cues of this article, in the order they appear:\n\n| Cue | Sentences |\n|---|---|\n{rows}\n\n"
            f"The plain verb *said* {'occurs' if said else 'does not occur'} among them. Sort the others: which are "
            "neutral, which keep a statement at a distance, which signal a dispute, a charge or a demand? And are "
            "strong verbs used for every party alike? When you judge a writer's verbs, apply the same test to every "
            "party.")


def _first_item(focus: Focus, exercise: str, a: Annotation, rule: Callable[[Sentence], bool]) -> Sentence | None:
    ids = focus.sentences.get(exercise, ())
    pool = [a.sentence(i) for i in ids if any(s.id == i for s in a.sentences)] or list(a.sentences)
    return next((s for s in pool if rule(s)), None)


def part1_compare(a: Annotation, focus: Focus) -> str:
    many = _first_item(focus, "source-and-cue", a, lambda s: len(_cues(a, s)) > 1)
    close = _first_item(focus, "quote-type", a, lambda s: bool(s.quote_debatable))
    qs = [f"Compare your marks for {many.id} in Exercise 1. Did you both find every source and every cue? Where did "
          "your marks differ, and which words decide it?" if many else "Compare your marks in Exercise 1. Where did "
          "they differ, and which words decide it?",
          f"In Exercise 2, careful readers disagree about {close.id}. Each of you points to the words that decide your "
          "answer. Can you both be right?" if close else "In Exercise 2, find an item you answered differently. Each of "
          "you points to the quotation marks that decide it.",
          "Agree on one sentence in which the writer's choice of reporting verb changes how you read it."]
    return "Put your answers next to a neighbour's.\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1))


def part1_reflect(a: Annotation, focus: Focus) -> str:
    unnamed = next((x for x in a.attributions if a.actor(x.actor).kind == "unnamed"), None)
    third = (f"In {unnamed.sentence}, who do you think stands behind {q(unnamed.source.text) if unnamed.source else 'the unnamed source'}? "
             "What in the article supports your guess, and where would you look to check it?" if unnamed else
             "Every source in this article is named. Which one would you most like to hear from directly, and why?")
    qs = ["Choose one sentence and rewrite its cue with the plain verb *said* in your head. What changes for the "
          "reader? Would the change make any side look better or worse?",
          "Whose words does the article give you in quotation marks, and whose only in the writer's paraphrase? Is "
          "anyone mentioned in the article but never quoted at all? How might that affect whom a reader finds "
          "convincing?", third]
    return ("Write a few lines, or discuss in class. There are no single right answers.\n\n"
            + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1)))


# ----- Lesson 1, part 2 ---------------------------------------------------------------------------------

def part2_exercise_intro(a: Annotation, focus: Focus) -> str:
    ids = focus.sentences.get("classify-sentences", ())
    left = [s.id for s in a.sentences if ids and s.id not in ids]
    count = len(ids) or len(a.sentences)
    out = f"The exercise has {count} sentences of the article."
    if left:
        out += f" Not in it: {', '.join(left)}."
    return (out + f"\n\n**Predict first.** Before you start, guess how many of these {count} sentences are "
            "**narration**, the writer's own voice with no source at all. Write your guess down:\n\n*My guess:* ")


def voice_looking_back(a: Annotation, focus: Focus) -> str:
    own = _by_label(a, "narration") + _by_label(a, "mixed")
    if not own:
        return ("In the reference annotation every sentence of this article is attributed: the writer never speaks "
                "alone. Look for framing instead: words the writer chose inside someone's paraphrase.")
    out = [f"In the reference annotation, {len(own)} of the article's {len(a.sentences)} sentences carry the "
           "writer's own voice" + (". Here are the first three; find the others in the viewer's *Narration* layer."
                                   if len(own) > 3 else ".")]
    for s in own[:3]:
        marks = a.framing_in(s.id)
        out.append(f"**{s.id}** ({s.label}, paragraph {s.paragraph}):\n\n{block(s)}\n\n{md(s.explanation)}"
                   + (f" Framing to notice: {', '.join(q(f.span.text) for f in marks)}." if marks else ""))
    out.append("For each one ask: is this an event anyone can check, or an explanation, a motive or an accusation "
               "that someone could dispute? Only the second kind needs a source.")
    return "\n\n".join(out)


def record_looking_back(a: Annotation, focus: Focus) -> str:
    weighed = [f for f in a.framing if f.status]
    if not weighed:
        return ("The annotation of this article weighs none of its claims against findings from outside it. That "
                "does not mean there are none. Choose one claim in the article and ask which of the three kinds it "
                "is: disputed by a party, contested on the evidence, or established by independent investigators. "
                "What source could tell you?")
    out = ["The annotation weighs these words against sources outside the article:"]
    for f in weighed:
        refs, _ = a.citations(f)
        cite = "; ".join(md(r.citation()) for r in refs)
        out.append(f"- {q(f.span.text)} ({f.sentence}): **{STATUS_LABELS[f.status]}**. {md(f.note)}"
                   + (f" Sources: {cite}." if cite else ""))
    out.append("These findings do not change any label: who speaks in a sentence is one question, whether what is "
               "said is well founded is another. The viewer's framing notes list the sources, so you can check them.")
    return "\n\n".join(out)


def part2_compare(a: Annotation, focus: Focus) -> str:
    debatable = [s.id for s in a.sentences if s.debatable]
    qs = ["Find a sentence where you chose **different labels**. Each of you points to the exact words in the "
          "sentence that justify your label. Can you both be right?"
          + (f" (Sentences {', '.join(debatable)} are good ones to argue about.)" if debatable else "")]
    own = (_by_label(a, "narration") + _by_label(a, "mixed"))[:1]
    if own:
        qs.append(f"Would every party in the article agree with {own[0].id} as written? If not, whose account is it, "
                  "and who should the writer have cited?")
    qs.append("Find one word the writer chose inside someone's paraphrase. Is it framing, or a claim of the writer's "
              "own?")
    return "Put your answers next to a neighbour's.\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1))


def part2_reflect(a: Annotation, focus: Focus) -> str:
    own = (_by_label(a, "narration") + _by_label(a, "mixed"))[:1]
    first = (f"If you were the editor, what would you ask the writer to do with {own[0].id}? Would you ask the same "
             "if the sentence stated the opposite account as plain fact?" if own else
             "If you were the editor, is there a sentence you would ask the writer to source more clearly? Why?")
    qs = [first,
          "Think of a dispute you have read about recently. Which of its claims were disputed by a party, which "
          "contested on the evidence, and which established by independent investigators? Did the report you read "
          "show the difference?",
          "A report you trust states something as plain fact, with no source. What would make that acceptable to "
          "you, and what would make you look for a source?"]
    return ("Write a few lines, or discuss in class. There are no single right answers.\n\n"
            + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1)))


# ----- Lesson 2 -----------------------------------------------------------------------------------------

def _chain_sentences(a: Annotation, focus: Focus) -> list[Sentence]:
    start = chain_start(a, focus)
    if start is None:
        return []
    ids = list(dict.fromkeys(x.sentence for x in a.chain(start.id)))
    return [a.sentence(i) for i in ids]


def chain_where(a: Annotation, focus: Focus) -> str:
    found = _chain_sentences(a, focus)
    if not found:
        return ("This article reports no claim through a second person: every source speaks to the writer directly. "
                "Read it closely anyway, and watch for words such as “according to” or “citing”.")
    paragraphs = sorted({s.paragraph for s in found})
    where = ", ".join(str(p) for p in paragraphs)
    return f"Read paragraph{'s' if len(paragraphs) > 1 else ''} {where} closely: today's chain is there."


def chain_cues(a: Annotation, focus: Focus) -> str:
    relayed = [x for x in a.attributions if any(y.via == x.id for y in a.attributions)]
    if not relayed:
        return "This article passes no claim from hand to hand, so it has no such cues; the next article may."
    cues = list(dict.fromkeys(x.cue.text for x in relayed))
    denial = any(x.denied for x in a.attributions)
    return (f"Some cues tell you that a claim is second-hand. This article uses {len(cues)} of them: "
            f"{', '.join(q(c) for c in cues)}." + (" And a claim can reach you second-hand in two ways: someone "
                                                   "**passes it on**, or someone **denies it**, which shows you the "
                                                   "claim only in the words of the person rejecting it."
                                                   if denial else ""))


def chain_exercise_intro(a: Annotation, focus: Focus) -> str:
    start = chain_start(a, focus)
    if start is None:
        return "This article has no chain to order."
    found = _chain_sentences(a, focus)
    quoted = "\n\n".join(f"Sentence {s.id}, in paragraph {s.paragraph}:\n\n{block(s)}" for s in found)
    claim = q(start.content.text) if start.content else "the claim"
    return (f"{quoted}\n\n**Predict first.** Before you open the exercise, write down two things:\n\n"
            f"1. Who first said {claim}?\n2. How many links stand between that person and you, the reader?\n\n"
            "*My guesses:* \n\n"
            f"Now order the chain: for each of the {len(links(a, start.id))} links, choose who has the claim at that "
            "point, from the original speaker to the writer who tells you. Work from the end: at each link, ask "
            "*where did this person get it from?*")


def chain_diagram_note(a: Annotation, focus: Focus) -> str:
    start = chain_start(a, focus)
    if start is None:
        return "There is no chain to draw in this article."
    return (f"- The words in each box are the **article's cue**, not the speaker's own words. Under "
            f"{md(called(a, start.actor))} you see {q(start.cue.text)}: that is how the article describes what was "
            "said, not the words themselves.\n- Count the boxes between the original speaker and you. Every box is "
            "a place where the claim could have been shortened, reworded or chosen.")


def chain_worked_example(a: Annotation, focus: Focus) -> str:
    start = chain_start(a, focus)
    if start is None:
        return "This article passes no claim through a second person, so there is no chain to take apart."
    chain = links(a, start.id)
    out = ["Start with what you read and go back one link at a time. At each link, ask **what does this link tell "
           "me, and what does it leave out?**"]
    for n, link in reversed(list(enumerate(chain, 1))):
        if link.id == "article":
            s = a.sentence(a.chain(start.id)[-1].sentence)
            marks = "" if any(c in s.text for c in "“\"") else ", with no quotation marks: you read the writer's paraphrase"
            out.append(f"**Link {n}: the writer (what you read).** The writer reports it in {s.id}{marks}.")
            continue
        x = a.attribution(link.id)
        what = ("an **unnamed source**: the article does not say who it is, so you cannot look it up"
                if link.unnamed else f"{md(a.actor(x.actor).role or a.actor(x.actor).name)}")
        role = " It mentions the claim only to **deny** it." if link.denies else ""
        first = " This is the **original speaker**." if n == 1 else ""
        out.append(f"**Link {n}: {md(link.speaker)}.** Cue: {q(x.cue.text)}. {what[0].upper() + what[1:]}.{role}{first}")
    names = " → ".join(md(link.speaker) for link in chain) + " → you"
    out.append(f"So the chain runs: **{names}**. Which of these links can you check, and whose own words do you "
               "never read?")
    return "\n\n".join(out)


def chain_absent(a: Annotation, focus: Focus) -> str:
    absent = [p for p in a.positions if p.conveyed == "absent"]
    start = chain_start(a, focus)
    out = ["Tracing a chain also shows you who is missing."]
    if start is not None and start.quote != "direct":
        out.append(f"- **{md(called(a, start.actor, start=True))}**, the original speaker, is never quoted on this "
                   "claim in their own words.")
    for p in absent[:3]:
        out.append(f"- No answer from **{md(called(a, p.actor))}** in the article to the question: "
                   f"{md(a.issue(p.issue).question)}")
    if len(absent) > 3:
        out.append(f"- … and {len(absent) - 3} more such gaps, which lesson 3 lays out in a grid.")
    if len(out) == 1:
        out.append("- In this article every party speaks on the points in dispute. Check it as you go.")
    out.append("An absent voice is not evidence either way. But a careful reader notes the gap instead of filling it "
               "with a guess.")
    return "\n".join(out[:1]) + "\n\n" + "\n".join(out[1:-1]) + "\n\n" + out[-1]


def chain_versions(a: Annotation, focus: Focus) -> str:
    marks = [f for f in a.framing if f.kind == "rewording"]
    if marks:
        rows = "\n".join(f"| {f.sentence} | {q(f.span.text)} | {md(f.note)} |" for f in marks)
        return ("The same claim, or the same denial, can be worded differently from sentence to sentence:\n\n"
                f"| Sentence | Wording | What to notice |\n|---|---|---|\n{rows}\n\nAsk of every version: what "
                "exactly is claimed or denied, and by whom? A version that grows wider than the claim it answers can "
                "sound stronger than it is.")
    return ("Look for a claim or a denial that the article gives more than once. Do all the versions say the same "
            "thing? Ask of every version: what exactly is claimed or denied, and by whom?")


def unnamed_examples(a: Annotation, focus: Focus) -> str:
    unnamed = [x for x in a.attributions if a.actor(x.actor).kind == "unnamed"]
    if not unnamed:
        return "This article names every one of its sources. Many articles do not; here is why that matters."
    listed = "; ".join(f"{q(x.source.text) if x.source else 'a source the article leaves out'} in {x.sentence}"
                       for x in unnamed)
    return f"These words in the article stand for sources it does not name: {listed}."


def unnamed_notice(a: Annotation, focus: Focus) -> str:
    unnamed = [x for x in a.attributions if a.actor(x.actor).kind == "unnamed"]
    if not unnamed:
        return "Ask the same questions of the next article you read: who is each source, and could you look it up?"
    through = [x for x in unnamed if x.via]
    out = "Notice how each unnamed source reaches you: "
    out += "; ".join(f"in {x.sentence}, {'through ' + md(called(a, a.attribution(x.via).actor)) + ', who ' + ('denies' if x.denied else 'passes on') + ' its claim' if x.via else 'directly, from the writer'}"
                     for x in unnamed) + "."
    return out + (" Ask the same questions of every one." if through else "")


def chain_compare(a: Annotation, focus: Focus) -> str:
    start = chain_start(a, focus)
    relay = a.chain(start.id)[-1] if start and start.via else None
    qs = [f"**Exercise 1.** Compare your predictions. Did either of you name {md(called(a, relay.actor))} as the "
          "original speaker? Why is that tempting?" if relay else "**Exercise 1.** Compare your predictions. Did you "
          "choose the same original speaker?",
          "**Exercise 3.** Find an item where you chose a different answer for *what the article gives*. Each of you "
          "points to the words, or the quotation marks, that decide it."]
    return "Put your answers next to a neighbour's.\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1))


def chain_reflect(a: Annotation, focus: Focus) -> str:
    start = chain_start(a, focus)
    claim = q(start.content.text) if start and start.content else "the article's main claim"
    qs = [f"Apply the three Civic Online Reasoning questions to the claim {claim}. Who is behind it, link by link? "
          "What evidence does the article give? What other sources would you want to see?",
          "Think of reasons a writer might pass on a claim without naming its source. Which reasons are harmless, "
          "and which are not? How could a reader tell the difference?",
          "Think of something you heard recently from a friend or saw on social media. How many links did it pass "
          "through before it reached you? Which link could you check, and how?"]
    return ("Write a few lines, or discuss in class. There are no single right answers.\n\n"
            + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1)))


# ----- Lesson 3 -----------------------------------------------------------------------------------------

def positions_parties(a: Annotation, focus: Focus) -> str:
    if not a.parties:
        return ("**The parties.** This article's folder names no parties yet: the `party` column of `actors.csv` says "
                "which side each source speaks for (docs/annotation-guide.md). Until then, list the sides yourself.")
    rows = "\n".join(f"| {md(p.name)} | {_party_voices(a, p.id)} |" for p in a.parties)
    return (f"**The parties.** {len(a.parties)} sides speak in this article, each through one or more voices (the "
            f"file `actors.csv` records which voice belongs to which side):\n\n| Party | Who speaks for it in the "
            f"article |\n|---|---|\n{rows}")


def positions_issues(a: Annotation, focus: Focus) -> str:
    if not a.issues:
        return ("**The issues.** This article's folder lists no issues yet (`issues.csv`). Write down two or three "
                "questions on which the sides of the article disagree.")
    listed = "\n".join(f"{n}. {md(i.question)}" for n, i in enumerate(a.issues, 1))
    return f"**The issues.** {len(a.issues)} questions on which at least one party takes a position:\n\n{listed}"


def _row(a: Annotation, issue: str) -> list[Position]:
    return [p for party in a.parties for p in a.positions if p.issue == issue and p.actor == party.id]


def positions_worked_example(a: Annotation, focus: Focus) -> str:
    issue = worked_issue(a, focus)
    if issue is None:
        return "This article's folder has no issues yet (issues.csv), so there is no row to fill."
    row = _row(a, issue)
    evidence = list(dict.fromkeys(sid for p in row for sid in p.evidence))
    quoted = "\n\n".join(block(a.sentence(sid)) for sid in evidence)
    table = "\n".join(f"| {md(a.actor(p.actor).name)} | {md(p.stance) or 'not stated in the article'} | "
                      f"{', '.join(p.evidence) or 'none'} | {p.conveyed} |" for p in row)
    return (f"*{md(a.issue(issue).question)}*\n\n**Step 1. Find the sentences on the issue.**\n\n{quoted}\n\n"
            "**Step 2. For each party, find where it, or someone speaking for it, is the source.**\n\n"
            "**Step 3. Write each stance in neutral words, and note the form.**\n\n"
            f"| Party | Stance (in neutral words) | Evidence | In whose words |\n|---|---|---|---|\n{table}\n\n"
            "Exercise 1 asks you to do the same for the other issues.")


def positions_spot_intro(a: Annotation, focus: Focus) -> str:
    return ("Read your grid down the columns and along the rows. Look for an account that stands only in the writer's "
            "voice, and for an answer the article itself tells you is missing.")


def voices_reading(a: Annotation, focus: Focus) -> str:
    from .voices import voice_counts

    table = voice_counts(a)
    if not table.rows:
        return "No words are attributed to any party in this article."
    total, quotes = table.column("total"), table.column("direct quote")
    top, quoted = max(total, key=total.__getitem__), max(quotes, key=quotes.__getitem__)  # the first, on a tie
    lines = [f"- **{md(party)}**: {total[party]} words, {quotes[party]} of them in quotation marks." for party in total]
    return ("**What the counts show.**\n\n" + "\n".join(lines) +
            f"\n\n{md(str(top))[:1].upper() + md(str(top))[1:]} gets the most words; {md(str(quoted))} the most in "
            "quotation marks.\n\n"
            "**What the counts do not show.**\n\n- **Counts measure space, not truth or importance.** A short sentence "
            "can matter more than a paragraph, and more words can hurt a side as easily as help it.\n- **Counting "
            "rules are choices.** A spokesperson's words count for the side they speak for, cue words do not count. "
            "Another annotator could choose differently and get other numbers.\n- **The topic shapes the space.** "
            "Ask what the article is about before you read the gap as the writer's choice.")


def voices_turns(a: Annotation, focus: Focus) -> str:
    from .voices import turn_counts

    spoken = [(party, dict(zip(("sentences", "first", "last"), values))) for party, values in turn_counts(a).rows
              if values[0] > 0]
    lines = [f"{md(str(party))}: {row['sentences']} sentences, from {row['first']} to {row['last']}."
             if row["sentences"] > 1 else f"{md(str(party))}: one sentence, {row['first']}."
             for party, row in spoken]
    first = a.sentences[0].id
    opener = [md(str(p)) for p, row in spoken if row["first"] == first]
    last_id = a.sentences[-1].id
    closer = [md(str(p)) for p, row in spoken if row["last"] == last_id]
    def cap(names: list[str]) -> str:
        joined = " and ".join(names)
        return joined[:1].upper() + joined[1:]

    return (" ".join(lines) + (f" {cap(opener)} open{'s' if len(opener) == 1 else ''} the article." if opener else "")
            + (f" {cap(closer)} {'has' if len(closer) == 1 else 'have'} the last word." if closer else "")
            + " Which matters more to a reader: the first word, the last word, or the most words?")


def balance_in_article(a: Annotation, focus: Focus) -> str:
    narration = [p for p in a.positions if p.conveyed == "narration only"]
    missing = [p for p in a.positions if p.conveyed == "absent" and p.evidence]
    out = []
    if narration:
        p = narration[0]
        out.append(f"- **Status matters as much as space.** On the question *{md(a.issue(p.issue).question)}*, an "
                   f"account stands in the writer's own voice ({', '.join(p.evidence)}), attributed to no one. Stated "
                   "without a source, any party's account would need one.")
    if missing:
        p = missing[0]
        out.append(f"- **A missing answer needs an explanation, and may not get one.** On *{md(a.issue(p.issue).question)}* "
                   f"the article itself shows that an answer from {md(called(a, p.actor))} is missing "
                   f"({', '.join(p.evidence)}).")
    else:
        out.append("- **A missing answer needs an explanation, and may not get one.** Where a cell of your grid is "
                   "empty, does the article say why?")
    weighed = [f for f in a.framing if f.status == "established"]
    if weighed:
        out.append(f"- **Evidence from outside.** The annotation records findings from outside the article about "
                   f"{', '.join(q(f.span.text) for f in weighed)}: see lesson 1, part 2, and the viewer's framing notes.")
    out.append("\n**Discuss.**\n\n1. Find a sentence that sets two parties' claims side by side. Does that make the "
               "report balanced? What would a reader need in order to weigh the two claims?\n2. Pick one empty cell "
               "in your grid. Would filling it make the article fairer, or only longer? Whose answer would you ask for "
               "first, and why?")
    return "\n".join(out)


def positions_compare(a: Annotation, focus: Focus) -> str:
    mixed = next((i for i in a.issues if len({p.conveyed for p in a.positions if p.issue == i.id and p.stance}) > 1),
                 None)
    qs = ["Find a cell where you chose differently, a stance or a sentence. Each of you points to the exact words "
          "that justify your choice. Can you both be right?",
          f"Do you agree on the forms in the row *{md(mixed.question)}*? Each of you points to the quotation marks, or "
          "their absence, that decide it." if mixed else "Do you agree on the form of every cell? Each of you points "
          "to the quotation marks, or their absence, that decide it."]
    return "Put your grid next to a neighbour's.\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(qs, 1))


# ----- Lesson 4 -----------------------------------------------------------------------------------------

def dating_worked_example(a: Annotation, focus: Focus) -> str:
    found = [(s, m.group(0)) for s in a.sentences for m in TIME_WORDS.finditer(s.text)]
    published = str(a.metadata.get("published", "unknown"))
    when = (f"The facts give the date of publication as {md(published)}." if published not in ("", "unknown") else
            "The article gives no date of its own.")
    if not found:
        return when + " Its sentences use no relative time words, so the date matters less here than usual."
    s, word = found[0]
    return (f"{when} Take the time words in {s.id}: {q(word)}.\n\n{block(s)}\n\n**Step 1. Name the event.** What "
            "happened at that time, and who did it?\n\n**Step 2. Find a dated source for the same event**: another "
            "outlet's report, or the statement itself.\n\n**Step 3. Compare the wording and the date.** Does the "
            "source's date fit the article's time words? Then count back from the event to the day of publication.")


def dating_cards_intro(a: Annotation, focus: Focus) -> str:
    found = list(dict.fromkeys(f"{q(m.group(0))} ({s.id})" for s in a.sentences for m in TIME_WORDS.finditer(s.text)))
    return ("The article's own time words: " + ", ".join(found) + "." if found else
            "The article uses no relative time words.") + " These cards report the same events."


def publisher_intro(a: Annotation, focus: Focus) -> str:
    outlet = str(a.metadata.get("outlet", "unknown"))
    told = (f"The article facts name the outlet: {md(outlet)}." if outlet not in ("", "unknown") else
            "The text names no outlet.")
    return (f"{told} Before you look anything up, make a guess from the text alone: whose voice leads, whose words "
            "frame the events? Then check your guess against the evidence.")


def publisher_cards_intro(a: Annotation, focus: Focus) -> str:
    return ("The cards below appear once you have answered. Read them in order: first the article's own page, then "
            "what others say about who owns, funds or regulates the outlet.")


def renderings_intro(a: Annotation, focus: Focus) -> str:
    direct = [x for x in a.attributions if x.quote in ("direct", "both")]
    who = ", ".join(dict.fromkeys(md(called(a, x.actor)) for x in direct))
    return ("When a speaker's words are quoted, other outlets often quote the same words differently, especially in "
            "translation. The tables below set the renderings side by side; the words of each version that the "
            "article's version does not use are marked." + (f" The article quotes {who} in quotation marks." if who
                                                               else ""))


def renderings_note(a: Annotation, focus: Focus) -> str:
    return ("Look at each marked word: is it only spelling, or does it change what the sentence says? A quote in "
            "translation is somebody's translation.")


def claim_intro(a: Annotation, focus: Focus) -> str:
    issue = next(iter(a.issues), None)
    topic = f" *{md(issue.question)}*" if issue else ""
    return (f"The article reports a dispute about a fact:{topic} Now leave the article and ask what the record shows.")


def second_claim_intro(a: Annotation, focus: Focus) -> str:
    two = [s for s in a.sentences if len({a.actor(x.actor).party for x in _cues(a, s)} - {""}) > 1]
    if two:
        s = two[0]
        return (f"Sentence {s.id} sets two parties' claims side by side:\n\n{block(s)}\n\nThis time weigh each claim "
                "against evidence from outside the dispute. *Who looked?* *When?*")
    return "Choose a claim in the article and weigh it against evidence from outside the dispute. *Who looked?* *When?*"


def leave_compare(a: Annotation, focus: Focus) -> str:
    return ("1. Compare your first guesses in exercise 2. Which clue convinced each of you? Which clue could have "
            "misled you?\n2. Choose one statement you sorted differently. Each of you names the cards that would be "
            "needed to settle it: what kind of source would that have to be?")


# ----- Lesson 5 -----------------------------------------------------------------------------------------

FRAMING_WORDS = ("naming", "loaded-word", "presupposition", "unsourced-claim")


def writers_examples(a: Annotation, focus: Focus) -> str:
    asked = set(focus.sentences.get("find-framing", ())) | set(focus.sentences.get("name-framing", ()))
    spare = [f for f in a.framing if f.kind in FRAMING_WORDS and f.sentence not in asked][:2]
    if not spare:
        return ("The exercises below ask about every piece of framing the annotation marks in this article, so "
                "here is the method on its own: read each word and ask whether someone on the other side could "
                "object to it, or ask “says who?”.")
    out = ["Two examples from sentences the exercises do not ask about:"]
    for f in spare:
        out.append(f"- {q(f.span.text)} ({f.sentence}): {md(f.note)}")
    return "\n\n".join([out[0], "\n".join(out[1:])])


def writers_rewrite_intro(a: Annotation, focus: Focus) -> str:
    target = next((s for s in a.sentences if s.id in focus.sentences.get("rewrite-with-source", ())), None)
    if target is None:
        return "Choose a sentence in the writer's own voice that makes a claim someone could dispute."
    marks = [f for f in a.framing_in(target.id) if f.kind == "unsourced-claim"]
    why = f"\n\nThe annotation's note on it: {md(marks[0].note)}" if marks else ""
    return f"The sentence to rewrite is {target.id}, in the writer's own voice:\n\n{block(target)}{why}"


def writers_lead_intro(a: Annotation, focus: Focus) -> str:
    return ("A lead is the first sentence of a news report: it says what happened, who says so, and when, in the "
            "fewest words. Readers who stop after it keep only what it says. Write yours before you look at the "
            "article's own: the comparison comes after you save.")


def writers_compare(a: Annotation, focus: Focus) -> str:
    return ("Put your texts next to a neighbour's.\n\n1. Read each other's rewrite. Whose account does each one "
            "make it? Did either of you name a source the article does not give?\n2. Read each other's lead. "
            "Which claims in it have a source, and which does a reader have to take on trust?")


def writers_reflect(a: Annotation, focus: Focus) -> str:
    return ("Write a few lines, or discuss in class. There are no single right answers.\n\n1. Which word choice in "
            "this article would you change first, and to what? Who might object to your choice?\n2. Your lead "
            "leaves things out. What did you leave out, and why?")


FALLBACKS: dict[str, Callable[[Annotation, Focus], str]] = {
    "start.origin": start_origin, "start.worked-example": start_worked_example,
    "parts.example": parts_example, "parts.harder": parts_harder, "quotes.examples": quotes_examples,
    "parts.worked-example": parts_worked_example, "verbs.in-this-article": verbs_in_article,
    "part1.compare": part1_compare, "part1.reflect": part1_reflect,
    "part2.exercise-intro": part2_exercise_intro, "voice.looking-back": voice_looking_back,
    "record.looking-back": record_looking_back, "part2.compare": part2_compare, "part2.reflect": part2_reflect,
    "chain.where": chain_where, "chain.cues": chain_cues, "chain.exercise-intro": chain_exercise_intro,
    "chain.diagram-note": chain_diagram_note, "chain.worked-example": chain_worked_example,
    "chain.absent": chain_absent, "chain.versions": chain_versions, "unnamed.examples": unnamed_examples,
    "unnamed.notice": unnamed_notice, "chain.compare": chain_compare, "chain.reflect": chain_reflect,
    "positions.parties": positions_parties, "positions.issues": positions_issues,
    "positions.worked-example": positions_worked_example,
    "positions.spot-intro": positions_spot_intro, "voices.reading": voices_reading, "voices.turns": voices_turns,
    "balance.in-this-article": balance_in_article, "positions.compare": positions_compare,
    "dating.worked-example": dating_worked_example, "dating.cards-intro": dating_cards_intro,
    "publisher.intro": publisher_intro, "publisher.cards-intro": publisher_cards_intro,
    "renderings.intro": renderings_intro, "renderings.note": renderings_note, "claim.intro": claim_intro,
    "second-claim.intro": second_claim_intro, "leave.compare": leave_compare,
    "writers.examples": writers_examples, "writers.rewrite-intro": writers_rewrite_intro,
    "writers.lead-intro": writers_lead_intro, "writers.compare": writers_compare, "writers.reflect": writers_reflect,
}


def passage(annotation: Annotation, key: str, focus: Focus | None = None) -> tuple[str, bool]:
    """The Markdown for `key` and whether it is the article's own (True) or drawn from the annotation."""
    own = annotation.passages.get(key)
    if own:
        return own, True
    return FALLBACKS[key](annotation, focus or Focus()), False
