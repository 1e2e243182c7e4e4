"""The plagiarism detector itself: pure functions, no Flask and no database.

C source -> tokens (Pygments' C lexer) -> normalised tokens (every identifier is `N`, every
number `0`, every string or character literal `S`; comments, whitespace and preprocessor lines
dropped, so the 42 header and the layout vanish; `for`/`while`/`do` are one `loop` token) ->
k-grams hashed -> winnowing (the minimum hash of each window of `WINDOW` k-grams, MOSS's
algorithm) -> fingerprints `(hash, token position)`.

Code the school gave (the reference solution, the prototype, the subject's code examples) is
the *base*: every k-gram of the base is dropped from a document's fingerprints, and the tokens
it covers do not count in the score (candidates cannot be blamed for writing what everyone is
shown or expected to write). See docs/integrity.md for the choices and the measured quality.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pygments.lexers.c_cpp import CLexer
from pygments.token import Comment, Keyword, Name, Number, String, Text, Whitespace

#: tokens per k-gram: 9 is long enough that the base (reference) does not cover every idiom
KGRAM = 9
#: k-grams per winnowing window: every shared run of KGRAM + WINDOW - 1 tokens is detected
WINDOW = 4
#: scores at or above this are reported to staff by default (docs/integrity.md: measured)
DEFAULT_THRESHOLD = 0.7
#: below this many tokens a submission cannot be judged (ft_putchar has ~15)
DEFAULT_MIN_TOKENS = 40
#: a document needs this many of its own tokens (not the base's) to be compared at all
MIN_OWN_TOKENS = 20

_MOD = (1 << 61) - 1
_BASE = 1_000_003
_LOOP = {"for", "while", "do"}
_DROPPED_KEYWORDS = {"static", "inline", "register"}
_FENCE = re.compile(r"```(?:c|C)?\n(.*?)```", re.S)
_lexer = CLexer(stripnl=False, ensurenl=False)
_codes: dict[str, int] = {}


def _code(text: str) -> int:
    """A stable small integer per normalised token (crc32: the same in every process)."""
    value = _codes.get(text)
    if value is None:
        value = _codes[text] = zlib.crc32(text.encode()) + 1
    return value


@dataclass(frozen=True)
class Tokens:
    """Normalised tokens of a document, with where each came from (file index, line)."""

    kinds: tuple[str, ...]
    files: tuple[int, ...]
    lines: tuple[int, ...]


_categories: dict = {}


def _category(ttype) -> str:
    """What a Pygments token type becomes (memoised: `in` on token types is slow)."""
    found = _categories.get(ttype)
    if found is None:
        if ttype in Whitespace or ttype in Text or ttype in Comment:
            found = "drop"
        elif ttype in Name:
            found = "N"
        elif ttype in Number:
            found = "0"
        elif ttype in String.Char:
            found = "char"
        elif ttype in String:
            found = "S"
        elif ttype in Keyword:
            found = "keyword"
        else:
            found = "text"
        _categories[ttype] = found
    return found


def tokenise(files: Iterable[str]) -> Tokens:
    """Normalised tokens of C sources (one document made of several files, in the given order)."""
    kinds: list[str] = []
    where_file: list[int] = []
    where_line: list[int] = []
    for index, source in enumerate(files):
        line = 1
        last = 0
        previous = ""
        for start, ttype, value in _lexer.get_tokens_unprocessed(source):
            category = _categories.get(ttype) or _category(ttype)
            if category == "drop":
                previous = category
                continue
            if category == "S" and previous == "S":
                continue  # Pygments splits a string literal into pieces: one `S` per literal
            previous = category
            if category == "keyword":
                if value in _DROPPED_KEYWORDS:
                    continue
                kind = "loop" if value in _LOOP else value
            elif category == "text":
                kind = value
            elif category == "char":
                kind = "S"
            else:
                kind = category
            line += source.count("\n", last, start)
            last = start
            kinds.append(kind)
            where_file.append(index)
            where_line.append(line)
    return Tokens(tuple(kinds), tuple(where_file), tuple(where_line))


def kgram_hashes(kinds: tuple[str, ...], k: int = KGRAM) -> list[int]:
    """The hash of every k-gram (a polynomial rolling hash, stable across processes)."""
    codes = [_codes.get(kind) or _code(kind) for kind in kinds]
    if len(codes) < k:
        return []
    top = pow(_BASE, k - 1, _MOD)
    value = 0
    for code in codes[:k]:
        value = (value * _BASE + code) % _MOD
    out = [value]
    for i in range(k, len(codes)):
        value = ((value - codes[i - k] * top) * _BASE + codes[i]) % _MOD
        out.append(value)
    return out


def winnow(hashes: list[int], w: int = WINDOW) -> list[tuple[int, int]]:
    """Robust winnowing: the rightmost minimal hash of each window, each position once."""
    if not hashes:
        return []
    if len(hashes) <= w:
        pos = min(range(len(hashes)), key=lambda i: (hashes[i], -i))
        return [(hashes[pos], pos)]
    chosen: list[tuple[int, int]] = []
    last = -1
    for start in range(len(hashes) - w + 1):
        window = hashes[start : start + w]
        low = min(window)
        pos = start + w - 1 - window[::-1].index(low)
        if pos != last:
            chosen.append((low, pos))
            last = pos
    return chosen


def base_hashes(sources: Iterable[str]) -> frozenset[int]:
    """Every k-gram hash of the code the school gave (references, prototypes, examples)."""
    out: set[int] = set()
    for source in sources:
        out.update(kgram_hashes(tokenise([source]).kinds))
    return frozenset(out)


def subject_code(markdown: str) -> list[str]:
    """The fenced code blocks of a subject (its examples are given code)."""
    return _FENCE.findall(markdown)


@dataclass(frozen=True)
class Document:
    """What is stored and compared for one submission."""

    token_count: int
    own_tokens: int  # tokens not covered by a k-gram of the base
    fingerprints: tuple[tuple[int, int], ...]  # (hash, token position), base k-grams dropped
    tokens: Tokens | None = field(default=None, compare=False)


def fingerprint(files: Iterable[str], base: frozenset[int] = frozenset()) -> Document:
    """Fingerprint a submission's files against the exercise's base code."""
    tokens = tokenise(files)
    hashes = kgram_hashes(tokens.kinds)
    covered = bytearray(len(tokens.kinds))
    if base:
        for pos, value in enumerate(hashes):
            if value in base:
                covered[pos : pos + KGRAM] = b"\x01" * KGRAM
    chosen = tuple((h, pos) for h, pos in winnow(hashes) if h not in base)
    return Document(
        token_count=len(tokens.kinds),
        own_tokens=len(tokens.kinds) - sum(covered[: len(tokens.kinds)]),
        fingerprints=chosen,
        tokens=tokens,
    )


@dataclass(frozen=True)
class Fragment:
    """A matched region: token ranges [start, end) in both documents."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def size(self) -> int:
        return self.a_end - self.a_start


