"""``cskit match``: the entries that best answer one customer question, with scores."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from cskit.commands.coverage_cmd import EmbeddingsOpt, LexiconOpt
from cskit.commands.options import LangOpt, LibraryOpt, NoCacheOpt


def match(
    question: Annotated[str, typer.Argument(help="A customer's question, as they wrote it.")],
    library: LibraryOpt = None,
    top: Annotated[int, typer.Option("--top", "-k", help="How many entries to list.")] = 5,
    context: Annotated[
        list[str] | None,
        typer.Option(
            "--context",
            help="An earlier customer turn of the same session (repeat, oldest first): "
            "follow-ups such as 那要多久 borrow its topic.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lexicon: LexiconOpt = None,
    embeddings: EmbeddingsOpt = None,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Show what the coverage matcher makes of QUESTION: its verdict (the answering entry,
    unanswered or chitchat), the intents the lexicon sees and the best entries by score."""
    from cskit.commands.common import choice
    from cskit.commands.options import normalise_lang
    from cskit.coverage.run import build_matcher
    from cskit.errors import UsageError, set_language
    from cskit.library.load import load_library

    language = normalise_lang(lang)
    set_language(language)
    fmt = choice(format, ("text", "json"), "--format")
    if top < 1:
        raise UsageError(f"--top {top} 至少为 1", en=f"--top {top} must be 1 or more")
    lib = load_library(library, use_cache=not no_cache)
    language = language or lib.config.language
    set_language(language)
    matcher = build_matcher(lib, lexicon or (), embeddings)
    analysis = matcher.lexicon.analyse(question)
    decision = matcher.decide(question, context or ())
    ranked = matcher.rank(question, k=top)
    verdict = (
        "chitchat"
        if decision.chitchat
        else matcher.entries[decision.entry].id
        if decision.entry is not None
        else None
    )
    if fmt == "json":
        doc = {
            "version": 1,
            "question": question,
            "verdict": verdict,
            "score": round(max(decision.score, 0.0), 3),
            "from_context": decision.via_context,
            "intents": list(analysis.intents),
            "concepts": sorted(analysis.concepts),
            "candidates": [
                {"id": c.id, "title": matcher.entries[c.index].title, "score": round(c.score, 3)}
                for c in ranked
            ],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    en = language == "en"
    labels = [matcher.lexicon.intents[i].label for i in analysis.intents]
    if decision.chitchat:
        head = "chitchat: not a question" if en else "寒暄：不是提问，不计入覆盖率"
    elif verdict is None:
        head = "unanswered: no entry answers it" if en else "未覆盖：没有条目回答这个问题"
    else:
        title = matcher.entries[decision.entry or 0].title
        how = (" (from the context)" if en else "（借上文判断）") if decision.via_context else ""
        head = f"answered by {verdict}  {title}{how}" if en else f"由 {verdict} 回答：{title}{how}"
    lines = [head]
    if labels:
        lines.append(("intents: " if en else "意图：") + "、".join(labels))
    if ranked:
        lines.append("best entries:" if en else "最接近的条目：")
        lines += [f"  {c.score:.2f}  {c.id}  {matcher.entries[c.index].title}" for c in ranked]
    typer.echo("\n".join(lines))
