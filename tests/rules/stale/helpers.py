"""Small builders shared by the S rule tests."""

from __future__ import annotations

from tests.conftest import entry_file

BASE = {
    "id": "e1",
    "kind": "policy",
    "title": "测试条目",
    "category": "general",
    "owner": "售后组",
    "reviewed": "2026-11-01",
    "answer": "您好，有什么可以帮您？",
}


def entry(**fields: object) -> str:
    """One entry snippet (for ``entry_file``); ``None`` drops a field."""
    data = {**BASE, **fields}
    lines = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, str) and "\n" in value:
            body = "".join("  " + ln + "\n" for ln in value.splitlines())
            lines.append(f"{key}: |\n{body}".rstrip("\n"))
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def one(**fields: object) -> str:
    return entry_file(entry(**fields))


def where(text: str, snippet: str) -> tuple[int, int]:
    """(line, column), 1-based, of the first ``snippet`` in a file text."""
    for number, line in enumerate(text.splitlines(), start=1):
        at = line.find(snippet)
        if at != -1:
            return number, at + 1
    raise AssertionError(f"{snippet!r} not in text")
