"""The failures a user can cause. Each becomes one line on stderr and exit code 2 (DESIGN §7).

Library content problems are findings, not errors; these are for input cskit cannot work
with at all: a bad cskit.yaml, a missing folder, an unreadable data file, a bad option.
"""

from __future__ import annotations


class CskitError(Exception):
    """Base: ``where`` is ``file:line`` or ``sheet!cell`` when known; ``hint`` says what to do."""

    exit_code = 2

    def __init__(self, message: str, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} (hint: {self.hint})" if self.hint else text


class ConfigError(CskitError):
    """cskit.yaml is missing, unreadable or invalid."""


class LibraryNotFound(CskitError):
    """No library folder or cskit.yaml where the user pointed."""


class UsageError(CskitError):
    """A command-line option that cannot be honoured (bad date, unknown rule selector…)."""


class InputError(CskitError):
    """A data file handed to a command (--data, --batch, a workbook) cannot be used."""


class GitError(CskitError):
    """A git operation needed by --staged / --changed-since / export failed."""


class RenderError(CskitError):
    """A render failed on content: a missing or mistyped variable, a sandbox violation.

    Exit code 1, like findings: the input was readable, the message could not be produced.
    """

    exit_code = 1
