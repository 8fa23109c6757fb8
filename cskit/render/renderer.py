"""Render an entry or a ``templates/*.j2`` file with a typed context (docs/templates.md).

:class:`Renderer` is the one way to render: the CLI (``cskit render``), batch rendering and
the T006 rule all use it. It compiles each source once, builds the context from layers
(sample < data file < ``--set``) checked against the registry, and turns every failure a
user can cause into a :class:`RenderFailure` naming the variable (with its label) and the
line of the template — never a traceback. ``reply('id')`` includes another entry's answer,
rendered with the same context; cycles are refused.
"""

from __future__ import annotations

import datetime as dt
import math
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit.config.model import Config
from cskit.library.load import template_paths
from cskit.library.model import Entry, Library
from cskit.render.values import ValueProblem, coerce_all, flatten
from cskit.render.window import outside_window

if TYPE_CHECKING:
    from jinja2 import Template, nodes

# Jinja (and cskit.render.environment, built on it) is imported when a Renderer is made, not here:
# the lint rules import this module for its helpers, and a warm run compiles nothing.


@dataclass
class RenderFailure(Exception):
    """Why a render failed, in both languages; ``line`` is inside the rendered source."""

    kind: str  # missing | undeclared | value | unsafe | syntax | reply | reply-missing | error
    zh: str
    en: str
    variable: str | None = None
    line: int | None = None

    def message(self, lang: str = "zh-Hans") -> str:
        text = self.en if lang == "en" else self.zh
        if self.line is not None:
            text += f" (line {self.line})" if lang == "en" else f"（第 {self.line} 行）"
        return text

    def __str__(self) -> str:
        return self.message()


def registered_name(name: str, config: Config) -> str | None:
    """The registered variable (or ``facts.KEY``) a dotted name starts with, if any."""
    parts = name.split(".")
    if parts[0] == "facts":
        return f"facts.{parts[1]}" if len(parts) > 1 and parts[1] in config.facts else None
    for i in range(len(parts), 0, -1):
        candidate = ".".join(parts[:i])
        if candidate in config.variables:
            return candidate
    return None


def label_of(name: str, config: Config) -> str:
    var = config.variables.get(name)
    if var is not None and var.label:
        return f"（{var.label}）"
    fact = config.facts.get(name.removeprefix("facts."))
    if name.startswith("facts.") and fact is not None and fact.label:
        return f"（{fact.label}）"
    return ""


def missing_failure(name: str, config: Config, where: str = "") -> RenderFailure:
    known = registered_name(name, config)
    if known is None:
        return RenderFailure(
            "undeclared",
            f"{where}{name} 没有在 cskit.yaml 的 variables/facts 里登记",
            f"{where}{name} is not declared in cskit.yaml variables/facts",
            variable=name,
        )
    return RenderFailure(
        "missing",
        f"{where}缺少变量 {known}{label_of(known, config)} 的值",
        f"{where}no value for variable {known}",
        variable=known,
    )


def apply_conditions(entry: Entry, flat: Mapping[str, Any], config: Config) -> bool:
    """False when the entry's ``conditions`` contradict a sample's values.

    A condition key names a variable directly (``order.status``) or with underscores
    (``order_status``); a sample without that variable, or a key that names no variable,
    does not exclude the sample.
    """
    for key, allowed in entry.conditions.items():
        name = _condition_variable(key, config)
        if name is None or name not in flat:
            continue
        if str(flat[name]) not in allowed:
            return False
    return True


def _condition_variable(key: str, config: Config) -> str | None:
    if key in config.variables:
        return key
    for i, ch in enumerate(key):
        if ch == "_":
            candidate = key[:i] + "." + key[i + 1 :]
            if candidate in config.variables:
                return candidate
    return None


