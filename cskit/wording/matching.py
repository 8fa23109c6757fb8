"""How a pack item looks at a reply: which text it reads and the clause-level conditions.

An item reads one of three views of the normalised text (``scan``):

- ``words`` (the default): the agent's own words (:func:`cskit.text.reply.agent_words`):
  system notices, emoticon codes, HTML leftovers, links and pasted product copy removed;
- ``shown``: the same, but pasted product copy kept (ad-law terms in copy still count);
- ``all``: the whole text (privacy: a phone number is a leak wherever it is).

A hit can then be set aside by where it stands (``skip``): in a ``question`` (能不能退？ is
not a refusal), in a ``condition`` (如果无法签收…, 不能用的话…), in a ``boilerplate``
clause (greetings, courtesies, closings) or in a ``reason`` (a sentence from 因为/由于/所以
on: 因为您 is an explanation, not an offer). And the reply around it can clear it
(``unless``) or be needed for it (``requires``), searched in a :class:`Scope`: a window of
characters, the hit's own clause, the other clauses, the clauses after or before it, its
sentence, or the whole reply; clauses that match an ``ignore`` pattern or are of a
``skip`` kind are not searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cskit.text.clauses import Clause
from cskit.text.reply import Reply, agent_words
from cskit.wording.screening import Screened, clause_marks, either, unanchored

SCANS = ("words", "shown", "all")
SCOPES = ("window", "clause", "others", "later", "earlier", "sentence", "reply")
KINDS = ("question", "condition", "boilerplate", "reason")


def view(text: str, scan: str) -> Reply:
    """The view ``scan`` of normalised ``text`` (offsets map back into ``text``)."""
    if scan == "all":
        return _whole(text)
    key = (text, scan)
    found = _VIEWS.get(key)
    if found is None:
        if len(_VIEWS) > 8192:
            _VIEWS.clear()
        found = _VIEWS[key] = agent_words(text, keep_copy=scan == "shown")
    return found


_VIEWS: dict[tuple[str, str], Reply] = {}


_WHOLE: dict[str, Reply] = {}


def _whole(text: str) -> Reply:
    found = _WHOLE.get(text)
    if found is None:
        if len(_WHOLE) > 4096:
            _WHOLE.clear()
        found = _WHOLE[text] = Reply(text, text)
    return found


# --- conditions ------------------------------------------------------------------------

# "If" openers; 如 only where it means "if" (not 例如/比如/如下/如何/如今/如此).
_OPENER = re.compile(
    r"如果|若是|若(?!干)|假如|假若|倘若|万一|要是|一旦|只要|(?<![例比假譬诸])如(?![下何此今同意实期约数])"
)
# Where the condition ends and the consequence begins.
_THEN = re.compile(r"就|则|那么|那就|那|也|都|便|表示|说明|的话|，|,")


def in_condition(clause: str, start: int, end: int) -> bool:
    """Does ``clause[start:end]`` sit in a condition: after an "if" with no "then" between,
    or right before 的话 / 也 (不能用的话…, 不能用也…)?"""
    left = clause[:start]
    opener = None
    for m in _OPENER.finditer(left):
        opener = m
    # A "then" inside the hit counts too: 如果…表示没有 is a consequence.
    if opener is not None and not _THEN.search(clause[:end], opener.end()):
        return True
    right = clause[end : end + 8]
    return bool(re.match(r"[^，。！？的]{0,4}(?:的话|也(?!是|没|不|无))", right))


_REASON = re.compile(
    r"^(?:因为|由于|因(?!此)|是因为|主要是因为|主要是|这是因为|所以|因此|导致)|导致"
)
_CONSEQUENCE = re.compile(r"所以|导致|因此|造成")


def reasons(reply: Reply) -> frozenset[int]:
    """Indices of the clauses that explain a cause: from a clause opening with 因为, 由于,
    所以 … (or holding 导致) to the clause that gives the consequence (所以, 导致) or the
    end of the sentence."""
    memo = reply.memo.get("reasons")
    if isinstance(memo, frozenset):
        return memo
    found: set[int] = set()
    sentence, inside = -1, False
    for i, clause in enumerate(reply.clauses):
        if clause.sentence != sentence:
            sentence, inside = clause.sentence, False
        if _REASON.search(clause.text):
            inside = True
        if inside:
            found.add(i)
            # the explanation ends with its consequence: 由于…导致延迟 | 已经到了分拣
            if _CONSEQUENCE.search(clause.text):
                inside = False
    result = reply.memo["reasons"] = frozenset(found)
    return result


def kinds_of(reply: Reply, clause: Clause | None, start: int, end: int) -> set[str]:
    """The ``skip`` kinds that hold for the hit ``start:end`` in ``clause``."""
    if clause is None:
        return set()
    found = set()
    if clause.question:
        found.add("question")
    if clause.boilerplate:
        found.add("boilerplate")
    if in_condition(clause.text, start - clause.start, end - clause.start):
        found.add("condition")
    if _index_at(reply.clauses, clause.start) in reasons(reply):
        found.add("reason")
    return found


# --- scoped searches -------------------------------------------------------------------


_NEVER = re.compile("(?!)")


@dataclass(frozen=True)
class Scope:
    """Patterns searched around a hit: a window (``before``/``after`` characters, ``None``
    = to the start/end) or a set of clauses, minus ``ignore``-matching and ``skip``-kind
    clauses. In its own clause the hit is left out, and ``before``/``after`` bound the
    search there (for ``scope: clause``, ``None`` = the whole clause)."""

    patterns: tuple[re.Pattern[str], ...]
    scope: str = "window"
    before: int | None = 0
    after: int | None = None
    ignore: tuple[re.Pattern[str], ...] = ()
    skip: frozenset[str] = frozenset()
    # one regex for the patterns, one for them without ^/$ anchors (if it finds nothing in
    # the whole text, no clause can match); the anchored ones alone (searched clause by
    # clause), the others together (searched once over the whole text); same for ignore
    one: re.Pattern[str] = field(default=_NEVER, compare=False, repr=False)
    loose: Screened = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    anchored: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    free: Screened | None = field(default=None, compare=False, repr=False)
    ignore_anchored: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    ignore_free: Screened | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "one", either(self.patterns))
        put(self, "loose", Screened([unanchored(p) for p in self.patterns]))
        for name, group in (("", self.patterns), ("ignore_", self.ignore)):
            tied = [p for p in group if unanchored(p).pattern != p.pattern]
            loose = [p for p in group if unanchored(p).pattern == p.pattern]
            put(self, f"{name}anchored", either(tied) if tied else None)
            put(self, f"{name}free", Screened(loose) if loose else None)

    def possible(self, reply: Reply) -> bool:
        """Can this search succeed anywhere in the reply? (Memoised with the reply.)"""
        anywhere = reply.memo.get(id(self))
        if anywhere is None:
            anywhere = reply.memo[id(self)] = self.loose.search(reply.text)
        return bool(anywhere)

    def _map(self, reply: Reply) -> tuple[list[bool], list[bool]]:
        """(clauses a pattern matches in, clauses an ignore pattern matches in), worked
        out once per reply and pattern list (searches sharing an ignore list share it)."""
        return (
            _clause_marks(reply, self.patterns, self.free, self.anchored),
            _clause_marks(reply, self.ignore, self.ignore_free, self.ignore_anchored),
        )

    def found(self, reply: Reply, start: int, end: int) -> bool:
        text = reply.text
        # cheap: a search that cannot succeed needs no clauses (once they are there, the
        # clause map answers as fast)
        if not reply.has_clauses and not self.possible(reply):
            return False
        if self.scope == "window":
            lo = 0 if self.before is None else max(0, start - self.before)
            hi = len(text) if self.after is None else min(len(text), end + self.after)
            return self._any(text[lo:start]) or self._any(text[end:hi])
        if self.scope == "reply" and not self.ignore and not self.skip:
            return self._any(text[:start]) or self._any(text[end:])
        every = reply.clauses
        at = _index_at(every, start)
        here = every[at] if at is not None else None
        explaining = reasons(reply) if "reason" in self.skip else frozenset()
        ignored = (
            _clause_marks(reply, self.ignore, self.ignore_free, self.ignore_anchored)
            if self.ignore
            else None
        )
        for i, clause in enumerate(every):
            if not self._wanted(i, clause, at, here) or i in explaining:
                continue
            if ignored is not None and ignored[i]:
                continue
            if clause.boilerplate and "boilerplate" in self.skip:
                continue
            if clause.question and "question" in self.skip:
                continue
            if clause is here:
                lo = clause.start if self.before is None else max(clause.start, start - self.before)
                hi = clause.end if self.after is None else min(clause.end, end + self.after)
                left, right = text[lo:start], text[end:hi]
                if self._any(left) or self._any(right):
                    return True
            elif self._in(reply, i, clause):
                return True
        return False

    def _in(self, reply: Reply, i: int, clause: Clause) -> bool:
        """Does a pattern match clause ``i``? (Memoised with the reply: items share.)"""
        key = ("in", self.patterns, i)
        found = reply.memo.get(key)
        if found is None:
            # the patterns that can match anywhere in the reply (one screening per reply)
            ckey = ("candidates", self.patterns)
            candidates = reply.memo.get(ckey)
            if candidates is None:
                some = self.free.candidates(reply.text) if self.free is not None else []
                if self.anchored is not None:
                    some = [*some, self.anchored]
                candidates = reply.memo[ckey] = tuple(some)
            text = clause.text
            found = reply.memo[key] = any(
                p.search(text)
                for p in candidates  # type: ignore[attr-defined]
            )
        return bool(found)

    def _wanted(self, i: int, clause: Clause, at: int | None, here: Clause | None) -> bool:
        scope = self.scope
        if scope == "reply":
            return True
        if at is None or here is None:
            return scope in ("others", "later")
        if scope == "clause":
            return i == at
        if scope == "others":
            return i != at
        if scope == "later":
            return i > at
        if scope == "earlier":
            return i < at
        return clause.sentence == here.sentence  # sentence

    def _any(self, text: str) -> bool:
        return self.one.search(text) is not None


def _clause_marks(
    reply: Reply,
    patterns: tuple[re.Pattern[str], ...],
    free: Screened | None,
    anchored: re.Pattern[str] | None,
) -> list[bool]:
    """:func:`~cskit.wording.screening.clause_marks` for a reply, memoised with it by the pattern list."""
    key = ("marks", patterns)
    found = reply.memo.get(key)
    if found is None:
        every = reply.clauses
        found = reply.memo[key] = clause_marks(
            reply.text, every, [c.start for c in every], free, anchored
        )
    return found  # type: ignore[return-value]


def _index_at(every: tuple[Clause, ...], start: int) -> int | None:
    for i, clause in enumerate(every):
        if clause.start <= start < clause.end:
            return i
    return None


def clause_at(reply: Reply, start: int) -> Clause | None:
    at = _index_at(reply.clauses, start)
    return None if at is None else reply.clauses[at]
