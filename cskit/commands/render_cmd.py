"""``cskit render``: one message from an entry or a template, or one per row of a batch."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cskit.commands.common import check_outputs, choice, emit
from cskit.commands.options import (
    AsOfOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    QuietOpt,
    normalise_lang,
    split_list,
)
from cskit.errors import RenderError, UsageError, set_language
from cskit.fileio import protect

if TYPE_CHECKING:
    from cskit.library.model import Entry


def render(
    target: Annotated[str, typer.Argument(help="An entry id, or a template name/path (.j2).")],
    sample: Annotated[
        str | None,
        typer.Option("--sample", help="Start from this sample context in cskit.yaml."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Context from a JSON or YAML file (overrides --sample)."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Set one variable: order.id=123 (repeatable; wins last)."),
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option("--channel", help="Render the channel text, e.g. sms (signature, segments)."),
    ] = None,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help="Render one message per row of a csv, xlsx or jsonl file."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where batch results go (.csv, .jsonl or .xlsx)."),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Batch: feed a column to a variable, 订单编号=order.id (repeatable). Columns "
            "named by a variable or its label (订单号) need none.",
            show_default=False,
        ),
    ] = None,
    keep: Annotated[
        list[str] | None,
        typer.Option(
            "--keep",
            help="Batch: copy this column to the output as it is (repeatable or comma-separated).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    library: LibraryOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Render an answer or template with sample, file or command-line data.

    Exit codes: 0 rendered; 1 the render failed on content (a missing or mistyped variable,
    a sandbox violation) or a batch row failed; 2 bad options or unreadable input.
    """
    from cskit.dates import parse_as_of
    from cskit.library.load import load_library
    from cskit.render.inputs import load_data, resolve_target, set_values
    from cskit.render.renderer import Renderer, RenderFailure, sms
    from cskit.render.window import refuse_outside

    fmt = choice(format, ("text", "json"), "--format")
    day = parse_as_of(as_of)
    lib = load_library(library, use_cache=not no_cache)
    protect([p for p in (data, batch) if p is not None])  # never an output's target
    check_outputs(output, out)
    config = lib.config
    language = normalise_lang(lang) or config.language
    set_language(language)  # errors from here on speak it too
    renderer = Renderer(config, lib, as_of=day)
    source, name, entry = resolve_target(lib, target, channel)
    if entry is not None:  # a campaign planned ahead waits for its day; an expired one is over
        refuse_outside(entry, day)
    layers: list[dict[str, Any]] = []
    if sample is not None:
        if sample not in config.samples:
            known = ", ".join(config.samples) or "none"
            raise UsageError(f"--sample {sample!r} is not in cskit.yaml", hint=f"samples: {known}")
        layers.append(config.samples[sample])
    if data is not None:
        layers.append(load_data(data))
    overrides = set_values(set_, config) if set_ else {}
    if batch is not None:
        out = out or output  # --output works too, as for every other command
        if out is None:
            raise UsageError("--batch needs --out FILE", hint="e.g. --out messages.csv")
        from cskit.render.batch import render_batch
        from cskit.render.columns import parse_maps

        try:
            result = render_batch(
                renderer,
                source,
                name,
                batch,
                out,
                layers,
                overrides,
                channel=channel,
                show_progress=not quiet,
                maps=parse_maps(map_ or [], config),
                keep=split_list(keep),
                lang=language,
            )
        except RenderFailure as broken:  # the template itself is broken: no row can render
            where = _where(entry, name, broken.line)
            raise RenderError(broken.message(language), where=where) from None
        for line in result.failure_lines(language):
            typer.echo(line, err=True)
        if not quiet:
            typer.echo(result.summary(language, out), err=True)
        raise typer.Exit(1 if result.failures else 0)
    try:
        text = renderer.render(source, renderer.values(*layers, overrides), name)
    except RenderFailure as failure:
        where = _where(entry, name, failure.line)
        hint = None
        if failure.kind == "missing" and not (sample or data or set_):
            first = next(iter(config.samples), "NAME")
            hint = f"no data was given: try --sample {first}, --data FILE or --set NAME=VALUE"
        raise RenderError(failure.message(language), where=where, hint=hint) from None
    message = sms(config, text) if channel == "sms" else None
    if fmt == "json":
        payload: dict[str, object] = {"target": target, "channel": channel, "text": text}
        if message is not None:
            payload.update(text=message.text, chars=message.chars, segments=message.segments)
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    emit((message.text if message else text) + "\n", output)
    if message is not None and not quiet:
        limit = f"，上限 {message.max_segments} 条" if message.max_segments else ""
        over = message.max_segments is not None and message.segments > message.max_segments
        note_zh = f"短信 {message.chars} 字（含签名），计 {message.segments} 条{limit}"
        note_en = f"SMS: {message.chars} characters incl. signature, {message.segments} segment(s)"
        print(note_en if language == "en" else note_zh, file=sys.stderr)
        if over:
            print("warning: 超过短信条数上限 / more segments than allowed", file=sys.stderr)


def _where(entry: Entry | None, name: str, line: int | None) -> str:
    """``file:line`` of the failing template line (in the YAML file for an entry)."""
    from cskit.library.positions import entry_text_position

    if entry is None:
        return f"{name}:{line}" if line else name
    key = tuple(name.split(":", 1)[1].split("."))
    file_line, _col = entry_text_position(entry, key, line or 1, 0)
    return f"{entry.file.display}:{file_line}"