class Renderer:
    """Compiles and renders sources for one library; cheap to reuse across many renders."""

    def __init__(
        self, config: Config, library: Library | None = None, *, as_of: dt.date | None = None
    ) -> None:
        from cskit.render.environment import make_environment

        self.config = config
        self.library = library
        self.as_of = as_of  # when given, reply() skips entries outside their validity window
        self.env = make_environment(reply=self._reply)
        self._compiled: dict[tuple[str, str], Template] = {}
        self._roots: list[dict[str, Any]] = []
        self._stack: list[str] = []
        self._facts = {k: f.value for k, f in config.facts.items()}
        self._active: dict[str, Entry] | None = None

    # -- context ------------------------------------------------------------------------
    def values(self, *layers: Mapping[str, Any]) -> dict[str, Any]:
        """Merge input layers (later wins) and coerce them; unknown names are ignored."""
        merged: dict[str, Any] = {}
        for layer in layers:
            flat, _unknown = flatten(layer, self.config)
            merged.update(flat)
        try:
            return coerce_all(merged, self.config)
        except ValueProblem as problem:
            raise RenderFailure(
                "value", problem.message(), problem.message("en"), variable=problem.name
            ) from None

    def sample(self, name: str) -> dict[str, Any]:
        return self.values(self.config.samples[name])

    # -- compile and render ---------------------------------------------------------------
    def compile(self, source: str, name: str, tree: nodes.Template | None = None) -> Template:
        """The compiled template (cached); ``tree`` is ``source`` already parsed."""
        key = (name, source)
        template = self._compiled.get(key)
        if template is None:
            from jinja2 import TemplateSyntaxError

            try:
                code = self.env.compile(tree or source, name=name, filename=name)
            except TemplateSyntaxError as exc:
                message = (exc.message or "").rstrip(".")
                raise RenderFailure(
                    "syntax",
                    f"模板语法错误：{message}",
                    f"template syntax error: {message}",
                    line=exc.lineno,
                ) from None
            template = self.env.template_class.from_code(
                self.env, code, self.env.make_globals(None), None
            )
            self._compiled[key] = template
        return template

    def render(self, source: str, values: Mapping[str, Any], name: str = "<answer>") -> str:
        """Render ``source`` with coerced ``values`` (from :meth:`values`)."""
        from cskit.render.scopes import build_scopes

        template = self.compile(source, name)
        root = build_scopes(dict(values), self._facts)
        self.env.reset_budget()
        self._roots.append(root)
        try:
            # Trailing blanks left by a false {% if %} at the end never belong in a message.
            return template.render(root).rstrip()
        except RenderFailure as known:
            known.line = _line_in(known, name) or known.line
            raise
        except Exception as exc:  # anything a template can raise becomes one clear line
            failure = self._translate(exc)
            failure.line = _line_in(exc, name)
            raise failure from None
        finally:
            self._roots.pop()

    def entry_source(self, entry: Entry, channel: str | None = None) -> tuple[str, tuple[str, ...]]:
        """The text an entry renders for a channel: its override if any, else the answer."""
        if channel and channel in entry.channels:
            return entry.channels[channel], ("channels", channel)
        return entry.answer, ("answer",)

    def render_entry(
        self, entry: Entry, values: Mapping[str, Any], channel: str | None = None
    ) -> str:
        source, key = self.entry_source(entry, channel)
        self._stack.append(entry.id)  # so reply() back to this entry is seen as a cycle
        try:
            return self.render(source, values, f"{entry.id}:{'.'.join(key)}")
        finally:
            self._stack.pop()

    def _translate(self, exc: BaseException) -> RenderFailure:
        from jinja2.exceptions import SecurityError, TemplateError

        from cskit.render.scopes import MissingVariable, ScopeOutput

        if isinstance(exc, MissingVariable):
            return missing_failure(exc.name, self.config)
        if isinstance(exc, SecurityError):
            detail_zh = getattr(exc, "zh", str(exc))  # cskit's own limits say it in Chinese
            return RenderFailure(
                "unsafe",
                f"模板试图访问沙箱不允许的内容：{detail_zh}",
                f"the template tried to reach something the sandbox forbids: {exc}",
            )
        from cskit.render.filters import FilterError

        if isinstance(exc, FilterError):
            return RenderFailure("value", f"渲染失败：{exc.zh}", f"render failed: {exc}")
        if isinstance(exc, ScopeOutput):
            group = exc.args[0]
            return RenderFailure(
                "error",
                f"{group} 是一组变量，不能直接输出，请写出具体的变量（如 {group}.xxx）",
                f"{group} is a group of variables; print one of them ({group}.name)",
                variable=group,
            )
        if isinstance(exc, TypeError) and "no loader" in str(exc):
            return RenderFailure(
                "syntax",
                "不支持 include/import/extends，请用 reply('条目id') 引用其他话术",
                "include/import/extends are not supported; use reply('entry-id')",
            )
        if isinstance(exc, TemplateError):
            return RenderFailure("error", f"渲染失败：{exc}", f"render failed: {exc}")
        return RenderFailure(
            "error",
            f"渲染失败：{type(exc).__name__}: {exc}",
            f"render failed: {type(exc).__name__}: {exc}",
        )

    # -- reply('id') ----------------------------------------------------------------------
    def active_entries(self) -> dict[str, Entry]:
        if self._active is None:
            self._active = {}
            if self.library is not None:
                for entry in self.library.entries:
                    if (
                        entry.id
                        and entry.active
                        and entry.id not in self._active
                        and (self.as_of is None or outside_window(entry, self.as_of) is None)
                    ):
                        self._active[entry.id] = entry
        return self._active

    def _reply(self, entry_id: Any) -> str:
        target = self.active_entries().get(str(entry_id))
        if target is None:
            found = self.library.get(str(entry_id)) if self.library is not None else None
            window = (
                outside_window(found, self.as_of)
                if found is not None and found.active and self.as_of is not None
                else None
            )
            zh, en = window or (
                ("不是 active 状态（已归档或草稿）", "is not active")
                if found is not None
                else ("不存在", "")
            )
            raise RenderFailure(
                "reply" if found is not None else "reply-missing",
                f"reply('{entry_id}') 引用的条目{zh}",
                f"reply('{entry_id}') names " + (f"an entry that {en}" if en else "no entry"),
                variable=str(entry_id),
            )
        if target.id in self._stack:
            chain = " → ".join([*self._stack, target.id])
            raise RenderFailure("reply", f"reply() 循环引用：{chain}", f"reply() cycle: {chain}")
        root = self._roots[-1]
        self._stack.append(target.id)
        self._roots.append(root)
        try:
            try:
                template = self.compile(target.answer, f"{target.id}:answer")
                return template.render(root).rstrip()
            except RenderFailure as inner:
                if inner.kind.startswith("reply"):
                    raise  # already says which reply() failed
                failure = inner
            except Exception as exc:
                failure = self._translate(exc)
            raise RenderFailure(
                failure.kind,
                f"reply('{target.id}')：{failure.zh}",
                f"reply('{target.id}'): {failure.en}",
                variable=failure.variable,
            ) from None
        finally:
            self._stack.pop()
            self._roots.pop()


