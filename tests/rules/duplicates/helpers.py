"""Entry snippets for the D-rule tests: real-looking 话术 with everything else valid."""

from __future__ import annotations

import json

from tests.conftest import entry_file

_COUNTER = iter(range(10_000))


def entry(
    entry_id: str,
    answer: str,
    questions: list[str] | None = None,
    *,
    extra: str = "",
    title: str = "测试条目",
    stage: str = "resolve",
) -> str:
    """One valid entry; ``questions`` default to one unique question per entry (``[]``:
    none)."""
    asked = questions if questions is not None else [f"测试问题编号{next(_COUNTER)}号"]
    lines = [
        f"id: {entry_id}",
        f"title: {title}",
        "category: after_sales",
        f"stage: {stage}",
        *(["questions:"] if asked else []),
        *(f"  - {q}" for q in asked),
        f"answer: {json.dumps(answer, ensure_ascii=False)}"
        if "\n" in answer
        else f"answer: {answer}",
        "owner: 售后组",
        "reviewed: 2026-11-01",
    ]
    if extra:
        lines.extend(extra.strip("\n").splitlines())
    return "\n".join(lines) + "\n"


def library(*entries: str) -> str:
    return entry_file(*entries)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the ``nth`` line containing ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]
