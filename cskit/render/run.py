"""One ``cskit render`` run, from options to the message (or the batch file): the library API
behind the command, which only parses options, prints and exits.

Render is a gate too: before anything is rendered, the entries whose text would reach the
customer (the target, and every entry it pulls in with ``reply('id')``) and a template
target itself are checked by ``gate`` (the linter's :func:`cskit.lint.gate.blocking_findings`,
passed in by the command: the linter sits above the renderer). Any error-level finding
that leaks data or misleads (T, W004, W005, P) stops the render, naming the findings;
``force`` renders anyway and says what was overridden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit.errors import RenderError, UsageError

if TYPE_CHECKING:
    from cskit.findings import Finding
    from cskit.library.model import Entry, Library
    from cskit.render.batch import BatchResult
    from cskit.render.renderer import Renderer, Sms

# (library, entry ids, template display paths, day) → blocked entry id or template → findings
Gate = Callable[["Library", list[str], list[str], dt.date], "dict[str, list[Finding]]"]


@dataclass
class RenderRequest:
    target: str
    as_of: dt.date = field(default_factory=dt.date.today)  # the validity window and the gate
    sample: str | None = None
    data: Path | None = None
    sets: list[str] = field(default_factory=list)
    channel: str | None = None
    batch: Path | None = None
    output: Path | None = None  # the batch results file, or where the command writes the message
    maps: list[str] = field(default_factory=list)  # batch: --map 列名=变量
    keep: list[str] = field(default_factory=list)  # batch: --keep 列名
    lang: str | None = None
    force: bool = False
    use_cache: bool = True
    show_progress: bool = False


@dataclass
class Rendered:
    """A message (``text``, and ``sms`` for the SMS channel) or a batch's result, with the
    lines for stderr: ``warnings`` (a forced gate) and ``notes`` (failed rows, summary)."""

    lang: str
    text: str = ""
    sms: Sms | None = None
    batch: BatchResult | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.batch is not None and self.batch.failures else 0


def render(library: Path | None, request: RenderRequest, *, gate: Gate | None) -> Rendered:
    """Load the library, check the gate, and render one message or a whole batch."""
    from cskit.fileio import check_output, protect
    from cskit.library.load import load_library
    from cskit.render.inputs import load_data, resolve_target, set_values
    from cskit.render.renderer import Renderer, RenderFailure

    lib = load_library(library, use_cache=request.use_cache)
    protect([p for p in (request.data, request.batch) if p is not None])  # inputs, never outputs
    if request.output is not None:
        check_output(request.output)  # refused before any work (the library is protected now)
    config = lib.config
    lang = request.lang or config.language
    renderer = Renderer(config, lib, as_of=request.as_of)
    source, name, entry = resolve_target(lib, request.target, request.channel)
    if entry is not None:  # a campaign planned ahead waits for its day; an expired one is over
        from cskit.render.window import refuse_outside

        refuse_outside(entry, request.as_of)
    layers: list[dict[str, Any]] = []
    if request.sample is not None:
        if request.sample not in config.samples:
            known = ", ".join(config.samples) or "—"
            raise UsageError(
                f"cskit.yaml 里没有样例 --sample {request.sample!r}",
                hint=f"已有样例：{known}",
                en=f"--sample {request.sample!r} is not in cskit.yaml",
                hint_en=f"samples: {known}",
            )
        layers.append(config.samples[request.sample])
    if request.data is not None:
        layers.append(load_data(request.data))
    overrides = set_values(request.sets, config) if request.sets else {}
    out = Rendered(lang)
    if gate is not None:
        out.warnings += _check_gate(lib, gate, source, entry, name, request, lang)
    if request.batch is not None:
        out.batch = _batch(renderer, source, name, entry, request, layers, overrides, lang)
        out.notes += out.batch.failure_lines(lang)
        assert request.output is not None
        out.notes.append(out.batch.summary(lang, request.output))
        return out
    try:
        out.text = renderer.render(source, renderer.values(*layers, overrides), name)
    except RenderFailure as failure:
        hint = hint_en = None
        if failure.kind == "missing" and not (request.sample or request.data or request.sets):
            first = next(iter(config.samples), "NAME")
            hint = f"没有给出数据：试试 --sample {first}、--data FILE 或 --set NAME=VALUE"
            hint_en = f"no data was given: try --sample {first}, --data FILE or --set NAME=VALUE"
        raise RenderError(
            failure.message("zh-Hans"),
            where=_where(entry, name, failure.line),
            hint=hint,
            en=failure.message("en"),
            hint_en=hint_en,
        ) from None
    if request.channel == "sms":
        from cskit.render.renderer import sms

        out.sms = sms(config, out.text)
    return out


def sms_note(message: Sms, lang: str) -> list[str]:
    """The SMS length line (and a warning past the segment limit), for stderr."""
    limit = f"，上限 {message.max_segments} 条" if message.max_segments else ""
    if lang == "en":
        lines = [
            f"SMS: {message.chars} characters incl. signature, {message.segments} segment(s)"
            + (f", at most {message.max_segments}" if message.max_segments else "")
        ]
    else:
        lines = [f"短信 {message.chars} 字（含签名），计 {message.segments} 条{limit}"]
    if message.max_segments is not None and message.segments > message.max_segments:
        lines.append(
            "warning: more SMS segments than the channel allows"
            if lang == "en"
            else "警告：超过短信条数上限"
        )
    return lines


def _batch(
    renderer: Renderer,
    source: str,
    name: str,
    entry: Entry | None,
    request: RenderRequest,
    layers: list[dict[str, Any]],
    overrides: dict[str, Any],
    lang: str,
) -> BatchResult:
    from cskit.render.batch import render_batch
    from cskit.render.columns import parse_maps
    from cskit.render.renderer import RenderFailure

    if request.output is None:
        raise UsageError(
            "--batch 需要 --output FILE",
            hint="例如 --output messages.csv",
            en="--batch needs --output FILE",
            hint_en="e.g. --output messages.csv",
        )
    assert request.batch is not None
    try:
        return render_batch(
            renderer,
            source,
            name,
            request.batch,
            request.output,
            layers,
            overrides,
            channel=request.channel,
            show_progress=request.show_progress,
            maps=parse_maps(request.maps, renderer.config),
            keep=request.keep,
            lang=lang,
        )
    except RenderFailure as broken:  # the template itself is broken: no row can render
        raise RenderError(
            broken.message("zh-Hans"),
            where=_where(entry, name, broken.line),
            en=broken.message("en"),
        ) from None


def _check_gate(
    lib: Library,
    gate: Gate,
    source: str,
    entry: Entry | None,
    name: str,
    request: RenderRequest,
    lang: str,
) -> list[str]:
    """Refuse (or, forced, warn about) a text whose entries or template lint blocks."""
    ids = sorted(reply_closure(lib, source) | ({entry.id} if entry else set()))
    templates = [] if entry is not None else [name]
    blocked = gate(lib, ids, templates, request.as_of)
    force = request.force
    if not blocked:
        return []
    findings = [f for key in sorted(blocked) for f in blocked[key]]
    zh, en = _listing(findings, "zh-Hans"), _listing(findings, "en")
    what_zh = f"条目 {entry.id}" if entry is not None else f"模板 {name}"
    what_en = f"entry {entry.id!r}" if entry is not None else f"template {name}"
    if not force:
        raise RenderError(
            f"{what_zh} 有 {len(findings)} 个会泄露信息或误导客户的问题，未渲染：{zh}",
            hint="先改正（`cskit lint` 给出说明），或加 --force 强制渲染",
            en=f"{what_en} has {len(findings)} finding(s) that leak data or mislead the "
            f"customer; not rendered: {en}",
            hint_en="fix them first (`cskit lint` explains them), or pass --force",
        )
    if lang == "en":
        return [
            f"warning: {what_en} rendered despite {len(findings)} blocking finding(s) "
            f"(--force): {en}"
        ]
    return [f"警告：{what_zh} 有 {len(findings)} 个阻止发送的问题，因 --force 仍然渲染：{zh}"]


def _listing(findings: list[Finding], lang: str) -> str:
    """``CODE what (file:line:col)`` for each finding, one line."""
    if lang == "en":
        return "; ".join(
            f"{f.code} {_first_clause(f.message('en'))} ({f.file}:{f.line}:{f.column})"
            for f in findings
        )
    return "；".join(
        f"{f.code} {_first_clause(f.message(lang))}（{f.file}:{f.line}:{f.column}）"
        for f in findings
    )


def _first_clause(message: str) -> str:
    """A finding's message up to its first full stop or semicolon (what, not how to fix)."""
    import re

    return re.split(r"[。；]|\. |; ", message, maxsplit=1)[0].rstrip("。.")


def reply_closure(lib: Library, source: str) -> set[str]:
    """Ids of every entry ``source`` includes with ``reply('id')``, directly or through
    the entries it includes."""
    from cskit.render.analysis import analyse

    seen: set[str] = set()
    todo = [source]
    while todo:
        for entry_id, _line in analyse(todo.pop()).replies:
            target = lib.get(entry_id)
            if entry_id not in seen and target is not None:
                seen.add(entry_id)
                todo.append(target.answer)
    return seen


def _where(entry: Entry | None, name: str, line: int | None) -> str:
    """``file:line`` of the failing template line (in the YAML file for an entry)."""
    from cskit.library.positions import entry_text_position

    if entry is None:
        return f"{name}:{line}" if line else name
    key = tuple(name.split(":", 1)[1].split("."))
    file_line, _col = entry_text_position(entry, key, line or 1, 0)
    return f"{entry.file.display}:{file_line}"
