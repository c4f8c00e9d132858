"""What grading returns: per item, whether it is right, the score, and feedback that explains."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ItemResult:
    id: str
    correct: bool
    score: float  # 0..1
    answered: bool
    feedback: str  # why right or wrong, without giving the answer away
    answer: str  # the reference answer and its explanation, shown on request

    def full_feedback(self) -> str:
        return f"{self.feedback} {self.answer}".strip() if not self.correct else self.feedback


@dataclass(frozen=True)
class Result:
    exercise: str
    items: tuple[ItemResult, ...]

    @property
    def score(self) -> float:
        return round(sum(i.score for i in self.items), 2)

    @property
    def max_score(self) -> int:
        return len(self.items)

    @property
    def full_marks(self) -> bool:
        return all(i.correct and i.score == 1 for i in self.items)

    def score_line(self) -> str:
        answered = sum(i.answered for i in self.items)
        score = f"{self.score:g}"
        return (f"Score: {score} / {self.max_score} ({sum(i.correct for i in self.items)} right, "
                f"{answered} of {self.max_score} answered)")

    def to_json(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "score": self.score, "max_score": self.max_score,
                "items": [{"id": i.id, "correct": i.correct, "score": i.score, "feedback": i.full_feedback()}
                          for i in self.items]}
