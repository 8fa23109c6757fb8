"""Canonical text for duplicate detection: what is left of an answer or a question once
everything that does not change its meaning to a customer is gone.

``canon(text)`` applies, in order:

1. placeholder masking (``{{ order.id }}``, ``{% if … %}`` → one private-use character each),
   so ``{{order.id}}`` and ``{{ order.id }}`` are the same;
2. NFKC width folding (``１２３`` → ``123``, ``ＶＸ`` → ``VX``, Kangxi radicals → CJK);
3. ``casefold`` for Latin letters;
4. Traditional → Simplified (OpenCC ``t2s`` character by character, so it costs nothing
   per text; phrase-level choices such as 乾隆 do not matter for comparing texts);
5. marks between digits are kept as private-use characters: a decimal point (``1.5天`` is
   not ``15天``), a time colon (``18:00`` is not ``1800``) and a range dash or tilde
   (``1-7个工作日`` is not ``17个工作日``; stray punctuation around the dash is ignored, so
   ``1·-7`` is ``1-7``), and a list comma (``满900-180，600-120`` keeps two amounts apart;
   a thousands comma ``1,000`` is dropped);
6. removal of whitespace, punctuation, symbols (emoji, ``~``, ★), format characters and
   combining marks, through a lazily filled ``str.translate`` table (one category lookup per
   distinct code point, so canon is linear and fast).

``canon_question(text)`` also strips courtesy words and particles that customers add or drop
freely (leading ``亲``, ``亲亲``, ``您好``, ``你好``, ``请问``, ``在吗``, ``嗯呢``…; trailing ``呢
吗 呀 啊 哦 哈 吧 嘛``). Answers keep them here; :mod:`cskit.dupes.content` builds the
answers' comparison form.

Results are memoised for the process; across runs :mod:`cskit.dupes.index` keeps each file's
canonical texts in ``.cskit_cache/dupeindex.pickle`` (a git hook on a 100,000-entry library
should not normalise 300,000 texts again). :data:`CANON_VERSION` changes whenever the
output of either function changes, which invalidates that file.
"""

from __future__ import annotations

import re
import unicodedata

from cskit.text.normalise import PLACEHOLDER, mask_placeholders, to_simplified

CANON_VERSION = "canon-2"

# Unicode general categories removed by canon(): separators, punctuation, symbols, format,
# control, combining marks. Letters (Han included), digits and the placeholder stay.
_DROP = ("Z", "P", "S", "Cf", "Cc", "Mn", "Me")

QUESTION_PREFIXES = (
    "亲亲", "亲爱的", "亲", "您好", "你好", "请问", "在吗", "在不在", "麻烦问下", "问一下",
    "嗯嗯", "嗯呢", "嗯", "恩", "哦哦", "哦", "好的", "好", "那么", "那", "对了", "还有",
)  # fmt: skip
QUESTION_SUFFIXES = "呢吗呀啊哦哈吧嘛么"
_PREFIXES = re.compile("^(?:" + "|".join(QUESTION_PREFIXES) + ")+")
_SUFFIXES = re.compile(f"[{QUESTION_SUFFIXES}]+$")


class _StripTable(dict[int, "str | None"]):
    """``str.translate`` table filled on first sight of each character: dropped categories
    are deleted, Traditional characters become Simplified (OpenCC ``t2s``, one character at
    a time, so one ``translate`` call does both jobs). With ``marks``, the punctuation that
    may sit between two digits is kept for :func:`_marks`."""

    def __init__(self, marks: bool = True) -> None:
        super().__init__()
        self.marks = marks

    def __missing__(self, cp: int) -> str | None:
        ch = chr(cp)
        cat = unicodedata.category(ch)
        value: str | None
        if ch in _KEPT and self.marks:  # dropped after marks() has seen them
            value = "-" if ch in _DASHES else ch
        elif cat.startswith(_DROP) and ch != PLACEHOLDER:
            value = None
        else:
            value = to_simplified(ch) if cp >= 0x3400 else ch
        self[cp] = value
        return value


# punctuation kept until marks() has read it: what can sit between two digits
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_KEPT = ".:-~,、;" + _DASHES
_STRIP = _StripTable()
_STRIP_PLAIN = _StripTable(marks=False)  # for texts without a digit: no mark to keep

# Hangul conjoining jamo compose with their neighbours without being marks.
_JAMO = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))


def _composes(ch: str) -> bool:
    """Whether NFKC may treat ``ch`` together with a neighbour: a non-starter, or a
    character that can be the second of a composition (a test walks every code point)."""
    cp = ord(ch)
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch).startswith("M")
        or any(lo <= cp <= hi for lo, hi in _JAMO)
    )


