from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import GOOD_ENTRY, entry_file

ENTRY = GOOD_ENTRY + "sku: A1\nsuppress:\n  - {rule: E003, reason: 临时字段, until: 2026-11-21}\n"


@pytest.mark.parametrize(
    ("as_of", "codes"),
    [
        (dt.date(2026, 11, 20), []),
        (dt.date(2026, 11, 21), []),
        (dt.date(2026, 11, 22), ["C003", "E003"]),
    ],
)
def test_expiry_boundary(lint_snippet, as_of, codes):
    findings = lint_snippet(entry_file(ENTRY), ["E003", "C003"], as_of=as_of)
    assert sorted(f.code for f in findings) == codes
