"""Makefile projects (`[build] make`, weeks 3-4): what a content author declares and what a
candidate reads in the trace.

The candidate's Makefile runs in the sandbox and each rule is checked on its own trace
line; every broken rule is `compile_error` with a line naming it. One grading per
submission (most stop at their first broken rule, so they are short); the `make -n` parser
and the loader are tested without Docker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import grader
from grader.contract import Limits
from grader.exercise import ExerciseError, load_exercise
from grader.make import compile_commands
from grader.runner import StageFailure, collect_files

from .conftest import write_submission

# -- a program project: ft_prog from main.c and util.c, with a given ft.h -----------
GIVEN_H = """\
#ifndef FT_H
# define FT_H
# define GIVEN "given\\n"

void	ft_put(const char *s);

#endif
"""
# the candidate's own ft.h: the given one must replace it
CANDIDATE_H = GIVEN_H.replace('"given\\n"', '"candidate\\n"')

MAIN_C = """\
#include "ft.h"

int	main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == 'n')
	{
		ft_put(argv[0]);
		ft_put("\\n");
	}
	else if (argc > 1 && argv[1][0] == 'g')
		ft_put(GIVEN);
	return (0);
}
"""

UTIL_C = """\
#include <unistd.h>
#include "ft.h"

void	ft_put(const char *s)
{
	int	n;

	n = 0;
	while (s[n])
		n++;
	write(1, s, n);
}
"""

# every compile command is silenced with `@`: only `make -n` shows them
MAKEFILE = """\
NAME = ft_prog
SRCS = main.c util.c
OBJS = $(SRCS:.c=.o)
CFLAGS = -Wall -Wextra -Werror

all: $(NAME)

$(NAME): $(OBJS)
\t@cc -o $(NAME) $(OBJS)

main.o: main.c ft.h
\t@cc $(CFLAGS) -c main.c -o main.o

util.o: util.c ft.h
\t@cc $(CFLAGS) -c util.c -o util.o

clean:
\trm -f $(OBJS)

fclean: clean
\trm -f $(NAME)

re: fclean all

.PHONY: all clean fclean re
"""

PROGRAM_TESTS = """\
[[tests]]
name = "layout"
after = "ls | LC_ALL=C sort"
stdout = "Makefile\\nft.h\\nft_prog\\nmain.c\\nmain.o\\nutil.c\\nutil.o\\n"

[[tests]]
name = "argv0"
args = ["name"]
stdout = "./ft_prog\\n"

[[tests]]
name = "argv0 in a workdir"
args = ["name"]
workdir = "tests/fx"
stdout = "./ft_prog\\n"

[[tests]]
name = "given header"
args = ["given"]
stdout = "given\\n"
"""

OK_RULES = [
    "$> make -n: every compilation uses -Wall -Wextra -Werror ... OK",
    "$> make builds ft_prog ... OK",
    "$> make again: nothing rebuilt ... OK",
    "$> make clean ... OK",
    "$> make fclean ... OK",
    "$> make re ... OK",
]


def make_exercise(
    root: Path,
    *,
    make: str = "ft_prog",
    tests: str = PROGRAM_TESTS,
    allowed=("write",),
    sources=("*.c", "*.h"),
    given: dict[str, str] | None = None,
    harness: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
    build: str = "",
) -> Path:
    """A Makefile-project exercise folder: files = ["Makefile"], `given` under tests/given."""
    root.mkdir(parents=True, exist_ok=True)
    given = {"ft.h": GIVEN_H} if given is None else given
    files = {
        **{f"tests/given/{k}": v for k, v in given.items()},
        **(harness or {}),
        "tests/fx/data.txt": "x",
        **(extra or {}),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    lines = [
        'id = "test/make"',
        'files = ["Makefile"]',
        "sources = [" + ", ".join(f'"{s}"' for s in sources) + "]",
        "allowed_functions = [" + ", ".join(f'"{a}"' for a in allowed) + "]",
        "",
        "[build]",
        f'make = "{make}"',
    ]
    if given:
        lines.append('given = "tests/given"')
    if harness:
        lines.append("harness = [" + ", ".join(f'"{h}"' for h in harness) + "]")
    (root / "exercise.toml").write_text("\n".join(lines) + "\n" + build + "\n" + tests)
    return root


def program_submission(root: Path, makefile: str = MAKEFILE, **changed: str) -> Path:
    """The right project, with some files changed (`main_c=...`); a file and a folder the
    `sources` patterns must not take; the candidate's own ft.h."""
    files = {
        "Makefile": makefile,
        "main.c": changed.get("main_c", MAIN_C),
        "util.c": changed.get("util_c", UTIL_C),
        "ft.h": CANDIDATE_H,
        "notes.txt": "not a source\n",
    }
    sub = write_submission(root, files)
    (sub / "sub").mkdir()
    (sub / "sub" / "extra.c").write_text("int x;\n")
    (sub / "sub" / "extra.h").write_text("#error never turned in\n")
    return sub


