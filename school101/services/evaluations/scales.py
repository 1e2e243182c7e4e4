"""Correction scales: the shipped `exercises/<day>/scale.toml`, staff edits, and marks.

A scale has an intro, sections (title, guidance for the evaluator, questions) and questions
that are yes/no (full points for yes) or ratings from 0 to 5. Flags are the same for every
scale (`FLAGS`); some set the mark to 0, some send the evaluation to staff.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import CorrectionScale
from school101.models._base import utcnow

#: flag id -> (label, sets the mark to 0, goes to staff)
FLAGS = {
    "ok": (_l("Ok"), False, False),
    "outstanding": (_l("Outstanding project"), False, False),
    "empty_work": (_l("Empty work"), True, False),
    "incomplete_work": (_l("Incomplete work"), False, False),
    "norm_error": (_l("Norm error"), False, False),
    "cheat": (_l("Cheat"), True, True),
    "crash": (_l("Crash"), True, False),
    "forbidden_function": (_l("Forbidden function"), True, False),
    "cannot_support": (_l("Can't support / explain code"), True, True),
}
QUESTION_KINDS = ("yesno", "rating")
RATING_MAX = 5
_QUESTION_ID = re.compile(r"^[a-z0-9-]{1,40}$")
MAX_SECTIONS, MAX_QUESTIONS, MAX_TEXT = 40, 200, 4000


def _bilingual(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and all(isinstance(value.get(k), str) and value[k].strip() for k in ("fr", "en"))
        and all(len(value[k]) <= MAX_TEXT for k in ("fr", "en"))
    )


def validate(scale: Any) -> dict[str, str]:
    """{field: message} for a scale that does not follow the format ({} when it does)."""
    if not isinstance(scale, dict):
        return {"scale": _l("A scale is an object with an intro and sections.")}
    errors: dict[str, str] = {}
    if not _bilingual(scale.get("intro")):
        errors["intro"] = _l("The introduction needs a French and an English text.")
    sections = scale.get("sections")
    if not isinstance(sections, list) or not 0 < len(sections) <= MAX_SECTIONS:
        errors["sections"] = _l("A scale has between 1 and %(n)s sections.", n=MAX_SECTIONS)
        return errors
    seen: set[str] = set()
    count = 0
    for i, section in enumerate(sections):
        where = f"sections.{i}"
        if not isinstance(section, dict):
            errors[where] = _l("Each section is an object.")
            continue
        for key in ("title", "guidance"):
            if not _bilingual(section.get(key)):
                errors[f"{where}.{key}"] = _l("A French and an English text are needed.")
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            errors[f"{where}.questions"] = _l("Each section asks at least one question.")
            continue
        for j, q in enumerate(questions):
            qwhere = f"{where}.questions.{j}"
            count += 1
            if not isinstance(q, dict):
                errors[qwhere] = _l("Each question is an object.")
                continue
            qid = q.get("id")
            if not isinstance(qid, str) or not _QUESTION_ID.match(qid) or qid in seen:
                errors[f"{qwhere}.id"] = _l("Each question needs its own id (a-z, 0-9, -).")
            else:
                seen.add(qid)
            if q.get("kind") not in QUESTION_KINDS:
                errors[f"{qwhere}.kind"] = _l("A question is yes/no or a rating from 0 to 5.")
            points = q.get("points")
            if isinstance(points, bool) or not isinstance(points, int) or not 0 < points <= 100:
                errors[f"{qwhere}.points"] = _l("Points are a whole number from 1 to 100.")
            if not _bilingual(q.get("text")):
                errors[f"{qwhere}.text"] = _l("A French and an English text are needed.")
    if count > MAX_QUESTIONS:
        errors["sections"] = _l("A scale asks at most %(n)s questions.", n=MAX_QUESTIONS)
    return errors


def shipped_scale(day_id: str) -> dict | None:
    """The scale.toml shipped with a day, project, rush or pool (None when it has none)."""
    if not re.match(r"^[a-z0-9_]{1,40}$", day_id or ""):
        return None
    path = os.path.join(current_app.config["EXERCISES_DIR"], day_id, "scale.toml")
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def scale_for(day_id: str) -> dict:
    """The scale in force for a day: staff's edit, else the shipped one; NotFound if none."""
    row = db.session.scalars(db.select(CorrectionScale).filter_by(day_id=day_id)).first()
    if row is not None:
        return json.loads(row.content)
    shipped = shipped_scale(day_id)
    if shipped is None:
        raise NotFound(_l("This day has no correction scale."))
    return shipped


def save_scale(day_id: str, scale: Any, *, actor) -> CorrectionScale:
    """Staff edit of a day's scale (validated, audited). The caller commits."""
    from school101.core.permissions import ensure_staff

    ensure_staff(actor)
    if (
        shipped_scale(day_id) is None
        and not db.session.scalars(db.select(CorrectionScale).filter_by(day_id=day_id)).first()
    ):
        raise NotFound(_l("This day has no correction scale."))
    errors = validate(scale)
    if errors:
        raise ValidationFailed(_l("The scale is not valid."), fields=errors)
    row = db.session.scalars(db.select(CorrectionScale).filter_by(day_id=day_id)).first()
    before = row.content if row else None
    if row is None:
        row = CorrectionScale(day_id=day_id)
        db.session.add(row)
    row.content = json.dumps(scale, ensure_ascii=False, sort_keys=True)
    row.updated_at, row.updated_by_id = utcnow(), actor.id
    db.session.flush()
    audit.record(
        "scale.saved",
        actor=actor,
        target=row,
        before={"content": before} if before else None,
        after={"day_id": day_id},
    )
    return row


