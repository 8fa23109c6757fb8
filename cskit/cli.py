"""The command line: one Typer app, one thin function per command (in ``cskit.commands``).

Every command loads, calls one library function, reports and exits. User-caused failures
(:class:`CskitError`) become one ``error:`` line and exit 2, here and nowhere else.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from cskit import __version__, gcpause
from cskit.commands import (
    adopt_cmd,
    baseline_cmd,
    cache_cmd,
    dupes_cmd,
    export_cmd,
    hook_cmd,
    import_cmd,
    init_cmd,
    lint_cmd,
    publish_cmd,
    render_cmd,
    review_cmd,
    rule_cmd,
    stale_cmd,
)
from cskit.errors import CskitError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="cskit",
    help="Lint, dedupe, render and round-trip customer-service script libraries (话术库).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def guarded(func: F) -> F:
    """Turn a :class:`CskitError` into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CskitError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("error: interrupted; nothing was left half-written", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cskit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lint, dedupe, render and round-trip customer-service script libraries (话术库)."""


def mount_group(name: str, doc: str | None, commands: dict[str, Callable[..., Any]]) -> None:
    """A command with subcommands (``cskit baseline write``), each guarded like the others."""
    sub = typer.Typer(help=doc, no_args_is_help=True, add_completion=False, rich_markup_mode=None)
    for command, func in commands.items():
        sub.command(command)(guarded(func))
    app.add_typer(sub, name=name)


app.command("lint")(guarded(lint_cmd.lint))
app.command("dupes")(guarded(dupes_cmd.dupes))
app.command("rule")(guarded(rule_cmd.rule))
app.command("init")(guarded(init_cmd.init))
app.command("stale")(guarded(stale_cmd.stale))
app.command("render")(guarded(render_cmd.render))
app.command("export")(guarded(export_cmd.export))
app.command("import")(guarded(import_cmd.import_))
app.command("publish")(guarded(publish_cmd.publish))
app.command("adopt")(guarded(adopt_cmd.adopt))
app.command("review")(guarded(review_cmd.review))
mount_group(
    "baseline", baseline_cmd.__doc__, {"write": baseline_cmd.write, "prune": baseline_cmd.prune}
)
mount_group(
    "hook", hook_cmd.__doc__, {"install": hook_cmd.install, "uninstall": hook_cmd.uninstall}
)
mount_group("cache", cache_cmd.__doc__, {"clean": cache_cmd.clean})


def main() -> None:
    """The ``cskit`` executable. After the command has run and its output is flushed, the
    process ends without tearing the interpreter down: freeing a loaded library object by
    object takes a third of a second at 10,000 entries, and nothing is left to do (files
    are written atomically before this point, forked helpers have been waited for)."""
    gcpause.freeze_loaded()
    try:
        app()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    if sys.getprofile() or sys.gettrace():
        sys.exit(code)  # a profiler, coverage or a debugger wants its normal exit
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to flush to
            stream.flush()
    os._exit(code)
