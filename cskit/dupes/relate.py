"""How two answers relate: a copy with harmless differences, a contradiction, or neither.

Judged on the comparison forms of :mod:`cskit.dupes.content`. A pair is a **copy** when

- ``similar``: ``fuzz.ratio`` of the two forms reaches the D002 threshold;
- ``short``: both forms are short (at most :data:`SHORT` characters) and one is the other
  with one character more (``稍等`` / ``您稍等``): on a 5-character reply one character
  is 20 points of ratio;
- ``contained``: the shorter reply is the start or the end of the longer one (at most one
  character off when it is :data:`FUZZY_FROM` characters or longer) and makes up at least
  :data:`SHARE` of it, or :data:`LONG` characters: a reply with a lead-in or a closing line
  added;
- ``literal``: the whole of one reply, as written (particles and all, after the reply
  canon), starts or ends the other: a reply copied and added to, whatever the share;
- ``reordered``: the same clauses in another order.

It is a **contradiction** when :func:`cskit.dupes.judge.judge` finds one and the two
replies are a copy, reach the D004 threshold, or share a **frame**: at least
:data:`FRAME_SHARE` of the shorter reply and :data:`FRAME_MIN` characters in common (the
same template with other numbers and a different lead-in). Whether the two entries are
about the same subject is decided on the entries (:mod:`cskit.dupes.subjects`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq

from cskit.dupes.content import FORMULA_BASE
from cskit.dupes.judge import Verdict, judge

SHORT = 8  # characters: the length-aware bar for short replies
SHARE = 0.3  # a contained reply is at least this share of the longer one…
SHORT_SHARE = 0.5  # …or this share when it is at most 5 characters (您放心 in a long reply)
LONG = 16  # …or at least this long
FUZZY_FROM = 12  # contained replies this long may be one character off
MIN_CONTAINED = 3  # shorter replies are never "contained" (好的, 稍等)
MIN_LITERAL = 4  # a reply copied whole into another is at least this long (canonical)
FRAME_SHARE = 0.6
FRAME_MIN = 12


@dataclass(frozen=True)
class Relation:
    label: str  # variant | conflict
    score: float  # fuzz.ratio of the comparison forms
    how: str  # similar | short | contained | reordered | frame
    verdict: Verdict


def relate(
    ta: str,
    tb: str,
    near: float,
    conflict: float,
    opposites: Sequence[tuple[str, str]],
    score: float | None = None,
    *,
    reordered: bool = False,
    literal: bool = False,
) -> Relation | None:
    """The relation of two comparison forms, or None. ``score``: their ratio, when already
    known; ``reordered``: whether they hold the same clauses in another order; ``literal``:
    whether one reply, as written, starts or ends the other."""
    if score is None:
        score = float(fuzz.ratio(ta, tb))
    how = copy_kind(ta, tb, near, score, reordered) or ("literal" if literal else None)
    shorter = min(len(ta), len(tb))
    if how is None and score < conflict:
        lcs = LCSseq.similarity(ta, tb)
        if lcs < FRAME_MIN or lcs < FRAME_SHARE * shorter:
            return None
    verdict = judge(ta, tb, tuple(opposites))
    if verdict.conflict:
        kind = how or ("similar" if score >= conflict else "frame")
        return Relation("conflict", score, kind, verdict)
    if how is None or verdict.substantive:
        return None  # too little in common to contradict, too different to be a copy
    return Relation("variant", score, how, verdict)


def copy_kind(ta: str, tb: str, near: float, score: float, reordered: bool) -> str | None:
    """How ``ta`` and ``tb`` are the same reply, or None (see the module docstring)."""
    if not ta or not tb:
        return None
    if score >= near:
        return "similar"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(long_) <= SHORT and Indel.distance(short, long_) <= 1 and _one_plain(short, long_):
        return "short"
    if contained(short, long_):
        return "contained"
    if reordered:
        return "reordered"
    return None


def _one_plain(short: str, long_: str) -> bool:
    """The one character ``long_`` has more is a plain one, not a whole formula (请稍等 +
    帮您查一下 is not 请稍等 with one character added)."""
    extra = set(long_) - set(short)
    return not any(FORMULA_BASE <= ord(ch) < FORMULA_BASE + 64 for ch in extra or long_)


def contained(short: str, long_: str) -> bool:
    """``short`` starts or ends ``long_`` and is a fair part of it."""
    n = len(short)
    share = SHORT_SHARE if n <= 5 else SHARE
    if n < MIN_CONTAINED or len(long_) < n + 2 or (n < share * len(long_) and n < LONG):
        return False
    if long_.startswith(short) or long_.endswith(short):
        return True
    if n < FUZZY_FROM:
        return False
    slack = n + 1
    return (
        Indel.distance(short, long_[:slack]) <= 2
        or Indel.distance(short, long_[-slack:]) <= 2
        or Indel.distance(short, long_[: n - 1]) <= 1
        or Indel.distance(short, long_[-(n - 1) :]) <= 1
    )
