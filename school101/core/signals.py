"""Signals between contexts that must not import each other (a lower context announces,
a higher one reacts in the same transaction). Receivers connect when their module is
imported; create_app imports them all (see school101/__init__.py)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: An application was decided "invited" with a piscine session named (sender: the application;
#: kwargs: piscine_id, actor). The piscine context creates the invitation and its e-mail.
application_invited_to_piscine = _signals.signal("application-invited-to-piscine")

#: A grading run reached its final state, graded or failed (sender: the GradingRun). Exams
#: re-evaluate the try the run belongs to.
grading_run_finished = _signals.signal("grading-run-finished")
