"""The norm rules the grader adds to norminette: include guards on turned-in headers, and the
rules an exercise may waive (`norm_ignore`) when its subject requires what the norm forbids."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.exercise import ExerciseError, load_exercise
from grader.norm import check_norm, header_guard_errors

HEADER = b"/* the 42 header would be here */\n"
GUARDED = HEADER + b"#ifndef FT_H\n# define FT_H\n\nvoid\tft_putchar(char c);\n\n#endif\n"


def test_a_guarded_header_passes_and_an_unguarded_one_names_the_expected_macro():
    assert header_guard_errors({"ft.h": GUARDED}) == []
    (error,) = header_guard_errors({"ft.h": HEADER + b"void\tft_putchar(char c);\n"})
    assert error.startswith("ft.h: HEADER_PROTECTION") and "#ifndef FT_H" in error


@pytest.mark.parametrize(
    "text",
    [
        b"#ifndef FT_WRONG_H\n# define FT_WRONG_H\n#endif\n",  # another macro name
        b"#ifndef FT_H\n# define FT_H\n#endif\nint\tg_x;\n",  # code after the guard
        b"int\tg_x;\n#ifndef FT_H\n# define FT_H\n#endif\n",  # code before the guard
        b"#ifndef FT_H\n#endif\n",  # no define
    ],
)
def test_half_guards_are_refused(text):
    assert header_guard_errors({"ft.h": text})


def test_comments_around_the_guard_are_fine_and_c_files_are_not_concerned():
    text = b"/* a\n * b */\n#ifndef FT_POINT_H\n# define FT_POINT_H\n#endif // end\n"
    assert header_guard_errors({"ft_point.h": text, "main.c": b"int main(void){}"}) == []


def test_check_norm_reports_the_guard_and_waives_only_the_named_rules():
    macro = GUARDED.replace(b"void\tft_putchar(char c);", b"# define ABS(v) ((v) < 0 ? -(v) : (v))")
    strict = check_norm({"ft.h": macro})
    assert not strict.passed
    assert any("MACRO_FUNC_FORBIDDEN" in e for e in strict.errors)
    waived = check_norm(
        {"ft.h": macro},
        ignore=("MACRO_FUNC_FORBIDDEN", "PREPROC_CONSTANT", "TERNARY_FBIDDEN", "INVALID_HEADER"),
    )
    assert waived.passed, waived.errors
    unguarded = macro.replace(b"#ifndef FT_H\n# define FT_H\n", b"").replace(b"#endif\n", b"")
    still = check_norm({"ft.h": unguarded}, ignore=("MACRO_FUNC_FORBIDDEN",))
    assert not still.passed and any("HEADER_PROTECTION" in e for e in still.errors)


def test_norm_ignore_must_name_norminette_rules(tmp_path: Path):
    (tmp_path / "reference").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "main.c").write_text('#include "ft.h"\nint main(void){return 0;}\n')
    toml = (
        'id = "c08/ex00"\nfiles = ["ft.h"]\nnorm = true\nnorm_ignore = [NAMES]\n'
        '[build]\nharness = ["tests/main.c"]\n[[tests]]\nname = "compiles"\n'
    )
    (tmp_path / "exercise.toml").write_text(toml.replace("NAMES", '"macro functions"'))
    with pytest.raises(ExerciseError, match="norm_ignore"):
        load_exercise(tmp_path)
    (tmp_path / "exercise.toml").write_text(toml.replace("NAMES", '"MACRO_FUNC_FORBIDDEN"'))
    assert load_exercise(tmp_path).norm_ignore == ("MACRO_FUNC_FORBIDDEN",)
