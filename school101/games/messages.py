"""Translated strings of the games' scripts, rendered into a data- attribute by the templates."""

from __future__ import annotations

from flask_babel import gettext as _

from school101.services.games.memory import COLOURS


def _colour_names() -> dict:
    names = {
        "red": _("red"),
        "blue": _("blue"),
        "green": _("green"),
        "yellow": _("yellow"),
        "purple": _("purple"),
        "orange": _("orange"),
        "teal": _("teal"),
        "pink": _("pink"),
        "brown": _("brown"),
        "grey": _("grey"),
        "navy": _("navy"),
        "lime": _("lime"),
        "maroon": _("maroon"),
        "olive": _("olive"),
        "cyan": _("cyan"),
        "gold": _("gold"),
    }
    return {c: names[c] for c in COLOURS}


def _common() -> dict:
    return {
        "loading": _("Loading the game…"),
        "network": _("The server could not be reached. Check your connection and try again."),
        "reload": _("Reload the game"),
        "level": _("Level %(n)s of %(total)s"),
        "finished": _("The game is over. Levels solved: %(n)s."),
        "back": _("Back to the games"),
        "time": _("Time on this level: %(s)s s"),
        "error": _("Error: %(message)s"),
    }


def js_messages(game: str) -> dict:
    """Every string the script of `game` may show, in the page's language."""
    messages = _common()
    if game == "memory":
        messages.update(
            {
                "show": _("Show the sequence"),
                "watch": _("Watch the sequence: %(n)s cells."),
                "your_turn": _("Your turn: press the %(n)s cells in the same order."),
                "progress": _("%(k)s of %(n)s"),
                "cell": _("Cell %(n)s: row %(row)s, column %(col)s, %(colour)s"),
                "lit": _("Lit: row %(row)s, column %(col)s, %(colour)s"),
                "correct": _("Correct! Level %(n)s solved."),
                "next_soon": _("Next level in a moment…"),
                "wrong": _("That was not the sequence. The game is over."),
                "start_over": _("Start my answer over"),
                "sending": _("Checking your answer…"),
                "resume": _("Continue the sequence"),
                "resumed": _(
                    "The cells shown before the page was reloaded are not shown again: "
                    "answer with the whole sequence."
                ),
                "colours": _colour_names(),
            }
        )
    else:
        messages.update(
            {
                "ops": {
                    "forward": _("Forward"),
                    "left": _("Turn left"),
                    "right": _("Turn right"),
                    "light": _("Light"),
                    "f1": _("Call F1"),
                    "f2": _("Call F2"),
                },
                "procs": {
                    "main": _("Main program"),
                    "f1": _("Function F1"),
                    "f2": _("Function F2"),
                },
                "dirs": [_("north"), _("east"), _("south"), _("west")],
                "slot_remove": _("%(op)s, instruction %(k)s of %(proc)s: press to remove"),
                "slot_empty": _("empty slot"),
                "full": _("No free slot left in %(proc)s."),
                "added": _("%(op)s added to %(proc)s (%(k)s of %(max)s)."),
                "removed": _("%(op)s removed from %(proc)s."),
                "editing": _("Now editing: %(proc)s."),
                "cleared": _("The program is cleared."),
                "robot": _("Robot at row %(row)s, column %(col)s, facing %(dir)s."),
                "summary": _(
                    "Grid of %(rows)s rows and %(cols)s columns. %(n)s cells to light: %(cells)s."
                ),
                "cell_wall": _("wall"),
                "cell_floor": _("floor"),
                "cell_target": _("target"),
                "cell_lit": _("lit target"),
                "cell_robot": _("robot facing %(dir)s"),
                "cell_label": _("Row %(row)s, column %(col)s: %(what)s"),
                "running": _("Running your program…"),
                "solved": _("Level solved with %(n)s instructions!"),
                "ended": _("The program ended but %(n)s cells are still dark."),
                "step_limit": _(
                    "The robot ran for too long: step limit reached (a loop that never ends?)."
                ),
                "depth_limit": _("Too many nested calls: the robot gave up."),
                "tries": _("Tries on this level: %(n)s"),
                "skip_confirm": _("Skip this level? It will count as not solved."),
                "skipped": _("Level skipped."),
                "next": _("Next level"),
                "empty_main": _("The main program is empty: add instructions first."),
            }
        )
    return messages
