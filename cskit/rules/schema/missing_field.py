"""E004 missing-field: a required field is absent or empty."""

from __future__ import annotations

from collections.abc import Iterator

from cskit.config.schema import FIELDS, is_empty
from cskit.findings import Finding
from cskit.library.model import Entry
from cskit.rules.base import Context, Rule

ALWAYS = tuple(name for name, spec in FIELDS.items() if spec.required)


class MissingField(Rule):
    """A required field is absent or empty.

    ``id``, ``title``, ``category`` and ``answer`` are always required, ``stage`` for
    ``kind: script``; cskit.yaml's ``required`` adds more (``owner`` and ``reviewed`` by
    default). A value inherited from the file's ``defaults`` counts.

    Bad:
        - id: greet-hello
          title: 首次问候
          category: general
          stage: greet
          answer: ""

    Good:
        - id: greet-hello
          title: 首次问候
          category: general
          stage: greet
          answer: 您好，我是{{ agent.name }}，很高兴为您服务。
          owner: 客服一组
          reviewed: 2026-11-01
    """

    code = "E004"
    name = "missing-field"
    summary_zh = "缺少必填字段"
    summary_en = "required field absent or empty"

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        required = list(dict.fromkeys([*ALWAYS, *ctx.config.required]))
        required += [n for n, spec in FIELDS.items() if entry.kind in spec.required_for]
        for name in required:
            if is_empty(entry.data.get(name)):
                label = FIELDS[name].label_zh if name in FIELDS else name
                state = "为空" if name in entry.data else "缺失"
                yield self.report(
                    entry,
                    (name,) if name in entry.data else (),
                    f"必填字段 {name}（{label}）{state}",
                    f"required field {name} is {'empty' if name in entry.data else 'missing'}",
                    evidence=name,
                )
