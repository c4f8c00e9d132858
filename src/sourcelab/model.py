"""The annotated article as plain data: what every other part of the kit reads.

Offsets are Python string indices (Unicode code points) into article.txt, end exclusive, so
`text[start:end]` is the span. Loading and checking live in `loading` and `validation`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .evidence import Context

LABELS = ("attributed", "narration", "mixed")
SENTENCE_QUOTES = ("direct", "indirect", "both", "none")
ATTRIBUTION_QUOTES = ("direct", "indirect", "both")
ACTOR_KINDS = ("person", "institution", "state", "group", "unnamed")
FRAMING_KINDS = ("naming", "loaded-word", "presupposition", "unsourced-claim", "unnamed-source", "rewording")
# The standing of what a framing mark states or takes for granted. Kept apart on purpose: a claim one party
# rejects, a claim open on the evidence and a finding of independent investigators are not alike.
STATUSES = ("disputed", "contested", "established")
STATUS_LABELS = {"disputed": "disputed by a party to the dispute", "contested": "contested on the evidence",
                 "established": "established by independent investigators"}
# How the attribution named in `via` carries an inner claim: it passes the claim on, or names it only to deny it.
RELATIONS = ("reports", "denies")
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
    quote_debatable: str = ""  # the same for the quotation type ("Both: because …")

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def alternative_label(self) -> str | None:
        """The other defensible label, named by the first word of `debatable` ("Mixed: because …")."""
        return named_alternative(self.debatable, LABELS)

    @property
    def debatable_reason(self) -> str:
        """Why the other reading is defensible: `debatable` without its leading label."""
        return alternative_reason(self.debatable, LABELS)

    @property
    def alternative_quote(self) -> str | None:
        return named_alternative(self.quote_debatable, ATTRIBUTION_QUOTES)

    @property
    def quote_debatable_reason(self) -> str:
        return alternative_reason(self.quote_debatable, ATTRIBUTION_QUOTES)


def named_alternative(note: str, allowed: tuple[str, ...]) -> str | None:
    """The value a debatable note starts with ("Mixed: …" names mixed), or None if it names none."""
    head = note.split(":", 1)[0].strip().lower()
    return head if note and ":" in note and head in allowed else None


def alternative_reason(note: str, allowed: tuple[str, ...]) -> str:
    """The note without the value it starts with."""
    return note.split(":", 1)[1].strip() if named_alternative(note, allowed) else note


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
    relation: str = "reports"  # how `via` carries this claim (RELATIONS); meaningless without via

    @property
    def denied(self) -> bool:
        """True when the claim reaches the article only as what the `via` attribution denies."""
        return self.via is not None and self.relation == "denies"


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
    status: str = ""  # one of STATUSES when the wording states or presupposes a fact; "" otherwise
    cite: tuple[str, ...] = ()  # reference ids (references.csv) and sentence ids that back the note


@dataclass(frozen=True)
class Reference:
    """A published source outside the article that a note relies on: who, what, when, where."""

    id: str
    body: str  # the outlet or body that published it
    title: str  # "" when the page shows none
    date: str  # ISO date: YYYY-MM-DD, or YYYY-MM / YYYY when the source shows no day, "n.d." when undated
    url: str
    supports: str  # what the kit uses it for, in the kit's own words

    def citation(self) -> str:
        title = f", “{self.title}”" if self.title else ""
        return f"{self.body}{title}, {self.date}, {self.url}"


@dataclass(frozen=True)
class WordPair:
    """A naming choice of the article and the other names in use: what each signals, who uses which, and the
    published sources that show it (reference ids)."""
    id: str
    article_words: str
    sentence: str
    other_words: str
    signals: str
    who_uses: str
    cite: tuple[str, ...]


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
    references: tuple[Reference, ...] = ()
    context: Context = field(default_factory=Context)  # data/context/: evidence from outside the article
    passages: Mapping[str, str] = field(default_factory=dict)  # passages.yaml: the lessons' prose about it
    display_only: bool = False  # an assessment copy's article: text and sentence numbers, no annotation
    word_pairs: tuple[WordPair, ...] = ()  # word_pairs.csv: naming choices and who uses which, with sources
    _by_id: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in (*self.sentences, *self.attributions, *self.actors, *self.framing, *self.issues,
                     *self.positions, *self.references):
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

    def reference(self, reference_id: str) -> Reference:
        return self._by_id[("Reference", reference_id)]

    def citations(self, mark: FramingMark) -> tuple[list[Reference], list[str]]:
        """What a framing note cites: the references outside the article, and the article's own sentences."""
        refs = [self._by_id[("Reference", c)] for c in mark.cite if ("Reference", c) in self._by_id]
        sentences = [c for c in mark.cite if ("Sentence", c) in self._by_id]
        return refs, sentences

    @property
    def origin(self) -> Mapping[str, Any]:
        """Where the article was first published, for instructors (article.yaml `origin`); never shown to
        students by the viewer, who meet the text as given."""
        origin = self.metadata.get("origin")
        return origin if isinstance(origin, Mapping) else {}

    @property
    def parties(self) -> list[Actor]:
        """The sides of the dispute, in the order actors.csv first names them as a party."""
        ids = list(dict.fromkeys(a.party for a in self.actors if a.party))
        return [self.actor(i) for i in ids]

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