@dataclass(frozen=True)
class Match:
    score: float
    fragments: tuple[Fragment, ...]
    shared: int  # fingerprints in common


def _positions(fps: Iterable[tuple[int, int]], ignore: frozenset[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for value, pos in fps:
        if value not in ignore:
            out[value].append(pos)
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def fragments(
    a: Iterable[tuple[int, int]],
    b: Iterable[tuple[int, int]] | Mapping[int, list[int]],
    ignore: frozenset[int] = frozenset(),
) -> tuple[list[Fragment], int]:
    """Matched regions of two fingerprint lists: shared fingerprints on one diagonal (same
    offset between the documents) close to each other are one region; overlapping regions
    keep the longest. Returns the regions in the order of document a and the shared count."""
    pa = _positions(a, ignore)
    pb = b if isinstance(b, Mapping) else _positions(b, ignore)
    pairs = sorted(
        (x - y, x, y) for value in pa.keys() & pb.keys() for x in pa[value] for y in pb[value]
    )
    shared = len(pa.keys() & pb.keys())
    runs: list[list[int]] = []  # [a_start, a_last, b_start, count]
    gap = KGRAM + WINDOW
    last_diag = None
    for diag, x, y in pairs:
        if runs and diag == last_diag and x - runs[-1][1] <= gap:
            runs[-1][1] = x
            runs[-1][3] += 1
        else:
            runs.append([x, x, y, 1])
        last_diag = diag
    candidates = sorted(
        (Fragment(s, last + KGRAM, bs, bs + last - s + KGRAM) for s, last, bs, count in runs),
        key=lambda f: (-f.size, f.a_start),
    )
    kept: list[Fragment] = []
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    for frag in candidates:
        if _overlaps(frag.a_start, frag.a_end, taken_a) or _overlaps(
            frag.b_start, frag.b_end, taken_b
        ):
            continue
        kept.append(frag)
        taken_a.append((frag.a_start, frag.a_end))
        taken_b.append((frag.b_start, frag.b_end))
    kept.sort(key=lambda f: f.a_start)
    return kept, shared


def score_of(kept: list[Fragment], own_a: int, own_b: int) -> float:
    """The share of both documents' own code that the matched regions cover (0..1)."""
    if own_a < MIN_OWN_TOKENS or own_b < MIN_OWN_TOKENS or not kept:
        return 0.0
    matched = 2 * sum(f.size for f in kept)
    return round(min(1.0, matched / (own_a + own_b)), 3)


def compare(a: Document, b: Document, ignore: frozenset[int] = frozenset()) -> Match:
    """Similarity of two documents and their matched regions."""
    kept, shared = fragments(a.fingerprints, b.fingerprints, ignore)
    return Match(score_of(kept, a.own_tokens, b.own_tokens), tuple(kept), shared)


def line_ranges(tokens: Tokens, start: int, end: int) -> list[tuple[int, int, int]]:
    """The (file index, first line, last line) spans of a token range of a document."""
    out: list[tuple[int, int, int]] = []
    end = min(end, len(tokens.kinds))
    for pos in range(start, end):
        file, line = tokens.files[pos], tokens.lines[pos]
        if out and out[-1][0] == file:
            out[-1] = (file, out[-1][1], max(out[-1][2], line))
        else:
            out.append((file, line, line))
    return out