def steps(trace: str) -> list[str]:
    return [ln for ln in trace.splitlines() if ln.startswith("$> ")]


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# -- the right program project ------------------------------------------------
@pytest.mark.docker
def test_right_program_project_passes_with_each_rule_on_its_line(tmp_path, docker):
    ex = make_exercise(tmp_path / "ex")
    v = grader.grade(ex, program_submission(tmp_path / "sub"))
    assert v.status == "ok" and v.passed, v.trace
    shown = steps(v.trace)
    # each rule on its own line, in the order of the subject, then the objects' symbols
    assert shown[1 : 1 + len(OK_RULES)] == OK_RULES, v.trace
    assert shown[0] == "$> turned-in files: Makefile, ft.h, main.c, util.c ... OK"
    assert shown[1 + len(OK_RULES)] == "$> allowed functions (write) ... OK"
    assert "a.out" not in v.trace and "cc -Wall -Wextra -Werror -c" not in v.trace
    # every test passing means: `ls` (an `after` command) saw exactly the root-level .c/.h
    # files the patterns take (no sub/, no notes.txt) and the Makefile's outputs; the
    # program ran as ./ft_prog, also from a workdir; the given ft.h replaced the candidate's
    assert {t.name: t.status for t in v.tests} == {
        "layout": "ok",
        "argv0": "ok",
        "argv0 in a workdir": "ok",
        "given header": "ok",
    }


# -- broken rules: compile_error with a line naming the rule --------------------
LINK_ONLY = """\
NAME = ft_prog
SRCS = main.c util.c

all: $(NAME)

$(NAME): $(SRCS) ft.h
\tcc -Wall -Wextra -Werror -o $(NAME) $(SRCS)

clean:
\trm -f *.o

fclean: clean
\trm -f $(NAME)

re: fclean all
"""

