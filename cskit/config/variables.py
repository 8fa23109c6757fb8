"""The ``variables`` and ``facts`` sections of cskit.yaml: what templates may use.

A variable is a dotted name (``order.id``) with a type and flags; ``facts`` and ``reply`` are
reserved, and ``order.id`` cannot also have children. A fact is a named value with the date
it changed and the regexes (``mentions``) that find it in answers; a regex that could take
exponential time is refused before any matching.
"""

from __future__ import annotations

import re

from cskit.config.checks import KEY_NAME, Checker, did_you_mean
from cskit.config.model import VAR_TYPES, Fact, Variable
from cskit.dates import as_date
from cskit.text.regexcheck import catastrophic, why_zh
from cskit.yamlread import Path as KeyPath

_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


class VariableChecks(Checker):
    """Fills ``cfg.variables`` and ``cfg.facts``."""

    def variables(self) -> None:
        variables = self.mapping(self.data.get("variables"), ("variables",))
        allowed = ("type", "optional", "pii", "enum", "label", "example")
        for name, spec in variables.items():
            at: KeyPath = ("variables", name)
            if not isinstance(name, str) or not _VAR_NAME.match(name):
                raise self.fail(
                    at,
                    "变量名应为带点的英文名，例如 order.id",
                    "variable names are dotted names like order.id",
                )
            if name.split(".")[0] in ("facts", "reply"):
                head = name.split(".")[0]
                raise self.fail(at, f"{head!r} 是保留名", f"{head!r} is reserved")
            spec = self.mapping(spec, at)
            for key in spec:
                if key not in allowed:
                    raise self.fail(
                        (*at, key),
                        "未知变量设置",
                        "unknown variable setting",
                        did_you_mean(key, allowed),
                    )
            vtype = self.choice(spec.get("type", "str"), (*at, "type"), VAR_TYPES)
            for flag in ("optional", "pii"):
                if not isinstance(spec.get(flag, False), bool):
                    raise self.fail((*at, flag), "应为 true 或 false", "must be true or false")
            enum = spec.get("enum")
            if enum is not None and (not isinstance(enum, list) or not enum):
                raise self.fail(
                    (*at, "enum"),
                    "应为非空的可选值列表",
                    "must be a non-empty list of allowed values",
                )
            self.cfg.variables[name] = Variable(
                name=name,
                type=vtype,
                optional=bool(spec.get("optional", False)),
                pii=bool(spec.get("pii", False)),
                enum=tuple(enum) if enum else None,
                label=str(spec.get("label") or ""),
                example=spec.get("example"),
            )
        names = set(self.cfg.variables)
        for name in names:  # order.id and order.id.x cannot both be leaves
            parts = name.split(".")
            for i in range(1, len(parts)):
                if ".".join(parts[:i]) in names:
                    parent = ".".join(parts[:i])
                    raise self.fail(
                        ("variables", name),
                        f"{parent!r} 已经是一个变量",
                        f"{parent!r} is already a variable",
                    )

    def facts(self) -> None:
        facts = self.mapping(self.data.get("facts"), ("facts",))
        allowed = ("value", "changed", "label", "mentions")
        for key, spec in facts.items():
            at: KeyPath = ("facts", key)
            if not isinstance(key, str) or not KEY_NAME.match(key):
                raise self.fail(
                    at,
                    "事实的键应为英文名，例如 return_days",
                    "fact keys are names like return_days",
                )
            if not isinstance(spec, dict):  # shorthand: return_days: 7
                spec = {"value": spec}
            for k in spec:
                if k not in allowed:
                    raise self.fail(
                        (*at, k), "未知事实设置", "unknown fact setting", did_you_mean(k, allowed)
                    )
            if "value" not in spec:
                raise self.fail(at, "事实需要 value", "a fact needs a value")
            changed = None
            if spec.get("changed") is not None:
                changed = as_date(spec["changed"])
                if changed is None:
                    raise self.fail(
                        (*at, "changed"),
                        "应为日期",
                        "must be a date",
                        ("写成 YYYY-MM-DD", "write YYYY-MM-DD"),
                    )
            mentions = self.str_list(spec.get("mentions"), (*at, "mentions"))
            for i, pattern in enumerate(mentions):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise self.fail(
                        (*at, "mentions", i),
                        f"正则表达式有误：{exc}",
                        f"bad regular expression: {exc}",
                    ) from None
                why = catastrophic(pattern)
                if why:  # (a+)+$ would hang every lint: refused before any matching
                    raise self.fail(
                        (*at, "mentions", i),
                        f"{pattern!r} 的匹配时间可能呈指数增长（{why_zh(why)}）",
                        f"{pattern!r} can take exponential time to match ({why})",
                        (
                            r"每个重复只写一次，例如写 (\d+)，不要写 (\d+)+",
                            r"write each repetition once, e.g. (\d+) instead of (\d+)+",
                        ),
                    )
            self.cfg.facts[key] = Fact(
                key=key,
                value=spec["value"],
                changed=changed,
                label=str(spec.get("label") or ""),
                mentions=tuple(mentions),
            )
