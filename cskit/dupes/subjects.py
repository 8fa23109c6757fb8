"""When two entries cannot contradict each other, whatever their answers say.

- **Apart**: their ``conditions`` are disjoint (a key both set with no value in common:
  ``order_status: paid`` against ``[shipped, signed]``), or their validity windows
  (``valid_from`` … ``valid_until``, both ends inclusive) do not overlap. They apply to
  different situations or different campaigns: never a conflict.
- **Different subjects**: the entries are about different things, as their titles and
  customer questions show. Two titles that read alike but differ in a name (``S号保温杯参数``
  / ``L号保温杯参数``, ``退货流程`` / ``换货流程``), where each entry's questions ask about its
  own name and neither entry's title or questions name the other's, describe two products
  or two procedures: their specs or steps differ by design. Entries that share a customer
  question are always about the same subject. A difference in numbers only (``7天无理由``
  / ``15天无理由``) is not a different subject: it is the contradiction itself.
- **Unrelated subjects** (:func:`same_frame_subject`): two answers that are not near-
  identical but share a template sentence with another number contradict each other only
  if nothing says they are about different things: when both entries have customer
  questions and none is the same, or both have titles of their own that differ, the shared
  sentence is about two subjects.
- **Stage**: an opening (``stage: greet``) and a closing (``stage: follow_up``) are never
  linked, however alike they read.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from cskit.dupes.canon import MARKS, canon, canon_question
from cskit.dupes.judge import Verdict
from cskit.library.model import Entry

PARALLEL = 50.0  # two titles or questions this alike share a frame and differ in a slot
_VALUE_CHARS = frozenset("0123456789" + MARKS)


def stage_class(entry: Entry) -> str:
    """``opening`` (greet), ``closing`` (follow_up) or ``other``."""
    stage = entry.data.get("stage")
    return {"greet": "opening", "follow_up": "closing"}.get(stage, "other")  # type: ignore[arg-type]


def disjoint(a: Entry, b: Entry) -> bool:
    """True if some condition key is set on both entries with no value in common."""
    ca, cb = a.conditions, b.conditions
    return any(key in cb and not set(ca[key]) & set(cb[key]) for key in ca)


def windows_apart(a: Entry, b: Entry) -> bool:
    """True if the two validity windows share no day."""
    start_a, end_a = a.date("valid_from"), a.date("valid_until")
    start_b, end_b = b.date("valid_from"), b.date("valid_until")
    low, high = dt.date.min, dt.date.max
    return (end_a or high) < (start_b or low) or (end_b or high) < (start_a or low)


def apart(a: Entry, b: Entry) -> str:
    """``conditions`` or ``valid`` when the entries never apply together, else ""."""
    if (a.data.get("conditions") or b.data.get("conditions")) and disjoint(a, b):
        return "conditions"
    limited = any(e.data.get(k) for e in (a, b) for k in ("valid_from", "valid_until"))
    if limited and windows_apart(a, b):
        return "valid"
    return ""


def different_subjects(a: Entry, b: Entry, verdict: Verdict | None = None) -> bool:
    """True if titles and questions show that the entries are about different things."""
    del verdict  # the decision rests on the entries
    qa, qb = _questions(a), _questions(b)
    if qa & qb:
        return False
    ta, tb = _title(a), _title(b)
    if not ta or not tb or ta == tb:
        return False
    subject_a = "\x00".join([ta, *qa])
    subject_b = "\x00".join([tb, *qb])
    return _names_differ(ta, tb, subject_a, subject_b, qa, qb)


def subject_of(entry: Entry, answer: str | None = None) -> tuple[frozenset[str], str]:
    """An entry's canonical questions and its own title ("" when written from the answer);
    ``answer``: the answer's canon, when known."""
    return frozenset(_questions(entry)), _title(entry, answer)


def same_frame_subject(a: tuple[frozenset[str], str], b: tuple[frozenset[str], str]) -> bool:
    """Whether two entries (:func:`subject_of`) whose answers only share a frame may be
    about one subject: not when both have questions and none is the same, nor when both
    have titles of their own that differ."""
    (qa, ta), (qb, tb) = a, b
    if qa and qb and not qa & qb:
        return False
    return not (ta and tb and ta != tb)


def _questions(entry: Entry) -> set[str]:
    out = {canon_question(q) for q in entry.questions}
    out.discard("")
    return out


def own_title(entry: Entry, answer: str | None = None) -> str:
    """The entry's canonical title when it names a subject of its own, else ""."""
    return _title(entry, answer)


def _title(entry: Entry, answer: str | None = None) -> str:
    """The canonical title, or "" when it is only the start of the answer (a title written
    from the answer's first words names no subject of its own)."""
    title = canon(entry.title.rstrip("…."))
    if not title or (canon(entry.answer) if answer is None else answer).startswith(title):
        return ""
    return title


def _names_differ(
    x: str, y: str, said_x: str, said_y: str, asked_x: set[str], asked_y: set[str]
) -> bool:
    """Titles ``x`` and ``y`` share a frame and differ in a name that each entry's questions
    ask about and the other's title and questions never mention."""
    if fuzz.ratio(x, y) < PARALLEL:
        return False
    for i1, i2, j1, j2 in _changes(x, y):
        part_x, part_y = _word(x, i1, i2), _word(y, j1, j2)
        if not part_x or not part_y:
            continue
        if _VALUE_CHARS.issuperset(x[i1:i2] + y[j1:j2]):
            continue  # values, not names
        if _mentions(said_y, part_x) or _mentions(said_x, part_y):
            continue
        if any(_mentions(q, part_x) for q in asked_x) and any(
            _mentions(q, part_y) for q in asked_y
        ):
            return True
    return False


def _mentions(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` (a Latin or digit word as a whole word: ``l`` is not in
    ``500ml``)."""
    if not word.isascii():
        return word in text
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def _changes(x: str, y: str) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes(x, y):
        if op.tag == "equal":
            continue
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if out and out[-1][1] == i1 and out[-1][3] == j1:
            out[-1] = (out[-1][0], i2, out[-1][2], j2)
        else:
            out.append((i1, i2, j1, j2))
    return out


def _word(text: str, lo: int, hi: int) -> str:
    """The changed characters, widened to two when only one changed (退 → 退货)."""
    if hi <= lo:
        return ""
    if text[lo:hi].isascii() and text[lo:hi].isalnum():
        while lo > 0 and text[lo - 1].isascii() and text[lo - 1].isalnum():
            lo -= 1
        while hi < len(text) and text[hi].isascii() and text[hi].isalnum():
            hi += 1
        return text[lo:hi]
    if hi - lo == 1 and not text[lo].isascii():
        if hi < len(text):
            return text[lo : hi + 1]
        if lo > 0:
            return text[lo - 1 : hi]
    return text[lo:hi]