def questions(scale: dict) -> list[dict]:
    """Every question of a scale, in order."""
    return [q for section in scale.get("sections", []) for q in section.get("questions", [])]


def mark(scale: dict, answers: dict[str, int], flags: list[str]) -> int:
    """The mark (0-100, +25 for an outstanding project) of answers under a scale.

    A yes/no answer is 1 (yes) or 0; a rating 0-5. A flag that zeroes the mark wins.
    """
    if any(FLAGS[f][1] for f in flags):
        return 0
    total = earned = 0
    for q in questions(scale):
        value = answers.get(q["id"], 0)
        top = 1 if q["kind"] == "yesno" else RATING_MAX
        total += q["points"]
        earned += q["points"] * value / top
    base = round(100 * earned / total) if total else 0
    return min(125, base + (25 if "outstanding" in flags and base == 100 else 0))


def check_answers(scale: dict, answers: Any, flags: Any) -> dict[str, str]:
    """{field: message} for answers or flags that do not fit the scale."""
    errors: dict[str, str] = {}
    if not isinstance(answers, dict):
        return {"answers": _l("Answer every question of the scale.")}
    for q in questions(scale):
        value = answers.get(q["id"])
        top = 1 if q["kind"] == "yesno" else RATING_MAX
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            errors[f"answers.{q['id']}"] = (
                _l("Answer yes or no.") if top == 1 else _l("Give a rating from 0 to 5.")
            )
    unknown = set(answers) - {q["id"] for q in questions(scale)}
    if unknown:
        errors["answers"] = _l("Some answers are not questions of this scale.")
    if not isinstance(flags, list) or not all(isinstance(f, str) and f in FLAGS for f in flags):
        errors["flags"] = _l("Choose flags among those of the scale.")
    elif len(set(flags)) != len(flags):
        errors["flags"] = _l("Each flag once.")
    return errors


#: the longest scale text accepted from the staff edit form
TOML_MAX = 100_000
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TOML_ESCAPE = re.compile(r'[\\"\x00-\x09\x0b-\x1f\x7f]')
_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t"}


def is_edited(day_id: str) -> bool:
    """True when staff replaced the shipped scale of `day_id`."""
    found = db.session.scalars(db.select(CorrectionScale.id).filter_by(day_id=day_id)).first()
    return found is not None


def parse_toml(text: str) -> dict:
    """A scale written as TOML (the scale.toml format); ValidationFailed naming the line of a
    syntax error. The scale itself is checked by `validate` (in `save_scale`)."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationFailed(_l("Write the scale."), fields={"scale": _l("Write the scale.")})
    if len(text) > TOML_MAX:
        message = _l("The scale is at most %(n)s characters long.", n=TOML_MAX)
        raise ValidationFailed(message, fields={"scale": message})
    try:
        return tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        detail = _TOML_LINE.sub("", str(exc)).strip()
        if found:
            message = _l(
                "TOML syntax error at line %(line)s: %(detail)s.",
                line=int(found.group(1)),
                detail=detail,
            )
        else:
            message = _l("TOML syntax error: %(detail)s.", detail=detail)
        raise ValidationFailed(message, fields={"scale": message}) from None


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str) and "\n" in value:
        # a multi-line basic string (the newline right after the opening quotes is dropped)
        body = _TOML_ESCAPE.sub(lambda m: _TOML_ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), value)
        return '"""\n' + body + '"""'
    if isinstance(value, str):
        # a JSON string is a valid TOML basic string (same escapes), on one line
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(table: dict, path: list[str], out: list[str]) -> None:
    plain = {k: v for k, v in table.items() if not _is_table_list(v)}
    for key, value in plain.items():
        out.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if _is_table_list(value):
            name = ".".join(_toml_key(k) for k in [*path, key])
            for item in value:
                out.extend(["", f"[[{name}]]"])
                _toml_table(item, [*path, key], out)


def to_toml(scale: dict) -> str:
    """A scale written as TOML that `parse_toml` reads back to the same structure."""
    out: list[str] = []
    top = {k: v for k, v in scale.items() if not isinstance(v, dict) and not _is_table_list(v)}
    for key, value in top.items():
        out.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in scale.items():
        if isinstance(value, dict):
            out.extend(["", f"[{_toml_key(key)}]"])
            out.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
    for key, value in scale.items():
        if _is_table_list(value):
            _toml_table({key: value}, [], out)
    return "\n".join(out).strip() + "\n"


def scale_text(day_id: str) -> str:
    """The scale in force as TOML for the edit form: the shipped file itself (comments kept)
    while staff have not edited it, else the edit written as TOML; NotFound if none."""
    if not is_edited(day_id):
        path = os.path.join(current_app.config["EXERCISES_DIR"], day_id, "scale.toml")
        if shipped_scale(day_id) is not None:
            with open(path, encoding="utf-8") as fh:
                return fh.read()
    return to_toml(scale_for(day_id))


def reset_scale(day_id: str, actor) -> None:
    """Drop staff's edit of a day's scale: the shipped scale.toml is in force again
    (audited "scale.reset"). The caller commits."""
    from school101.core.permissions import ensure_staff

    ensure_staff(actor)
    row = db.session.scalars(db.select(CorrectionScale).filter_by(day_id=day_id)).first()
    if row is None:
        raise NotFound(_l("This scale has no staff edit: the shipped scale is in force."))
    if shipped_scale(day_id) is None:
        raise Conflict(_l("This day ships no scale: its edited scale cannot be dropped."))
    audit.record(
        "scale.reset",
        actor=actor,
        target=row,
        before={"content": row.content},
        after={"day_id": day_id},
    )
    db.session.delete(row)
    db.session.flush()
