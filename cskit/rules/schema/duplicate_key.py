"""E002 duplicate-key: the same key twice in one mapping."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.findings import Finding
from cskit.rules.base import Context, Rule


class DuplicateKey(Rule):
    """A key appears twice in the same mapping; YAML keeps only one of the values.

    cskit keeps the first value and reports the second key, so nothing is silently lost.

    Bad:
        - id: refund-time
          answer: 退款审核通过后原路退回。
          answer: 退款审核通过后退回到账户余额。

    Good:
        - id: refund-time
          answer: 退款审核通过后原路退回。
    """

    code = "E002"
    name = "duplicate-key"
    scope = "library"
    summary_zh = "同一映射中出现重复的键"
    summary_en = "the same key twice in one mapping"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        for source in ctx.library.files:
            if source.doc is None:
                continue
            for path, key, line, column in source.doc.duplicate_keys:
                key_text = str(key)
                entry = None
                if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
                    entry = next((e for e in source.entries if e.index == path[1]), None)
                zh = f"键 {key_text!r} 重复出现，只保留第一个值"
                en = f"key {key_text!r} appears twice; only the first value is kept"
                if entry is not None:
                    yield self.report(
                        entry, (*path[2:], key), zh, en, position=(line, column), evidence=key_text
                    )
                else:
                    yield self.report_file(source, line, column, zh, en, evidence=key_text)