class _OneStepTable(dict[int, "str | None"]):
    """``str.translate`` table doing all of :func:`_canon`'s steps per character:
    NFKC, casefold, then :data:`_STRIP`. Characters for which per-character NFKC could
    differ from NFKC of the whole text map to :data:`_CONTEXT`, which nothing else can
    produce (NUL is stripped): a text where it shows up takes the whole-text path."""

    def __init__(self, strip: _StripTable) -> None:
        super().__init__()
        self.strip = strip

    def __missing__(self, cp: int) -> str | None:
        ch = chr(cp)
        decomposed = unicodedata.normalize("NFKD", ch)
        out = unicodedata.normalize("NFKC", ch.replace("，", "、")).casefold()
        value: str | None = (
            _CONTEXT if any(_composes(c) for c in decomposed) else out.translate(self.strip) or None
        )
        self[cp] = value
        return value


_ONE_STEP = _OneStepTable(_STRIP)
_ONE_STEP_PLAIN = _OneStepTable(_STRIP_PLAIN)
_DIGIT = re.compile(r"\d")  # a text without one has no mark between digits
_CONTEXT = "\x00"  # what characters that send a text down the whole-text path map to
_ASCII_JUNK = re.compile(r"[^0-9a-z.:~,;\-\ue000]")
# Marks between digits survive as private-use characters: 1.5天 is not 15天, 18:00 is not
# 1800, 1-7天 is not 17天.
DECIMAL = "\ue001"
TIME = "\ue002"
RANGE = "\ue003"
LIST = "\ue004"
MARKS = DECIMAL + TIME + RANGE + LIST
_DECIMAL_POINT = re.compile(r"(?<=[0-9])\.(?=[0-9])")
_TIME_COLON = re.compile(r"(?<=[0-9]):(?=[0-9]{2}(?![0-9]))")
_RANGE_DASH = re.compile(r"(?<=[0-9])[.]*[-~][.]*(?=[0-9])")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_LIST_COMMA = re.compile(r"(?<=[0-9])[,、;](?=[0-9])")
_LEFT_OVER = str.maketrans("", "", ".:-~,、;")
_MARK_CHARS = frozenset(".:-~,、;")
_DIGITS = frozenset("0123456789")


# text → canon, kept for the whole process
_MEMO: dict[str, str] = {}
_QMEMO: dict[str, str] = {}


def canon(text: str) -> str:
    """The canonical form of an answer (see the module docstring). Memoised."""
    hit = _MEMO.get(text)
    if hit is None:
        hit = _MEMO[text] = _canon(text)
    return hit


def canon_once(text: str) -> str:
    """:func:`canon` without the memo, for a text seen once."""
    return _canon(text)


def _canon(text: str) -> str:
    if "{" in text:
        text = mask_placeholders(text)
    if text.isascii():
        return _marks(_ASCII_JUNK.sub("", text.casefold()))
    digits = _DIGIT.search(text) is not None
    # One translate does NFKC, casefold and stripping when no character needs its
    # neighbours (the usual case); unicodedata.normalize alone would cost twice as much.
    out = text.translate(_ONE_STEP if digits else _ONE_STEP_PLAIN)
    if _CONTEXT not in out:
        return _marks(out) if digits else out
    return _canon_whole(text, digits)


def _marks(text: str) -> str:
    """Decimal points, time colons and range dashes between digits → :data:`MARKS`,
    once everything else that canon drops is gone (``1·-7`` reads ``1-7``); other
    occurrences of the kept punctuation are dropped."""
    if _MARK_CHARS.isdisjoint(text):
        return text
    if _DIGITS.isdisjoint(text):  # no digit, no mark between digits: drop the punctuation
        return text.translate(_LEFT_OVER)
    if "." in text:
        text = _DECIMAL_POINT.sub(DECIMAL, text)
    if ":" in text:
        text = _TIME_COLON.sub(TIME, text)
    if "," in text:
        text = _THOUSANDS.sub("", text)
    text = _LIST_COMMA.sub(LIST, _RANGE_DASH.sub(RANGE, text))
    return text.translate(_LEFT_OVER)


def _canon_whole(text: str, digits: bool | None = None) -> str:
    """NFKC of the whole text, then casefold, :data:`_STRIP` and marks (only where the
    text has a digit: :data:`_DIGIT`)."""
    if digits is None:
        digits = _DIGIT.search(text) is not None
    # a full-width comma is never a thousands separator: keep it apart from ","
    text = unicodedata.normalize("NFKC", text.replace("，", "、")).casefold()
    if not digits:
        return text.translate(_STRIP_PLAIN)
    return _marks(text.translate(_STRIP))


def canon_question(text: str) -> str:
    """The canonical form of a customer question: :func:`canon` without courtesy words."""
    hit = _QMEMO.get(text)
    if hit is None:
        out = canon(text)
        hit = _QMEMO[text] = _strip_particles(out) or out
    return hit


def _strip_particles(text: str) -> str:
    text = _PREFIXES.sub("", text, count=1)
    return _SUFFIXES.sub("", text, count=1)
