"""The detector on the labelled set (tests/integrity/labelled.py), and its building blocks."""

from __future__ import annotations

import pytest

from school101.services.integrity.fingerprints import (
    DEFAULT_THRESHOLD,
    compare,
    fingerprint,
    tokenise,
    winnow,
)
from tests.integrity.labelled import labelled_pairs, quality

pytestmark = pytest.mark.nodb


@pytest.fixture(scope="module")
def pairs():
    return labelled_pairs()


def test_recall_on_generated_copies_and_no_independent_pair_flagged(pairs):
    q = quality(pairs, DEFAULT_THRESHOLD)
    assert q["copies"] >= 150 and q["independent"] >= 300
    assert q["recall"] >= 0.9
    assert all(recall >= 0.85 for recall in q["recall_by_kind"].values()), q["recall_by_kind"]
    assert q["false_positives"] == []
    assert q["precision"] == 1.0


def test_layout_comments_and_names_do_not_change_the_tokens():
    a = "/* header */\nint\tft_len(char *s)\n{\n\tint\ti;\n\n\ti = 0;\n\twhile (s[i])\n\t\ti++;\n\treturn (i);\n}\n"
    b = "int ft_size(char *str) { int n; // count\n n = 0; for (;str[n];) n++; return (n); }"
    assert tokenise([a]).kinds[:12] == tokenise([b]).kinds[:12]


def test_code_the_reference_contains_is_not_evidence():
    from school101.services.integrity.fingerprints import base_hashes

    src = "int\tf(int *t, int n)\n{\n\tint\ti;\n\n\ti = 0;\n\twhile (i < n)\n\t{\n\t\tt[i] = t[i] * 2 + 1;\n\t\ti++;\n\t}\n\treturn (i);\n}\n"
    copy_scored = compare(fingerprint([src]), fingerprint([src]))
    assert copy_scored.score >= 0.9
    base = base_hashes([src])
    assert compare(fingerprint([src], base), fingerprint([src], base)).score == 0.0


def test_winnowing_keeps_one_fingerprint_per_window_at_least():
    hashes = [5, 3, 9, 3, 7, 1, 8, 8, 2]
    chosen = winnow(hashes, 4)
    for start in range(len(hashes) - 3):
        assert any(start <= pos < start + 4 for _, pos in chosen)
