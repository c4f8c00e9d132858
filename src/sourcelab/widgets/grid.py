"""An exercise answered in a grid (lesson 3's matrix of positions): issues down the side, parties across the
top, and in each cell a menu per answer (stance, sentence, form). Each cell shows one word per answer; the
full feedback of the cell last answered, or whose Explain button was pressed, shows under the grid."""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..exercises import Exercise, ItemResult
from ..exercises.grid import GridPart
from ..render import (answer_label, grid_detail_html, grid_heading_html, grid_marks_html, grid_part_html,
                      grid_row_html, notice_html)
from .exercise_view import FIT, ExerciseView
from .looks import make

NO_CHOICE = ""  # the value of "— choose —": with None, ipywidgets shows a blank menu after Try again
PROMPT = "Choose an answer in any cell, or press its Explain button: the feedback for that cell shows here."


class GridView(ExerciseView):
    def __init__(self, exercise: Exercise) -> None:
        self.grid = exercise.grid()
        self.choosers: dict[str, widgets.Dropdown] = {}
        self.marks: dict[tuple[int, int], widgets.HTML] = {}
        self.cell_of: dict[str, tuple[int, int]] = {}  # item -> (row, column)
        self.shown: tuple[int, int] | None = None  # the cell whose feedback is under the grid
        self.detail = make(widgets.VBox, [make(widgets.HTML, notice_html(PROMPT))], classes=("sl-grid-feedback",))
        super().__init__(exercise)
        self._refresh_all()

    def build_body(self) -> list[widgets.Widget]:
        columns = len(self.grid.columns)
        children: list[widgets.Widget] = [make(widgets.HTML, grid_heading_html(self.grid.corner)),
                                          *(make(widgets.HTML, grid_heading_html(c)) for c in self.grid.columns)]
        for r, row in enumerate(self.grid.rows):
            children.append(make(widgets.HTML, grid_row_html(row)))
            for c, cell in enumerate(row.cells):
                children.append(self._cell(r, c, cell) if cell else make(widgets.HTML))
        grid = make(widgets.GridBox, children, classes=("sl-grid",), layout={
            "grid_template_columns": f"minmax(14em, 1.4fr) repeat({columns}, minmax(12em, 1fr))",
            "grid_gap": "0.4em 0.9em", "overflow": "auto", "width": "100%"})
        return [grid, self.detail]

    def _cell(self, r: int, c: int, cell: tuple[GridPart, ...]) -> widgets.Widget:
        column, heading = self.grid.columns[c], self.grid.rows[r].heading
        controls: list[widgets.Widget] = []
        for part in cell:
            item = self.exercise.item(part.item)
            chooser = make(widgets.Dropdown, options=[("— choose —", NO_CHOICE), *zip(part.shown, item.options)],
                           value=NO_CHOICE, description=answer_label(f"{column}, on the question {heading}", part.label),
                           description_allow_html=True, tooltip=f"{column}, on the question {heading} {part.label}",
                           style={"description_width": "5.6em"}, layout={"width": "100%"},
                           classes=(f"sl-choice-{item.id}",))
            chooser.observe(lambda change, item_id=item.id: self.answer(item_id, change["new"] or None), names="value")
            self.choosers[item.id] = chooser
            self.cell_of[item.id] = (r, c)
            controls.append(chooser)
        self.marks[(r, c)] = make(widgets.HTML)
        explain = make(widgets.Button, description="Explain", icon="info-circle", layout={**FIT, "align_self": "flex-start"},
                       tooltip=f"Show the feedback for {column} on this question under the grid",
                       classes=(f"sl-explain-{r}-{c}",))
        explain.on_click(lambda _b, cell=(r, c): self.explain(cell))
        return make(widgets.VBox, [*controls, self.marks[(r, c)], explain], classes=("sl-grid-cell",))

    def _parts(self, cell: tuple[int, int]) -> tuple[GridPart, ...]:
        r, c = cell
        return self.grid.rows[r].cells[c]

    def explain(self, cell: tuple[int, int]) -> None:
        """Show one cell's feedback under the grid: a heading, then each answer's label and feedback."""
        self.shown = cell
        r, c = cell
        children: list[widgets.Widget] = [make(widgets.HTML, grid_detail_html(self.grid.columns[c],
                                                                              self.grid.rows[r].heading))]
        for part in self._parts(cell):
            children += [make(widgets.HTML, grid_part_html(part.label)), self.feedback[part.item]]
        self.detail.children = children

    def _state(self, item_id: str) -> str:
        if self.assessment or not self.exercise.graded:
            return "recorded" if item_id in self.answers else ""
        result = self.results.get(item_id)
        if result is None:
            return ""
        return "right" if result.correct else ("partial" if result.score > 0 else "wrong")

    def _refresh(self, cell: tuple[int, int]) -> None:
        self.marks[cell].value = grid_marks_html([(p.label, self._state(p.item)) for p in self._parts(cell)])

    def _refresh_all(self) -> None:
        for cell in self.marks:
            self._refresh(cell)

    def _notify(self, item_id: str | None, value: Any = None, result: ItemResult | None = None) -> None:
        if item_id is None:  # try again, show answers: every cell may have changed
            self._refresh_all()
        elif item_id in self.cell_of:
            self._refresh(self.cell_of[item_id])
            if value is not None:
                self.explain(self.cell_of[item_id])
        super()._notify(item_id, value, result)

    def clear_item(self, item_id: str) -> None:
        self.choose(item_id, None)  # "— choose —"; the observer records the cleared answer

    def choose(self, item_id: str, value: str | None) -> None:
        """Answer from code exactly as a choice in the menu would (solution notebooks, tests); None clears."""
        self.choosers[item_id].value = NO_CHOICE if value is None else value

    def set_answer(self, item_id: str, value: str) -> None:
        self.choose(item_id, self.exercise.check_choice(self.exercise.item(item_id), value))
