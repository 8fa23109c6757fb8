"""The failures a user can cause. Each becomes one line on stderr and exit code 2.

Library content problems are findings, not errors; these are for input cskit cannot work
with at all: a bad cskit.yaml, a missing folder, an unreadable data file, a bad option.

Errors speak the user's language. ``message`` and ``hint`` are the Chinese text (the
default); ``en`` and ``hint_en`` the English one. The language is the process's: the CLI
sets it from ``--lang`` or cskit.yaml's ``language`` (:func:`set_language`). An error
raised without ``en`` shows ``message`` in both languages, framed as in English.
"""

from __future__ import annotations

LANGUAGES = ("zh-Hans", "en")
_language = ["zh-Hans"]


def set_language(lang: str | None) -> None:
    """The language errors are shown in from now on (``zh-Hans`` or ``en``)."""
    if lang in LANGUAGES:
        _language[0] = lang


def language() -> str:
    return _language[0]


class CskitError(Exception):
    """Base: ``where`` is ``file:line`` or ``sheet!cell`` when known; ``hint`` says what to do."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        where: str | None = None,
        hint: str | None = None,
        *,
        en: str | None = None,
        hint_en: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.en = en
        self.hint_en = hint_en

    def __reduce__(self) -> tuple[object, ...]:  # crosses a fork (cskit.parallel) whole
        return (
            _rebuild,
            (type(self), self.message, self.where, self.hint, self.en, self.hint_en),
        )

    def text(self, lang: str | None = None) -> str:
        """The one line the user sees: ``where: message (hint: …)`` in ``lang``."""
        # An error written before errors were bilingual keeps its one text and English frame.
        english = (lang or language()) == "en" or self.en is None
        message = (self.en or self.message) if english else self.message
        hint = (self.hint_en or self.hint) if english else self.hint
        text = f"{self.where}: {message}" if self.where else message
        if not hint:
            return text
        return f"{text} (hint: {hint})" if english else f"{text}（提示：{hint}）"

    def __str__(self) -> str:
        return self.text()


def _rebuild(
    cls: type[CskitError],
    message: str,
    where: str | None,
    hint: str | None,
    en: str | None,
    hint_en: str | None,
) -> CskitError:
    return cls(message, where, hint, en=en, hint_en=hint_en)


class ConfigError(CskitError):
    """cskit.yaml is missing, unreadable or invalid."""


class LibraryNotFound(CskitError):
    """No library folder or cskit.yaml where the user pointed."""


class UsageError(CskitError):
    """A command-line option that cannot be honoured (bad date, unknown rule selector…)."""


class InputError(CskitError):
    """A data file handed to a command (--data, --batch, a workbook) cannot be used."""


class OutputError(CskitError):
    """An output path cskit will not write: not a regular file, a missing folder, or a file
    of the library or the input itself."""


class GitError(CskitError):
    """A git operation needed by --staged / --changed-since / export failed."""


class RenderError(CskitError):
    """A render failed on content: a missing or mistyped variable, a sandbox violation.

    Exit code 1, like findings: the input was readable, the message could not be produced.
    """

    exit_code = 1


class WriteError(CskitError):
    """A write could not be done exactly; every file was left as it was."""


class StaleFile(WriteError):
    """A file changed after this run read it (another cskit run or an editor)."""


class Busy(WriteError):
    """Another cskit run kept the library's write lock for too long."""
