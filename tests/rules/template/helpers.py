"""Entries with a given answer, for the T rule tests (the answer starts on a known line)."""

from __future__ import annotations

import textwrap

from tests.conftest import entry_file

HEAD = """\
id: {id}
title: 测试
category: general
stage: greet
owner: 客服一组
reviewed: 2026-11-01
"""
# "entries:" is line 1, "- id:" line 2, so "answer:" is line 8 and a block's first line is 9.
ANSWER_LINE = 8
BLOCK_FIRST_LINE = 9
BLOCK_INDENT = 6  # columns before the block's text: the first character is column 7


def block(answer: str, entry_id: str = "t-entry", extra: str = "") -> str:
    """An entry file whose answer is a literal block (``|-``)."""
    body = textwrap.indent(textwrap.dedent(answer).strip("\n"), "  ")
    return entry_file(HEAD.format(id=entry_id) + extra + "answer: |-\n" + body + "\n")


def plain(answer: str, entry_id: str = "t-entry", extra: str = "") -> str:
    """An entry file whose answer is a one-line plain scalar (``answer: …`` on line 8)."""
    return entry_file(HEAD.format(id=entry_id) + extra + f"answer: {answer}\n")
