"""Every exercise type through the engine alone: right, wrong, partial, missing and malformed answers."""
from __future__ import annotations

from dataclasses import replace

import pytest

from sourcelab import load_annotation
from sourcelab.errors import AnswerError
from sourcelab.exercises import type_names
from sourcelab.exercises.base import NOT_ANSWERED_FEEDBACK
from sourcelab.exercises.grid import Grid
from sourcelab.exercises.registry import build_exercise
from sourcelab.loading import load_exercises


@pytest.fixture(scope="module")
def exercises(every_item):
    return every_item


@pytest.mark.parametrize("kind", type_names())
def test_reference_answers_score_full_marks(exercises, kind: str) -> None:
    shipped = [e for e in exercises.values() if e.spec.type == kind]
    if not shipped:
        pytest.skip(f"no exercise of type {kind} in exercises/")
    for exercise in shipped:
        if not exercise.graded:  # free text: whatever is written, nothing is marked right, nothing scores
            result = exercise.grade({item.id: "A text of my own." for item in exercise.items})
            assert all(i.answered and not i.correct and i.score == 0 for i in result.items) and result.items
            continue
        result = exercise.grade(exercise.reference_answers())
        assert result.full_marks and result.score == result.max_score == len(exercise.items) > 0


# --- classify-sentences ------------------------------------------------------------------------------------

def test_attributed_everywhere_misses_the_narration(exercises) -> None:
    classify = exercises["classify-sentences"]
    result = classify.grade({s.id: "attributed" for s in classify.annotation.sentences})
    wrong = {i.id: i for i in result.items if not i.correct}
    assert set(wrong) == {"s13", "s14"} and result.score == 14
    assert wrong["s13"].feedback == f"Not quite. {classify.params.feedback['narration']['attributed']}"
    assert "narration" not in wrong["s13"].feedback  # the hint does not give the answer away
    assert "The reference answer is “narration”: No source and no cue" in wrong["s13"].full_feedback()


def test_the_debated_reading_scores_and_is_explained(exercises) -> None:
    classify = exercises["classify-sentences"]
    item = classify.grade_item("s11", "mixed")
    assert item.correct and item.score == 1
    assert item.feedback.startswith("Defensible. The reference annotation says “attributed”")
    assert "the mass killings committed" in item.feedback
    reference = classify.grade_item("s11", "attributed")
    assert reference.correct and "Debatable: some readers choose “mixed”" in reference.feedback
    assert not classify.grade_item("s11", "narration").correct


def test_missing_items_score_zero_and_say_so(exercises) -> None:
    result = exercises["classify-sentences"].grade({"s1": "mixed"})
    assert result.score == 1 and result.max_score == 16
    missing = [i for i in result.items if not i.answered]
    assert len(missing) == 15 and all(i.feedback == NOT_ANSWERED_FEEDBACK and i.score == 0 for i in missing)
    assert result.score_line() == "Score: 1 / 16 (1 right, 1 of 16 answered)"


