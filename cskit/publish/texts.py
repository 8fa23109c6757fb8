"""The text a row carries: the entry's answer (or its channel override) rendered with the
shop-level context (``publish.context`` in cskit.yaml, ``--set`` on the command line).

A quick phrase is one fixed text for every order. An entry whose text depends on order data
(any variable the context does not give) is published only where the profile maps each such
variable to the platform's own placeholder, and only when the variable is printed as it is:
a value that is tested (``{% if %}``) or formatted (``yuan``, ``date``, ``mask_*``) would
need the real order, which a placeholder is not. Otherwise the entry is left out and listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cskit.errors import ConfigError
from cskit.library.model import Entry, Library
from cskit.publish.profile import Profile
from cskit.render.analysis import Use, analyse, has_template_code
from cskit.render.environment import finalize
from cskit.render.quickanalysis import quick_analyse
from cskit.render.renderer import Renderer, RenderFailure, label_of, registered_name

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around a placeholder's stand-in
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"
_BARE = re.compile(r"\{\{[ \t]*(" + _NAME + r")[ \t]*\}\}")


@dataclass(frozen=True)
class TextProblem:
    """Why an entry has no publishable text. ``kind``: needs-variable, placeholder-tested,
    placeholder-filtered (order data: left out by design) or render-failed, empty (held)."""

    kind: str
    zh: str
    en: str


ORDER_DATA = frozenset({"needs-variable", "placeholder-tested", "placeholder-filtered"})


class Texts:
    """Renders entries for one profile; build once per publish."""

    def __init__(
        self, library: Library, profile: Profile, overrides: Mapping[str, Any] | None = None
    ) -> None:
        config = library.config
        self.config = config
        self.profile = profile
        self.renderer = Renderer(config, library)
        try:
            self.context = self.renderer.values(config.publish_context, overrides or {})
        except RenderFailure as failure:
            parts = (failure.variable or "").split(".")
            raise ConfigError(
                f"publish.context：{failure.zh}",
                where=config.where("publish", "context", *parts),
                en=f"publish.context: {failure.en}",
            ) from None
        self._analyses: dict[str, tuple[list[Use], list[str]]] = {}

    def text(self, entry: Entry) -> tuple[str, TextProblem | None]:
        source, key = self.renderer.entry_source(entry, self.profile.channel or None)
        if not source.strip():
            return "", TextProblem("empty", "回复为空", "the reply is empty")
        if not has_template_code(source):
            return source.rstrip(), None
        order_data: dict[str, list[Use]] = {}
        uses, texts = self._uses(entry, source)
        for use in uses:
            name = registered_name(use.name, self.config)
            if name is None or name.startswith("facts."):
                continue  # undeclared names fail the render below, with its message
            if name in self.context and name not in self.profile.placeholders:
                continue  # the platform's placeholder, where there is one, wins
            order_data.setdefault(name, []).append(use)
        problem = self._order_problem(order_data, texts)
        if problem is not None:
            return "", problem
        values = dict(self.context)
        stand_ins = {name: f"{_OPEN}{i}{_CLOSE}" for i, name in enumerate(order_data)}
        values.update(stand_ins)
        try:
            text = self._bare(source, values)
            if text is None:
                text = self.renderer.render(source, values, f"{entry.id}:{'.'.join(key)}")
        except RenderFailure as failure:
            return "", TextProblem(
                "render-failed", f"渲染失败：{failure.zh}", f"render failed: {failure.en}"
            )
        for name, mark in stand_ins.items():
            if mark not in text:
                return "", _filtered(name)
            text = text.replace(mark, self.profile.placeholders[name])
        if _OPEN in text or _CLOSE in text:
            return "", TextProblem(
                "placeholder-filtered",
                "占位符被截断或改写了，不能换成平台占位符",
                "a placeholder was cut or rewritten by the template",
            )
        if not text.strip():
            return "", TextProblem("empty", "渲染后为空", "renders to nothing")
        return text, None

    def _bare(self, source: str, values: dict[str, Any]) -> str | None:
        """The render of a text whose only template code is ``{{ name }}`` of known values
        (most publishable texts: shop name, agent name, facts), as Jinja would print it,
        without compiling a template; None for anything else."""
        if "\r" in source:
            return None
        rest = _BARE.sub("", source)
        if "{{" in rest or "{%" in rest or "{#" in rest:
            return None
        facts = self.config.facts
        out: list[str] = []
        pos = 0
        for m in _BARE.finditer(source):
            name = m.group(1)
            if name in values:
                value = values[name]
            elif name.startswith("facts.") and name[6:] in facts:
                value = facts[name[6:]].value
            else:
                return None  # a group (shop), a typo: Jinja says what is wrong
            out.append(source[pos : m.start()])
            out.append(str(finalize(value)))
            pos = m.end()
        out.append(source[pos:])
        return "".join(out).rstrip()

    def _order_problem(
        self, order_data: dict[str, list[Use]], texts: list[str]
    ) -> TextProblem | None:
        missing = [n for n in order_data if n not in self.profile.placeholders]
        if missing:
            named = "、".join(f"{n}{label_of(n, self.config)}" for n in missing)
            return TextProblem(
                "needs-variable",
                f"需要 {named}：publish.context 没有给出，这个发布配置也没有对应的平台占位符",
                f"needs {', '.join(missing)}: publish.context does not give it and this profile "
                "has no platform placeholder for it",
            )
        for name, uses in order_data.items():
            tested = next((u for u in uses if not u.rendered), None)
            if tested is not None:
                return TextProblem(
                    "placeholder-tested",
                    f"文字随 {name} 的值变化（模板第 {tested.line} 行判断了它），"
                    "平台占位符无法替它判断",
                    f"the text depends on the value of {name} (tested on template line "
                    f"{tested.line}), which a platform placeholder cannot decide",
                )
            bare = re.compile(r"\{\{-?\s*" + re.escape(name) + r"\s*-?\}\}")
            if sum(len(bare.findall(t)) for t in texts) < len(uses):
                return _filtered(name)
        return None

    def _uses(self, entry: Entry, source: str) -> tuple[list[Use], list[str]]:
        """Every variable use of the text and of the entries it includes with ``reply()``,
        and those texts."""
        found: list[Use] = []
        texts: list[str] = []
        seen: set[str] = {entry.id}
        pending = [source]
        active = self.renderer.active_entries()
        while pending:
            text = pending.pop()
            texts.append(text)
            known = self._analyses.get(text)
            if known is None:
                result = quick_analyse(text) or analyse(text)
                uses = [u for u in result.uses if u.name.split(".")[0] not in result.locals]
                known = self._analyses[text] = (uses, [t for t, _line in result.replies])
            found.extend(known[0])
            for target in known[1]:
                included = active.get(target)
                if included is not None and target not in seen:
                    seen.add(target)
                    pending.append(included.answer)
        return found, texts


def _filtered(name: str) -> TextProblem:
    return TextProblem(
        "placeholder-filtered",
        f"{name} 经过过滤器或运算才输出（如 yuan、date、mask_*），平台占位符只能原样替换 {{{{ {name} }}}}",
        f"{name} goes through a filter or operation before it is printed (yuan, date, "
        f"mask_*…); a platform placeholder can only stand for a bare {{{{ {name} }}}}",
    )