BROKEN = {
    # one of two compile commands lacks -Werror, printed by make
    "missing-werror": (
        edited(
            MAKEFILE,
            "\t@cc $(CFLAGS) -c util.c -o util.o",
            "\tcc -Wall -Wextra -c util.c -o util.o",
        ),
        0,
        "Makefile: compiles without -Werror: cc -Wall -Wextra -c util.c -o util.o",
    ),
    # the same, silenced with @: make -n shows it all the same
    "silenced-missing-flags": (
        edited(MAKEFILE, "\t@cc $(CFLAGS) -c util.c -o util.o", "\t@cc -Wall -c util.c"),
        0,
        "Makefile: compiles without -Wextra -Werror: cc -Wall -c util.c",
    ),
    "makefile-syntax": (
        MAKEFILE.replace("\t@cc -o $(NAME)", "    cc -o $(NAME)"),
        0,
        "Makefile: make -n failed",
    ),
    "relink": (
        edited(MAKEFILE, "$(NAME): $(OBJS)\n", "$(NAME): $(OBJS) FORCE\n") + "FORCE:\n",
        2,
        "Makefile: a second make relinks or rebuilds (ft_prog)",
    ),
    "clean-removes-target": (
        edited(MAKEFILE, "clean:\n\trm -f $(OBJS)", "clean:\n\trm -f $(OBJS) $(NAME)"),
        3,
        "Makefile: make clean must remove the object files and keep the target",
    ),
    "clean-keeps-objects": (
        edited(MAKEFILE, "clean:\n\trm -f $(OBJS)", "clean:\n\trm -f main.o"),
        3,
        "Makefile: make clean must remove the object files and keep the target",
    ),
    "fclean-keeps-target": (
        edited(MAKEFILE, "fclean: clean\n\trm -f $(NAME)", "fclean: clean\n\trm -f a.out"),
        4,
        "Makefile: make fclean must remove the target",
    ),
    "no-re": (
        edited(
            edited(MAKEFILE, "re: fclean all\n", ""), ".PHONY: all clean fclean re", ".PHONY: all"
        ),
        5,
        "Makefile: make re must build it again",
    ),
    "other-name": (
        edited(MAKEFILE, "NAME = ft_prog", "NAME = ft_prg"),
        1,
        "Makefile: make does not build ft_prog",
    ),
    "no-objects": (
        LINK_ONLY,
        6,
        "Makefile: no object file (.o) was built: compile each source with -c, then link them",
    ),
}


@pytest.mark.docker
@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_rule_is_a_compile_error_naming_it(tmp_path, docker, case):
    """The rules before the broken one pass; the broken one is KO on the same line it
    would have passed on, with a message saying what it did."""
    makefile, broken, message = BROKEN[case]
    ex = make_exercise(tmp_path / "ex")
    v = grader.grade(ex, program_submission(tmp_path / "sub", makefile))
    assert v.status == "compile_error" and not v.passed, v.trace
    assert v.tests == (), v.trace
    step = [*OK_RULES, "$> object files ... OK"][broken].removesuffix(" OK") + " KO"
    assert steps(v.trace)[1:] == [*OK_RULES[:broken], step], v.trace
    assert f"   {message}" in v.trace.splitlines(), v.trace
    if case == "makefile-syntax":
        assert any("missing separator" in ln for ln in v.trace.splitlines() if "   | " in ln)


@pytest.mark.docker
def test_make_failing_shows_its_error(tmp_path, docker):
    # an unused variable: -Werror (in the Makefile's flags) makes it an error
    broken = edited(UTIL_C, "\tint\tn;\n", "\tint\tn;\n\tint\tunused;\n")
    ex = make_exercise(tmp_path / "ex")
    v = grader.grade(ex, program_submission(tmp_path / "sub", util_c=broken))
    assert v.status == "compile_error", v.trace
    assert steps(v.trace)[1:] == [OK_RULES[0], "$> make builds ft_prog ... KO"], v.trace
    errors = [ln for ln in v.trace.splitlines() if ln.startswith("   | ")]
    assert any("util.c" in ln and "unused variable" in ln for ln in errors), v.trace
    assert "   Makefile: make failed" in v.trace.splitlines()


@pytest.mark.docker
def test_forbidden_function_in_objects_built_by_make(tmp_path, docker):
    uses_atoi = "#include <stdlib.h>\n" + edited(
        MAIN_C, "\t\tft_put(GIVEN);", "\t\treturn (atoi(argv[1]));"
    )
    ex = make_exercise(tmp_path / "ex")
    v = grader.grade(ex, program_submission(tmp_path / "sub", main_c=uses_atoi))
    assert v.status == "forbidden_function", v.trace
    assert steps(v.trace)[1:] == [*OK_RULES, "$> allowed functions (write) ... KO"], v.trace
    assert "   forbidden function(s) used: atoi" in v.trace.splitlines()
    assert v.tests == ()


