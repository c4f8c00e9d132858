"""The annotated article as plain data: what every other part of the kit reads.

Offsets are Python string indices (Unicode code points) into article.txt, end exclusive, so
`text[start:end]` is the span. Loading and checking live in `loading` and `validation`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LABELS = ("attributed", "narration", "mixed")
SENTENCE_QUOTES = ("direct", "indirect", "both", "none")
ATTRIBUTION_QUOTES = ("direct", "indirect", "both")
ACTOR_KINDS = ("person", "institution", "state", "group", "unnamed")
FRAMING_KINDS = ("naming", "loaded-word", "presupposition", "unsourced-claim", "unnamed-source")
CONVEYED = ("own words", "paraphrase", "reported by another party", "narration only", "absent")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    id: str
    paragraph: int
    span: Span
    label: str
    sources: tuple[str, ...]  # actor ids
    cues: tuple[str, ...]
    quote: str
    explanation: str
    debatable: str = ""

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def alternative_label(self) -> str | None:
        """The other defensible label, named by the first word of `debatable` ("Mixed: because …")."""
        head = self.debatable.split(":", 1)[0].strip().lower()
        return head if self.debatable and head in LABELS else None

    @property
    def debatable_reason(self) -> str:
        """Why the other reading is defensible: `debatable` without its leading label."""
        return self.debatable.split(":", 1)[1].strip() if self.alternative_label else self.debatable


@dataclass(frozen=True)
class Attribution:
    """Source + cue + content (the PARC model); `via` names the attribution it reaches us through."""

    id: str
    sentence: str
    actor: str
    source: Span | None  # None where no one is named ("claims")
    cue: Span
    content: Span | None
    quote: str
    via: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str
    mentions: tuple[str, ...]
    party: str = ""  # the actor id of the side this actor speaks for ("" for none, e.g. unnamed sources)


@dataclass(frozen=True)
class FramingMark:
    """Wording in the writer's voice that frames the reader's view without a source."""

    id: str
    sentence: str
    span: Span
    kind: str
    note: str


@dataclass(frozen=True)
class Issue:
    id: str
    question: str


@dataclass(frozen=True)
class Position:
    """What one party holds on one issue, where the article shows it, and in whose words."""

    id: str
    actor: str
    issue: str
    stance: str  # "" where the article does not state one
    evidence: tuple[str, ...]  # sentence ids
    conveyed: str
    note: str = ""


@dataclass(frozen=True)
class Annotation:
    text: str
    metadata: Mapping[str, Any]
    sentences: tuple[Sentence, ...]
    attributions: tuple[Attribution, ...]
    actors: tuple[Actor, ...]
    framing: tuple[FramingMark, ...] = ()
    issues: tuple[Issue, ...] = ()
    positions: tuple[Position, ...] = ()
    _by_id: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in (*self.sentences, *self.attributions, *self.actors, *self.framing, *self.issues,
                     *self.positions):
            self._by_id[(type(item).__name__, item.id)] = item

    @property
    def article_id(self) -> str:
        """The id in article.yaml: submissions record it, so a report can tell articles apart."""
        return str(self.metadata.get("id", "unknown"))

    def sentence(self, sentence_id: str) -> Sentence:
        return self._by_id[("Sentence", sentence_id)]

    def actor(self, actor_id: str) -> Actor:
        return self._by_id[("Actor", actor_id)]

    def attribution(self, attribution_id: str) -> Attribution:
        return self._by_id[("Attribution", attribution_id)]

    def issue(self, issue_id: str) -> Issue:
        return self._by_id[("Issue", issue_id)]

    def position(self, position_id: str) -> Position:
        return self._by_id[("Position", position_id)]

    @property
    def parties(self) -> list[Actor]:
        """The sides of the dispute, in the order actors.csv first names them as a party."""
        ids = list(dict.fromkeys(a.party for a in self.actors if a.party))
        return [self.actor(i) for i in ids]

    def called(self, actor_id: str, start: bool = False) -> str:
        """An actor's name as it reads in a sentence: "the United Nations", but "Maria Zakharova"."""
        actor = self.actor(actor_id)
        name = f"the {actor.name}" if actor.kind in ("institution", "state", "group") else actor.name
        return name[0].upper() + name[1:] if start else name

    def issues_where(self, find: str) -> list[str]:
        """Issues showing a pattern: "narration-only" (an account given in the writer's voice alone), or
        "answer-missing" (a party's answer absent, with a sentence that shows it is missing)."""
        if find == "narration-only":
            hits = {p.issue for p in self.positions if p.conveyed == "narration only"}
        elif find == "answer-missing":
            hits = {p.issue for p in self.positions if p.conveyed == "absent" and p.evidence}
        else:
            raise ValueError(f"unknown pattern {find!r}")
        return [i.id for i in self.issues if i.id in hits]

    def attributions_in(self, sentence_id: str) -> list[Attribution]:
        return [a for a in self.attributions if a.sentence == sentence_id]

    def framing_in(self, sentence_id: str) -> list[FramingMark]:
        return [f for f in self.framing if f.sentence == sentence_id]

    def chain(self, attribution_id: str) -> list[Attribution]:
        """The attribution, then each link it reaches the article through, ending at the article's side."""
        links: list[Attribution] = []
        current: str | None = attribution_id
        while current is not None and all(a.id != current for a in links):
            link = self.attribution(current)
            links.append(link)
            current = link.via
        return links

    @property
    def paragraphs(self) -> list[list[Sentence]]:
        grouped: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            grouped.setdefault(s.paragraph, []).append(s)
        return [grouped[k] for k in sorted(grouped)]
