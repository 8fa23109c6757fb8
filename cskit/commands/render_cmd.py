"""``cskit render``: one message from an entry or a template, or one per row of a batch
(the run itself is :mod:`cskit.render.run`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.common import choice, emit, notes
from cskit.commands.options import (
    AsOfOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    QuietOpt,
    normalise_lang,
    split_list,
)

if TYPE_CHECKING:
    import datetime as dt

    from cskit.findings import Finding
    from cskit.library.model import Library


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
        typer.Option(
            "--batch", help="Render one message per row of a csv, xlsx or jsonl file (needs -o)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            "--out",
            help="Where the result goes: the message (default: stdout), or with --batch the "
            "results file (.csv, .jsonl or .xlsx). --out is the same option.",
            show_default=False,
        ),
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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Render even an entry with findings that leak data or mislead (error-level "
            "T, W004, W005, P); a warning names them.",
        ),
    ] = False,
    library: LibraryOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Render an answer or template with sample, file or command-line data.

    An entry (or template) with error-level findings that leak data or mislead the customer
    (T, W004, W005, P) is not rendered unless --force is given.

    Exit codes: 0 rendered; 1 refused by those findings, the render failed on content (a
    missing or mistyped variable, a sandbox violation) or a batch row failed; 2 bad options
    or unreadable input.
    """
    from cskit.dates import parse_as_of
    from cskit.render.run import RenderRequest, sms_note
    from cskit.render.run import render as run

    fmt = choice(format, ("text", "json"), "--format")
    request = RenderRequest(
        as_of=parse_as_of(as_of),
        target=target,
        sample=sample,
        data=data,
        sets=set_ or [],
        channel=channel,
        batch=batch,
        output=output,
        maps=map_ or [],
        keep=split_list(keep),
        lang=normalise_lang(lang),
        force=force,
        use_cache=not no_cache,
        show_progress=not quiet,
    )
    done = run(library, request, gate=_gate)
    notes(done.warnings, False)  # an override is never quiet
    if done.batch is not None:
        notes(done.notes, quiet)
        raise typer.Exit(done.exit_code)
    if fmt == "json":
        payload: dict[str, object] = {"target": target, "channel": channel, "text": done.text}
        if done.sms is not None:
            payload.update(text=done.sms.text, chars=done.sms.chars, segments=done.sms.segments)
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    emit((done.sms.text if done.sms else done.text) + "\n", output)
    if done.sms is not None:
        notes(sms_note(done.sms, done.lang), quiet)


def _gate(
    lib: Library, entry_ids: list[str], templates: list[str], as_of: dt.date
) -> dict[str, list[Finding]]:
    """The linter's gate (:mod:`cskit.lint.gate`); the linter sits above the renderer."""
    from cskit.lint.gate import blocking_findings

    return blocking_findings(lib, as_of=as_of, entry_ids=entry_ids, templates=templates)