# -- a library target, from a given tree, linked with the harness ---------------
LIB_GIVEN = {
    "includes/ft.h": "#ifndef FT_H\n# define FT_H\n\nint\tft_strlen(const char *s);\n"
    "void\tft_putstr(const char *s);\n\n#endif\n",
    "srcs/ft_strlen.c": '#include "ft.h"\n\nint\tft_strlen(const char *s)\n{\n\tint\ti;\n\n'
    "\ti = 0;\n\twhile (s[i])\n\t\ti++;\n\treturn (i);\n}\n",
}
PUTSTR_C = (
    '#include <unistd.h>\n#include "ft.h"\n\nvoid\tft_putstr(const char *s)\n{\n'
    "\twrite(1, s, ft_strlen(s));\n}\n"
)
LIB_MAKEFILE = """\
NAME = libft.a
OBJS = srcs/ft_strlen.o ft_putstr.o

all: $(NAME)

$(NAME): $(OBJS)
\tar rcs $(NAME) $(OBJS)

%.o: %.c includes/ft.h
\tcc -Wall -Wextra -Werror -Iincludes -c $< -o $@

clean:
\trm -f $(OBJS)

fclean: clean
\trm -f $(NAME)

re: fclean all

.PHONY: all clean fclean re
"""
LIB_HARNESS = {
    "tests/main.c": '#include <stdio.h>\n#include "ft.h"\n\nint\tmain(void)\n{\n'
    '\tft_putstr("hello ");\n\tprintf("%d\\n", ft_strlen("hello"));\n\treturn (0);\n}\n'
}
LIB_TESTS = """\
[[tests]]
name = "strlen and putstr"
stdout = "hello 5\\nft_putstr.o\\nft_strlen.o\\n"
after = "ar t libft.a | LC_ALL=C sort"
"""


def lib_exercise(root: Path) -> Path:
    return make_exercise(
        root,
        make="libft.a",
        tests=LIB_TESTS,
        sources=("*.c",),
        given=LIB_GIVEN,
        harness=LIB_HARNESS,
        build='cflags = ["-Wall", "-Wextra", "-Werror", "-Iincludes"]\n',
    )


@pytest.mark.docker
@pytest.mark.parametrize("forbidden", [False, True], ids=["right", "puts"])
def test_library_target_links_with_the_harness(tmp_path, docker, forbidden):
    source = (
        PUTSTR_C.replace("\twrite(1, s, ft_strlen(s));", "\tputs(s);") if forbidden else PUTSTR_C
    )
    if forbidden:
        source = "#include <stdio.h>\n" + source
    sub = write_submission(tmp_path / "sub", {"Makefile": LIB_MAKEFILE, "ft_putstr.c": source})
    v = grader.grade(lib_exercise(tmp_path / "ex"), sub)
    rules = [r.replace("ft_prog", "libft.a") for r in OK_RULES]
    shown = steps(v.trace)
    assert shown[1 : 1 + len(rules)] == rules, v.trace
    if forbidden:
        # the library itself is checked: its objects call puts
        assert v.status == "forbidden_function", v.trace
        assert shown[1 + len(rules) :] == ["$> allowed functions (write) ... KO"]
        assert "   forbidden function(s) used: puts" in v.trace.splitlines()
        return
    assert v.status == "ok", v.trace
    # the harness's printf is not the candidate's: only the library is checked
    assert shown[1 + len(rules) :] == [
        "$> allowed functions (write) ... OK",
        "$> tests linked with libft.a ... OK",
        '$> test 1/1 "strlen and putstr" ... OK',
    ], v.trace


# -- turned-in files: `sources` patterns (no Docker) ----------------------------
def test_sources_take_root_level_matches_only(tmp_path):
    ex = load_exercise(make_exercise(tmp_path / "ex"))
    sub = program_submission(tmp_path / "sub")
    (sub / "main.C").write_text("upper case: no match\n")
    files = collect_files(ex, str(sub), Limits())
    assert sorted(files) == ["Makefile", "ft.h", "main.c", "util.c"]
    assert files["ft.h"] == CANDIDATE_H.encode()  # taken; the given one replaces it in /work


