"""``cskit coverage``: which customer questions of real chat logs the library answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.commands.options import LangOpt, LibraryOpt, NoCacheOpt, OutputOpt, QuietOpt

MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="Name a column or a role value: session=对话编号, text=消息, role=身份, "
        "customer=访客, agent=小二 (repeat or comma-separate).",
        show_default=False,
    ),
]
LexiconOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        help="A team's own lexicon file, added to the shipped one (repeatable).",
        show_default=False,
    ),
]
EmbeddingsOpt = Annotated[
    Path | None,
    typer.Option(
        "--embeddings",
        help="Folder of a local embedding model (cskit-embedding.yaml); opt-in, never downloaded.",
        show_default=False,
    ),
]


def coverage(
    chatlogs: Annotated[
        list[Path],
        typer.Argument(help="Chat-log exports: .csv, .xlsx or .jsonl.", show_default=False),
    ],
    library: LibraryOpt = None,
    map_: MapOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, json, csv or xlsx.")
    ] = "text",
    output: OutputOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many unanswered clusters to report.")] = 10,
    lexicon: LexiconOpt = None,
    embeddings: EmbeddingsOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Match every customer turn to the entry that answers it, or to none, and report coverage,
    hits per entry, the largest unanswered clusters (with draft entries) and entries never hit.

    Chitchat (greetings, thanks, acknowledgements, a bare order number) is set apart and left
    out of coverage. Exit 0 when the report was made; 2 on unreadable input.
    """
    from cskit.commands.common import check_outputs, choice, emit
    from cskit.commands.options import normalise_lang, split_list
    from cskit.coverage.logcolumns import Mapping_
    from cskit.coverage.report import FORMATS, render
    from cskit.coverage.run import build_matcher
    from cskit.coverage.run import coverage as run_coverage
    from cskit.errors import UsageError, set_language
    from cskit.fileio import protect
    from cskit.library.load import load_library

    language = normalise_lang(lang)
    set_language(language)
    fmt = choice(format, FORMATS, "--format")
    if fmt == "xlsx" and output is None:
        raise UsageError(
            "--format xlsx 需要 --output 指定一个 .xlsx 文件",
            hint="例如 --format xlsx -o 覆盖率.xlsx",
            en="--format xlsx needs --output FILE.xlsx",
            hint_en="e.g. --format xlsx -o coverage.xlsx",
        )
    if top < 0:
        raise UsageError(f"--top {top} 不能小于 0", en=f"--top {top} must be 0 or more")
    if output is not None and any(output.resolve() == p.resolve() for p in chatlogs):
        raise UsageError(
            f"--output {output} 是要读取的聊天记录本身",
            hint="换一个输出文件名",
            en=f"--output {output} is one of the chat logs being read",
            hint_en="write the report to another file",
        )
    mapping = Mapping_.parse(split_list(map_))
    lib = load_library(library, use_cache=not no_cache)
    language = language or lib.config.language
    set_language(language)
    protect(chatlogs)  # never an output's target
    check_outputs(output)
    matcher = build_matcher(lib, lexicon or (), embeddings)
    result = run_coverage(
        lib,
        chatlogs,
        matcher=matcher,
        mapping=mapping,
        keep_turns=fmt != "text",
        top=top,
        show_progress=not quiet,
    )
    if fmt == "xlsx":
        from cskit.coverage.workbook import write_workbook

        assert output is not None
        write_workbook(result, output, language)
        if not quiet:
            typer.echo(render(result, "text", lang=language, quiet=True), nl=False, err=True)
        return
    emit(render(result, fmt, lang=language, quiet=quiet), output)