def _line_in(exc: BaseException, name: str) -> int | None:
    """The line of ``name`` (the outermost rendered source) where ``exc`` happened."""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == name and frame.lineno:
            return frame.lineno
    return None


# -- targets and channels ---------------------------------------------------------------------


def find_template(config: Config, target: str) -> Path | None:
    """A ``templates/*.j2`` file by name (``sms-shipped``, ``sms-shipped.j2``) or path."""
    as_path = Path(target)
    if target.endswith(".j2") and as_path.is_file():
        return as_path
    for path in template_paths(config):
        folder = config.templates_dir
        rel = path.relative_to(folder).as_posix() if folder else path.name
        if target in (path.stem, path.name, rel, rel.removesuffix(".j2")):
            return path
    return None


@dataclass(frozen=True)
class Sms:
    text: str  # signature included
    chars: int
    segments: int
    max_segments: int | None


def sms(config: Config, body: str) -> Sms:
    """Prefix the signature and count billable segments (70 for one, 67 each beyond)."""
    channel = config.channels.get("sms")
    signature = channel.signature if channel else ""
    single = channel.segment_chars if channel else 70
    multi = channel.multipart_chars if channel else 67
    text = body if body.startswith(signature) else signature + body
    chars = len(text)
    segments = 1 if chars <= single else math.ceil(chars / multi)
    return Sms(text, chars, segments, channel.max_segments if channel else None)


def sample_names(entry: Entry) -> Iterable[str | dict[str, Any]]:
    value = entry.data.get("samples")
    return value if isinstance(value, list) else []