def test_sources_without_a_match_take_nothing(tmp_path):
    ex = load_exercise(make_exercise(tmp_path / "ex", sources=("*.s",)))
    files = collect_files(ex, str(program_submission(tmp_path / "sub")), Limits())
    assert sorted(files) == ["Makefile"]


def test_symlinked_source_is_rejected(tmp_path):
    ex = make_exercise(tmp_path / "ex")
    sub = program_submission(tmp_path / "sub")
    (tmp_path / "elsewhere.c").write_text("int y;\n")
    (sub / "other.c").symlink_to(tmp_path / "elsewhere.c")
    v = grader.grade(ex, sub)  # refused before any sandbox starts
    assert v.status == "rejected", v.trace
    assert "   other.c: is a symbolic link; turn in a regular file" in v.trace.splitlines()
    assert "$> turned-in files: Makefile ... KO" in v.trace.splitlines()


def test_too_many_sources_are_rejected(tmp_path):
    ex = make_exercise(tmp_path / "ex")
    sub = program_submission(tmp_path / "sub")
    for i in range(Limits().max_files):
        (sub / f"f{i:02}.c").write_text("int x;\n")
    v = grader.grade(ex, sub)
    assert v.status == "rejected", v.trace
    assert f"   too many files turned in (at most {Limits().max_files})" in v.trace.splitlines()
    # exactly max_files files (Makefile + 31 sources) are accepted
    ex2 = load_exercise(make_exercise(tmp_path / "ex2", sources=("f*.c",)))
    (sub / f"f{Limits().max_files - 1:02}.c").unlink()
    assert len(collect_files(ex2, str(sub), Limits())) == Limits().max_files
    (sub / "f99.c").write_text("int x;\n")
    with pytest.raises(StageFailure, match="too many files"):
        collect_files(ex2, str(sub), Limits())


# -- make -n parsing (no Docker) ------------------------------------------------
@pytest.mark.parametrize(
    "dry_run,expected",
    [
        (
            "cc -Wall -Wextra -Werror -c main.c -o main.o\ncc -o ft_prog main.o util.o\n",
            [["cc", "-Wall", "-Wextra", "-Werror", "-c", "main.c", "-o", "main.o"]],
        ),
        (
            "cc -Wall -c a.c && cc -Wall -Wextra -Werror -c b.c && cc -o p a.o b.o\n",
            [["cc", "-Wall", "-c", "a.c"], ["cc", "-Wall", "-Wextra", "-Werror", "-c", "b.c"]],
        ),
        (
            "gcc -Wall -c a.c; clang -Wextra -c b.c ; /usr/bin/cc -c c.c\n",
            [
                ["gcc", "-Wall", "-c", "a.c"],
                ["clang", "-Wextra", "-c", "b.c"],
                ["/usr/bin/cc", "-c", "c.c"],
            ],
        ),
        # separators without spaces still end a command
        (
            "cc -Wall -Wextra -Werror -c a.c;cc -c b.c&&cc -c c.c\n",
            [
                ["cc", "-Wall", "-Wextra", "-Werror", "-c", "a.c"],
                ["cc", "-c", "b.c"],
                ["cc", "-c", "c.c"],
            ],
        ),
        # compiling and linking in one command (a .c argument, no -c)
        ("cc -Wall -o prog main.c util.c\n", [["cc", "-Wall", "-o", "prog", "main.c", "util.c"]]),
        # a command continued over lines with a backslash is one command
        (
            "cc -Wall -Wextra \\\n-Werror -c a.c -o a.o\n",
            [["cc", "-Wall", "-Wextra", "-Werror", "-c", "a.c", "-o", "a.o"]],
        ),
        ('cc -c "my file.c"\n', [["cc", "-c", "my file.c"]]),
        # link-only, archive, echo, rm and make's own lines are not compilations
        (
            "cc -o ft_prog main.o util.o\ngcc -o x a.o -lm\nar rcs libft.a a.o\n"
            "echo cc -c a.c\nrm -f a.o\nmake[1]: Entering directory '/work/libft'\n"
            "ranlib libft.a\n",
            [],
        ),
        ("", []),
    ],
    ids=[
        "lines",
        "and-chained",
        "semicolon-chained-compilers",
        "no-spaces",
        "one-command",
        "continued",
        "quoted",
        "link-only",
        "empty",
    ],
)
def test_compile_commands(dry_run, expected):
    assert compile_commands(dry_run) == expected


