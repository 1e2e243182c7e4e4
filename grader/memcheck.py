"""The memory-checked build (`[build] sanitize = true`): AddressSanitizer flags, its run-time
options, and the one-line reasons read from its reports.

AddressSanitizer (gcc's libasan, in the image with gcc) was chosen over valgrind: it runs
the tests at about twice their normal cost instead of twenty times, and its LeakSanitizer
lists leaks at exit. It does not track uninitialised reads; `malloc_fill_byte` makes every
fresh block hold 0xbe bytes instead, so a result built on bytes never written prints
garbage (wrong output) or runs off its block (a reported overflow).
"""

from __future__ import annotations

import re

CFLAGS = ("-fsanitize=address", "-fno-omit-frame-pointer", "-g")

#: where the sanitizer writes its reports (the supervisor empties it before each run and
#: sends its files back); never the program's stderr, which a test may compare
REPORT_DIR = "/tmp/.memcheck"

ENV = {
    "ASAN_OPTIONS": ":".join(
        (
            f"log_path={REPORT_DIR}/report",
            "abort_on_error=1",  # a memory error kills the program (SIGABRT), whatever it does
            "detect_leaks=1",
            "exitcode=0",  # leaks alone keep the program's own exit status
            "malloc_fill_byte=190",  # 0xbe
            "max_malloc_fill_size=1048576",
            "quarantine_size_mb=16",  # freed blocks kept to catch use after free: fits 128 MB
            "detect_stack_use_after_return=0",
            "allocator_may_return_null=1",  # a huge malloc returns NULL, as without the sanitizer
            "symbolize=1",
            "handle_segv=1",
            "print_summary=1",
            "color=never",
        )
    ),
    "LSAN_OPTIONS": "exitcode=0:report_objects=0",
}

#: symbols the sanitizer's instrumentation adds to every object (never the candidate's choice)
INSTRUMENTATION_PREFIXES = ("__asan_", "__ubsan_", "__lsan_", "__sanitizer_")

_ERROR = re.compile(r"ERROR: AddressSanitizer: ([A-Za-z-]+)")
#: kinds that are signals the sanitizer caught (SEGV, BUS, FPE, ILL): a crash, as without it
_SIGNAL_KIND = re.compile(r"^[A-Z]+$")
_ACCESS = re.compile(r"^(READ|WRITE) of size (\d+)", re.M)
_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (\S+) /work/([^:\s]+):(\d+)", re.M)
_LEAKS = re.compile(r"SUMMARY: AddressSanitizer: (\d+) byte\(s\) leaked in (\d+) allocation")
_DEADLY = re.compile(r"ERROR: (?:AddressSanitizer|LeakSanitizer) has encountered a fatal error")


def memory_error(report: bytes, turned_in: tuple[str, ...]) -> str | None:
    """The one-line reason of the first memory error in a report, or None when there is none.

    Names the error kind, the access, and the first frame in a turned-in file (never a
    harness line: it could show a hidden test's input).
    """
    text = report.decode(errors="replace")
    found = _ERROR.search(text)
    if not found:
        if _DEADLY.search(text):
            return "memory error: the memory checker stopped the program"
        return None
    kind = found.group(1)
    if kind == "attempting":  # "attempting double-free" / "attempting free on address which..."
        double = "double-free" in text[found.start() : found.start() + 200]
        kind = "double-free" if double else "bad-free"
    reason = f"crashed with SIG{kind}" if _SIGNAL_KIND.match(kind) else f"memory error: {kind}"
    rest = text[found.end() :]
    if access := _ACCESS.search(rest.split("\n\n", 1)[0]):
        reason += f" ({access.group(1)} of size {access.group(2)})"
    return reason + _where(rest, turned_in)


def _where(rest: str, turned_in: tuple[str, ...]) -> str:
    """Where in the turned-in files: the faulty access's first frame there, else the block's
    allocation or release (`on memory allocated in f (f.c:3)`), else nothing."""
    for index, stack in enumerate(rest.split("\n\n")):
        header = "\n".join(stack.lstrip().split("\n", 2)[:2])  # "0x.. is located ..." first
        if index == 0:
            label = "in"
        elif "freed by" in header:
            label = "on memory freed in"
        elif "allocated by" in header:
            label = "on memory allocated in"
        else:
            continue
        for frame in _FRAME.finditer(stack):
            function, source, line = frame.groups()
            if source in turned_in:
                return f" {label} {function} ({source}:{line})"
    return ""


def leaks(report: bytes) -> str | None:
    """`leaks: N bytes in M allocation(s)` when LeakSanitizer found some, else None."""
    found = _LEAKS.search(report.decode(errors="replace"))
    if not found:
        return None
    return f"leaks: {found.group(1)} bytes in {found.group(2)} allocation(s)"
