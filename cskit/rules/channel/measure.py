"""Channel length checks (M001 SMS segments, M002 chat length) and the measurement they share.

Length is measured on the *rendered* text, worst case over the samples, with the shared
renderer (``cskit.render.renderer.Renderer``, the one ``cskit render`` and T006 use). A sample the
text cannot be rendered with (a required variable it lacks: T006 reports that) is skipped;
when no sample renders, the length is estimated by replacing each ``{{ … }}`` with the
longest value the samples or the variable registry give for it.

SMS counting follows Alibaba Cloud SMS: signature (with its 【】) plus body; every character
counts 1; one message holds ``segment_chars`` (70); a longer text is billed per
``multipart_chars`` (67).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cskit.config.model import Channel, Config
from cskit.library.model import Entry

if TYPE_CHECKING:
    from cskit.rules.base import Context

_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)
_STMT = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_GUESS = 10  # characters assumed for a variable nobody gave a value for


@dataclass(frozen=True)
class Measure:
    length: int
    text: str
    sample: str  # sample name, or "" when estimated


def segments(length: int, channel: Channel) -> int:
    """How many SMS a text of ``length`` characters (signature included) is billed as."""
    if length <= channel.segment_chars:
        return 1
    return math.ceil(length / channel.multipart_chars)


def sample_contexts(entry: Entry, config: Config) -> list[tuple[str, dict[str, Any]]]:
    """The entry's samples (names or inline contexts), else every config sample."""
    chosen: list[tuple[str, dict[str, Any]]] = []
    listed = entry.data.get("samples")
    if isinstance(listed, list) and listed:
        for i, item in enumerate(listed):
            if isinstance(item, str) and item in config.samples:
                chosen.append((item, config.samples[item]))
            elif isinstance(item, dict):
                chosen.append((f"samples[{i}]", item))
    else:
        chosen = list(config.samples.items())
    return chosen


def _lookup(context: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(context, dict) or part not in context:
            return None
        context = context[part]
    return context


def estimate(text: str, config: Config, contexts: list[dict[str, Any]]) -> str:
    """The raw text with each ``{{ … }}`` replaced by the longest known value for it."""

    def longest(m: re.Match[str]) -> str:
        name = _NAME.search(m.group(1))
        if not name:
            return "x" * _GUESS
        dotted = name.group()
        values = [_lookup(c, dotted) for c in contexts]
        var = config.variables.get(dotted)
        if var is not None and var.example is not None:
            values.append(var.example)
        if dotted.startswith("facts.") and dotted[6:] in config.facts:
            values.append(config.facts[dotted[6:]].value)
        shown = [str(v) for v in values if v is not None]
        return max(shown, key=len) if shown else "x" * _GUESS

    return _STMT.sub("", _EXPR.sub(longest, text))


def upper_bound(text: str, config: Config, entry: Entry) -> int:
    """A cheap length no rendering can exceed by much: the estimate plus room per tag for
    filters (``¥``, decimals, date formats). Texts under a limit by this bound are not
    rendered at all, which keeps a 10k-entry run fast."""
    if "{" not in text:
        return len(text)
    contexts = [c for _, c in sample_contexts(entry, config)]
    return len(estimate(text, config, contexts)) + 24 * text.count("{{")


def rendered_worst_case(entry: Entry, ctx: Context, text: str) -> Measure:
    """The longest rendering of ``text`` over the entry's samples (an estimate if none render)."""
    if "{" not in text:
        return Measure(len(text), text, "")
    from cskit.render.renderer import RenderFailure
    from cskit.rules.template.common import renderer

    contexts = sample_contexts(entry, ctx.config)
    shared = renderer(ctx)
    best: Measure | None = None
    for name, context in contexts:
        try:
            out = shared.render(text, shared.values(context), f"{entry.id}:measure")
        except RenderFailure:
            continue
        if best is None or len(out) > best.length:
            best = Measure(len(out), out, name)
    if best is None:
        guess = estimate(text, ctx.config, [c for _, c in contexts])
        return Measure(len(guess), guess, "")
    return best