# -- loader errors (no Docker) --------------------------------------------------
def test_loader_reads_make_fields(tmp_path):
    ex = load_exercise(make_exercise(tmp_path / "ex", build='make_rules = ["all", "re"]\n'))
    assert ex.make == "ft_prog" and ex.sources == ("*.c", "*.h")
    assert ex.make_rules == ("all", "re") and ex.given == "tests/given"
    default = load_exercise(make_exercise(tmp_path / "ex2"))
    assert default.make_rules == ("all", "clean", "fclean", "re")


def _replace_toml(ex: Path, old: str, new: str) -> None:
    toml = (ex / "exercise.toml").read_text()
    assert old in toml, old
    (ex / "exercise.toml").write_text(toml.replace(old, new, 1))


@pytest.mark.parametrize(
    "old,new,field",
    [
        ('sources = ["*.c", "*.h"]', 'sources = ["src/*.c"]', "sources must list"),
        ('sources = ["*.c", "*.h"]', 'sources = ["../*.c"]', "sources must list"),
        ('sources = ["*.c", "*.h"]', 'sources = [""]', "sources must list"),
        ('sources = ["*.c", "*.h"]', 'sources = "*.c"', "sources must list"),
        ('sources = ["*.c", "*.h"]', "sources = [1]", "sources must list"),
        ('make = "ft_prog"', 'make = "bin/ft_prog"', "build.make must name"),
        ('make = "ft_prog"', "make = 1", "build.make must name"),
        ('id = "test/make"', 'id = "test/make"\nlanguage = "shell"', "build.make must name"),
        ("[build]", '[build]\nmake_rules = ["all", "install"]', "build.make_rules"),
        ("[build]", '[build]\nmake_rules = "all"', "build.make_rules"),
        ('given = "tests/given"', 'given = "../outside"', "build.given"),
        ('given = "tests/given"', 'given = "/tmp"', "build.given"),
        ('given = "tests/given"', 'given = "tests/nope"', "build.given"),
        ('given = "tests/given"', 'given = "tests/fx/data.txt"', "build.given"),
    ],
)
def test_loader_refuses_bad_make_fields(tmp_path, old, new, field):
    ex = make_exercise(tmp_path / "ex")
    _replace_toml(ex, old, new)
    with pytest.raises(ExerciseError) as err:
        load_exercise(ex)
    assert field in str(err.value) and str(ex.resolve()) in str(err.value)


def test_loader_refuses_given_symlinked_outside(tmp_path):
    ex = make_exercise(tmp_path / "ex")
    (tmp_path / "elsewhere").mkdir()
    (ex / "tests" / "out").symlink_to(tmp_path / "elsewhere")
    _replace_toml(ex, 'given = "tests/given"', 'given = "tests/out"')
    with pytest.raises(ExerciseError, match=r"build\.given.*leaves the exercise folder"):
        load_exercise(ex)
    # a symlink inside the given tree is refused too (the tree is copied as is)
    ex2 = make_exercise(tmp_path / "ex2")
    (ex2 / "tests" / "given" / "link.h").symlink_to("ft.h")
    with pytest.raises(
        ExerciseError, match=r"build\.given.*'tests/given/link\.h' is not a regular"
    ):
        load_exercise(ex2)


def test_loader_allows_make_without_c_files_listed(tmp_path):
    # a Makefile project turns in only its Makefile (+ sources patterns)
    ex = make_exercise(tmp_path / "ex", sources=())
    assert load_exercise(ex).files == ("Makefile",)
