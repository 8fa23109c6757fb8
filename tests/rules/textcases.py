"""Helpers for text-rule tests: one entry whose answer sits at a known line and column."""

from __future__ import annotations

import json

from tests.conftest import entry_file

HEAD = "id: {id}\ntitle: 测试\ncategory: general\nstage: resolve\nowner: 客服一组\nreviewed: 2026-11-01\n"
LINE = 8  # the answer's line in a file made by one()
COL = 13  # the answer value's first column ("    answer: ")


def one(answer: str, *, id: str = "t-1", extra: str = "") -> str:
    """An entry file with one entry and a one-line (JSON-quoted if needed) answer."""
    value = answer if answer.strip() == answer and "\\" not in answer else json.dumps(answer)
    return entry_file(HEAD.format(id=id) + f"answer: {value}\n" + extra)


def many(*answers: str) -> str:
    """An entry file with one entry per answer (ids t-0, t-1, …)."""
    entries = [
        HEAD.format(id=f"t-{i}") + f"answer: {json.dumps(a, ensure_ascii=False)}\n"
        for i, a in enumerate(answers)
    ]
    return entry_file(*entries)


def col(answer: str, word: str) -> int:
    """The column a finding about ``word`` should report in a plain one-line answer."""
    return COL + answer.index(word)