@pytest.mark.parametrize("answers, message", [
    ({"s1": "quoted"}, "'quoted' is not a choice for s1"),
    ({"s1": 3}, "3 is not a choice for s1"),
    ({"s99": "mixed"}, "'s99' is not an item of classify-sentences"),
])
def test_malformed_answers_are_errors(exercises, answers, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        exercises["classify-sentences"].grade(answers)


# --- quote-type ------------------------------------------------------------------------------------------------

def test_quote_type_feedback_targets_the_confusion(exercises) -> None:
    quote = exercises["quote-type"]
    assert quote.grade_item("s7", "both").correct
    wrong = quote.grade_item("s7", "direct")
    assert not wrong.correct and quote.params.feedback["both"]["direct"] in wrong.feedback
    assert "The reference answer is “both”" in wrong.answer


def test_a_debatable_quotation_type_scores_both_readings(exercises) -> None:
    quote = exercises["quote-type"]
    reference, other = quote.grade_item("s6", "direct"), quote.grade_item("s6", "both")
    assert reference.correct and "Debatable: some readers choose “both”" in reference.feedback
    assert other.correct and other.feedback.startswith("Defensible. The reference annotation says “direct”")
    assert not quote.grade_item("s6", "indirect").correct
    assert quote.grade_item("s8", None).feedback == NOT_ANSWERED_FEEDBACK
    with pytest.raises(AnswerError):
        quote.grade_item("s8", "none")  # a sentence value, but not an option of this exercise


# --- source-and-cue -------------------------------------------------------------------------------------------

def test_source_and_cue_right_by_phrase_or_word_number(exercises) -> None:
    marks = exercises["source-and-cue"]
    by_phrase = marks.grade_item("s4", {"source": ["Zakharova"], "cue": ["insisted"]})
    by_number = marks.grade_item("s4", {"source": [19], "cue": [20]})
    assert by_phrase.correct and by_number.correct and by_phrase.score == 1
    assert by_phrase.feedback == "Right. Source: “Zakharova” is right. Cue: “insisted” is right."


def test_small_words_do_not_count_either_way(exercises) -> None:
    marks = exercises["source-and-cue"]
    with_the = marks.grade_item("s15", {"source": "The Kremlin", "cue": "has since demanded"})
    without = marks.grade_item("s15", {"source": "Kremlin", "cue": "demanded"})
    assert with_the.correct and without.correct and without.score == 1
    assert marks.grade_item("s15", {"source": "the kremlin", "cue": "DEMANDED"}).correct  # case does not matter


def test_swapped_source_and_cue_is_wrong_and_says_why(exercises) -> None:
    item = exercises["source-and-cue"].grade_item("s4", {"source": "insisted", "cue": "Zakharova"})
    assert not item.correct and item.score == 0
    assert "“insisted” is not the source (those words are the cue)" in item.feedback
    assert item.answer == "The annotation marks source “Zakharova” and cue “insisted”."


def test_partial_answers_earn_partial_credit(exercises) -> None:
    marks = exercises["source-and-cue"]
    source_only = marks.grade_item("s4", {"source": ["Zakharova"]})
    assert not source_only.correct and source_only.score == 0.5
    assert source_only.feedback.startswith("Partly right. Source: “Zakharova” is right. Cue: not marked yet")
    near = marks.grade_item("s9", {"source": "secretary general", "cue": "denounced"})
    assert near.correct and near.feedback.startswith("Right, nearly word for word.")
    too_much = marks.grade_item("s4", {"cue": "Zakharova insisted"})
    assert too_much.correct is False and too_much.score == 0.33
    assert "you marked words that belong to something else" in too_much.feedback


def test_an_unnamed_source_is_explained(exercises) -> None:
    item = exercises["source-and-cue"].grade_item("s16", {"source": "Kiev", "cue": ["insists", "has denied"]})
    assert item.correct
    assert "The cue “claims” has no named source" in item.answer


@pytest.mark.parametrize("value, message", [
    ("Zakharova", "must look like"),
    ({"speaker": ["Zakharova"]}, "must look like"),
    ({"source": ["Putin"]}, "'Putin' is not in sentence s4"),
    ({"source": [99]}, "word number 99 is not in s4"),
    ({"source": [True]}, "must be a list of words or word numbers"),
    ({"source": {"a": 1}}, "must be a list of words or word numbers"),
])
def test_malformed_marks_are_errors(exercises, value, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        exercises["source-and-cue"].grade_item("s4", value)


def test_nothing_marked_is_not_answered(exercises) -> None:
    assert exercises["source-and-cue"].grade_item("s4", {"source": [], "cue": []}).answered is False


# --- reporting-verbs ------------------------------------------------------------------------------------------

def test_every_option_has_its_own_feedback(exercises) -> None:
    verbs = exercises["reporting-verbs"]
    for question in verbs.params.questions:
        results = {option.text: verbs.grade_item(question.id, option.text) for option in question.options}
        assert [r.correct for r in results.values()] == [option.correct for option in question.options]
        best = next(option for option in question.options if option.correct)
        for option in question.options:
            head = "Right." if option.correct else "Not quite."
            assert results[option.text].feedback == f"{head} {option.feedback}"
            assert results[option.text].answer.startswith(f"The best answer is “{best.text}”")
        with pytest.raises(AnswerError, match="is not a choice"):
            verbs.grade_item(question.id, "B")


def test_result_json_shape(exercises) -> None:
    quote = exercises["quote-type"]
    data = quote.grade({"s4": "direct", "s8": "direct"}).to_json()
    assert data["exercise"] == "quote-type" and data["score"] == 1 and data["max_score"] == len(quote.items)
    first = data["items"][0]
    assert set(first) == {"id", "correct", "score", "feedback"}
    assert (first["id"], first["correct"], first["score"]) == ("s1", False, 0.0)
    assert data["items"][0]["feedback"].startswith("Not answered yet. The reference answer is “indirect”")


# --- lesson 2: chain-order, trace-claims, unnamed-sources --------------------------------------------------

def test_the_chain_comes_from_the_via_links(exercises) -> None:
    chain = exercises["chain-order"]
    assert chain.reference_answers() == {"step-1": "a5", "step-2": "a4", "step-3": "a3", "step-4": "article"}
    first = chain.item("step-1")
    assert first.labels[0].startswith("Maria Zakharova") and "article" in first.options  # order gives nothing away
    assert chain.grade_item("step-2", "a4").feedback == (
        "Right. The claim passes from Stéphane Dujarric to unnamed “reports” (“according to which”). The article "
        "never says who is behind them.")
    assert chain.grade_item("step-1", "a3").feedback == (
        "Not quite. That link comes later in the chain: ask where Maria Zakharova got the claim from.")
    assert chain.grade_item("step-4", "a5").feedback == (
        "Not quite. That link comes earlier: ask to whom Stéphane Dujarric passed the claim on.")
    assert chain.reference_text(chain.item("step-4")) == (
        "Link 4: Finally the writer passes it on to you (reports it in sentence s2).")
    with pytest.raises(AnswerError):
        chain.grade_item("step-1", "a7")  # an attribution outside this chain


def test_tracing_a_second_hand_claim_to_its_origin(exercises) -> None:
    trace = exercises["trace-claims"]
    assert trace.grade_item("contact-source", "dujarric").correct
    passer = trace.grade_item("contact-source", "zakharova")
    assert not passer.correct and "That is who passes the claim on, not who made it first" in passer.feedback
    speaks_for = trace.grade_item("contact-source", "un")  # the side Dujarric speaks for also counts
    assert speaks_for.correct and speaks_for.feedback.startswith("Right: the United Nations is the side")
    assert not trace.grade_item("contact-source", "guterres").correct  # the person, not the side
    wrong = trace.grade_item("contact-conveyed", "their own words")
    assert ("reaches the article only through unnamed “reports” (“according to which”) and then Maria Zakharova "
            "(“published a post in her Telegram channel, citing”)") in wrong.answer
    assert trace.grade_item("retake-source", "unnamed_claims").correct
    retake = trace.grade_item("retake-conveyed", "nothing").answer
    assert "only as what the Ukrainian government denies (“has denied”)" in retake
    denier = trace.grade_item("retake-source", "ukraine")  # Kiev denies the claims: it did not pass them on
    assert not denier.correct and "That is who denies the claim, not who made it" in denier.feedback
    assert trace.grade_item("overtures-conveyed", "their own words").correct  # s5: quoted after "added that"
    assert trace.grade_item("staged-conveyed", "a paraphrase").correct


def test_an_absent_answer_comes_from_positions(exercises) -> None:
    trace = exercises["trace-claims"]
    right = trace.grade_item("proposal-conveyed", "nothing")
    assert right.correct and "the UN was waiting for Moscow’s response (s8)" in right.feedback
    assert trace.grade_item("proposal-source", "russian_government").correct
    assert not trace.grade_item("proposal-conveyed", "a paraphrase").correct


def test_unnamed_sources_come_from_the_actors_kind(exercises) -> None:
    unnamed = exercises["unnamed-sources"]
    answers = unnamed.reference_answers()
    assert [sid for sid, answer in answers.items() if answer == "yes"] == ["s2", "s16"]
    assert answers["s5"] == answers["s7"] == answers["s12"] == "no"
    assert unnamed.grade_item("s5", "no").feedback == "Right. Every source here is named (Maria Zakharova)."
    assert "“claims” stands for a source the article does not name" in unnamed.grade_item("s16", "yes").feedback
    wrong = unnamed.grade_item("s12", "yes")
    assert not wrong.correct and "A pronoun or a capital city still names one" in wrong.feedback
    assert "No: every source here is named (the Ukrainian government, the Russian government)." == wrong.answer


# --- lesson 3: position-matrix, spot-issues ------------------------------------------------------------------

def stance_text(matrix) -> str:
    return matrix.item("p1-stance").text


def test_the_matrix_comes_from_positions(exercises) -> None:
    matrix = exercises["position-matrix"]
    assert len([i for i in matrix.items if i.id.endswith("-stance")]) == 18
    assert len([i for i in matrix.items if i.id.endswith("-evidence")]) == 18  # every cell: empty ones too
    question = matrix.annotation.issue("contact").question  # issues.csv's wording, as students read it
    assert stance_text(matrix) == f"The Russian government, on the question {question} Which stance?"
    assert matrix.grade_item("p3-evidence", "none").correct and not matrix.grade_item("p1-evidence", "none").correct
    assert matrix.grade_item("p4-evidence", "s8").feedback.startswith("Right: s8 shows that the answer is missing.")
    stance = matrix.item("p1-stance")
    assert stance.labels[-1] == "not stated in the article" and "p2" in stance.options
    assert matrix.grade_item("p3-stance", "not-stated").correct
    assert matrix.grade_item("p1-stance", "p2").feedback == (
        "Not quite: that is the position of the United Nations, not of the Russian government.")
    assert matrix.grade_item("p3-stance", "p1").feedback.startswith(
        "Not quite: that stance is the position of the Russian government. The article never gives the view of "
        "the Ukrainian government")
    assert "does report a view of the Russian government" in matrix.grade_item("p1-stance", "not-stated").feedback
    debatable = matrix.grade_item("p7-stance", "not-stated")  # s13 is attributed to no one: both readings hold
    assert debatable.correct and debatable.feedback.startswith("Defensible: the article attributes this account")
    assert "“not stated in the article” is defensible too" in matrix.grade_item("p7-stance", "p7").feedback
    assert matrix.grade_item("p1-evidence", "s5").correct and matrix.grade_item("p1-evidence", "s3").correct
    assert not matrix.grade_item("p9-evidence", "s12").correct


def test_the_form_of_each_cell_is_asked_and_graded_from_conveyed(exercises) -> None:
    matrix = exercises["position-matrix"]
    forms = [i for i in matrix.items if i.id.endswith("-form")]
    assert len(forms) == len(matrix.annotation.positions)  # one per cell, empty cells too
    for position in matrix.annotation.positions:
        assert matrix.grade_item(f"{position.id}-form", position.conveyed).correct
    assert matrix.grade_item("p1-form", "own words").feedback.startswith("Right: the article gives it in its own words.")
    assert not matrix.grade_item("p1-form", "paraphrase").correct
    assert "gives no view of the Ukrainian government" in matrix.grade_item("p3-form", "own words").feedback
    assert "does give a view of the United Nations" in matrix.grade_item("p2-form", "absent").feedback
    debatable = matrix.grade_item("p7-form", "absent")  # narration only: reading it as no view at all holds too
    assert debatable.correct and debatable.feedback.startswith("Defensible")


def test_an_instructor_can_drop_a_column_of_the_matrix(exercises, annotation) -> None:
    matrix = exercises["position-matrix"]
    narrower = build_exercise(replace(matrix.spec, params=replace(matrix.params, ask=("stance", "evidence"))),
                              annotation)
    assert {i.id.rsplit("-", 1)[1] for i in narrower.items} == {"stance", "evidence"}
    assert [p.label for p in narrower.grid().rows[0].cells[0]] == ["Stance", "Sentence"]


def test_the_matrix_grid_lays_issues_down_and_parties_across(exercises) -> None:
    matrix = exercises["position-matrix"]
    grid = matrix.grid()
    parties = matrix.annotation.parties
    assert len(grid.columns) == len(parties) and [r.heading for r in grid.rows] == [
        matrix.annotation.issue(i).question for i in matrix.params.issues]
    assert sorted(grid.items()) == sorted(i.id for i in matrix.items)  # every item in exactly one cell
    for row, issue in zip(grid.rows, matrix.params.issues):
        for cell, party in zip(row.cells, parties):
            for part in cell:
                position = matrix.annotation.position(part.item.rsplit("-", 1)[0])
                assert (position.issue, position.actor) == (issue, party.id)
                assert len(part.shown) == len(matrix.item(part.item).options)
        stance = matrix.item(row.cells[0][0].item)
        assert [text for _letter, text in row.legend] == list(stance.labels[:-1])  # letters spell out the stances
        assert row.cells[0][0].shown == (*(letter for letter, _ in row.legend), "not stated")
    assert Grid.from_dict(grid.to_dict()) == grid


def test_spotting_the_missing_voices(exercises) -> None:
    spot = exercises["spot-issues"]
    assert spot.reference_answers() == {"narration-only": "war", "answer-missing": "evacuation"}
    wrong = spot.grade_item("narration-only", "bucha")
    assert wrong.feedback == ("Not this one. On the question Who is responsible for the killings in Bucha? the "
                              "article gives the Russian government in a paraphrase; the United Nations in a "
                              "paraphrase; the Ukrainian government in a paraphrase.")
    right = spot.grade_item("answer-missing", "evacuation")
    assert right.correct and "the UN was waiting for Moscow’s response (s8)" in right.feedback


def test_spotting_follows_the_data(data_copy) -> None:
    from .conftest import edit

    edit(data_copy / "positions.csv", ",s16,paraphrase,\"Paraphrased, with the cue “insists” (s16).\"",
         ",s16,narration only,\"Paraphrased, with the cue “insists” (s16).\"")
    spot = load_exercises(annotation=load_annotation(data_copy))["spot-issues"]
    assert spot.matches("narration-only") == ["war"]
    edit(data_copy / "positions.csv", ",s13,narration only,", ",s13,paraphrase,")
    edit(data_copy / "positions.csv", "p12,ukraine,bucha,Russian forces committed the killings in Bucha.,s12,paraphrase",
         "p12,ukraine,bucha,Russian forces committed the killings in Bucha.,s12,narration only")
    edit(data_copy / "positions.csv", ",s16,narration only,", ",s16,paraphrase,")
    spot = load_exercises(annotation=load_annotation(data_copy))["spot-issues"]
    assert spot.matches("narration-only") == ["bucha"] and spot.reference_answers()["narration-only"] == "bucha"
