"""Clauses of a reply: where one thought ends and the next begins, and what each one does.

:func:`clauses` (and ``Reply.clauses`` of :mod:`cskit.text.reply`) splits a text into
clauses: at sentence ends (。！？!?；; ~ … and line breaks), at commas, at a space between
two Chinese characters (chat corpora join bubbles with a space), and, for unpunctuated chat
such as ``不可以的哦您换成大一码会更合适哈``, after a sentence-final particle (哦 呢 哈 啦 呀
吧 嘛 哟 噢 喔 咯 吗) or a vocative after one (``…了亲``, ``…的哦亲``) when more words
follow. Each :class:`Clause` knows its span, its sentence number, and two traits rules
ask about:

- ``question``: it asks something (ends in ？ or 吗/么, or holds 能不能, 是否, 有没有 …);
- ``boilerplate``: it carries no content: a greeting (您好, 亲), a courtesy (好的, 不客气,
  您客气了), a closing (还有别的需要帮忙的吗, 祝您生活愉快, a request to rate the
  service) or a "please wait" (请您稍等).
"""

from __future__ import annotations

import re

_HAN = "\u4e00-\u9fff"
# Sentence ends, clause ends, and candidates checked in code: a "." typed as a full stop
# (not in 1.5 or v1.2) and a space between two Chinese bubbles (not inside a Latin name).
_PUNCT = re.compile(r"[。！？!?；;…~～\n]+|[，,]+|\.+|[ \t\u3000]+")
_BUBBLE_LEFT = re.compile(rf"[{_HAN}，。！？、）)]")
_BUBBLE_RIGHT = re.compile(rf"[{_HAN}（(“]")
# After a sentence-final particle (a vocative after it goes with the separator), when more
# words follow; only looked for in pieces that hold one of these characters.
_PARTICLES = frozenset("哦呢哈啦呀吧嘛哟噢喔咯吗亲")
_PARTICLE = re.compile(
    r"(?<=[哦呢哈啦呀吧嘛哟噢喔咯吗])(?<!毛呢)(?<!哈哈)(?<!酒吧)(?:亲亲|亲爱的|亲|客官|小主)?"
    rf"(?=[{_HAN}])(?![哦呢哈啦呀吧嘛哟噢喔咯吗么的了亲])"
    rf"|(?<=[了的思歉起])(?:亲亲|亲)(?=[{_HAN}])(?![亲爱人自戚切手身眼友属情])"
)
_COMMA = re.compile(r"[，,]+")
_QUESTION = re.compile(
    r"[?？]$|(?<![什怎这那多要为])[吗么嘛]$|对吧$|"
    r"(?:能不能|可不可以|是不是|有没有|要不要|行不行|对不对|好不好|能否|是否|可以不|可否)"
    r"(?:[^，。]{0,4}$|[^，。]*[呢啊呀?？]$)|(?:什么|哪|怎么|为什么|多少|几|还是)[^，。]*[呢?？]$"
)
_TRAILING = re.compile(r"[哦呢哈啦呀哟噢喔咯~～\s]+$")
_ASKING = frozenset("吗么嘛吧呢不否什哪怎多几还啊呀")
_LONG_BOILERPLATE = ("祝您", "感谢", "谢谢", "评价", "期待", "欢迎", "还有", "有什么")
_BOILERPLATE = re.compile(
    r"^(?:嗯+|恩+|好的?|是的|对的|收到|在的|在呢|在|亲+|亲爱的|您好|你好|客官|小主|尊敬的(?:客户|顾客)(?:您好)?|"
    r"不客气|您?客气了|您?太客气了|应该的|这是我应该做的|都是我应该做的|这都是我应该做的|"
    r"(?:请|请您|您)?稍等(?:一下|片刻)?|请稍候|"
    r"谢谢(?:您)?|感谢(?:您)?|非常感谢(?:您)?|再见|"
    r"很高兴(?:能)?为您服务|欢迎光临(?:本店)?)的?$"
    r"|^(?:请问|那|您看|请问您)?还有(?:其他|什么|别的|其它)?(?:的)?(?:问题|需要|疑问|业务类问题|"
    r"[^，。]{0,12}(?:帮|效劳|服务|咨询|解答))"
    r"|^(?:请问)?有什么(?:可以|能|需要)(?:帮|为)"
    r"|祝您|感谢您的|谢谢您的|期待(?:您的|再次|下次)|欢迎(?:下次|再次|随时)|"
    r"(?:评价|打分|五星|好评)(?:一下|哦|呢)?$|(?:做出|作出|给个?|打个?|点个?)[^，。]{0,6}评价"
)


class Clause:
    """A clause of a reply: ``text`` is ``Reply.text[start:end]`` (no surrounding
    punctuation or spaces); ``sentence`` numbers the sentences from 0; ``asks``: a question
    mark follows it. ``question`` and ``boilerplate`` are worked out on first use."""

    __slots__ = ("_boilerplate", "_question", "asks", "end", "sentence", "start", "text")

    def __init__(self, start: int, end: int, text: str, sentence: int, asks: bool = False):
        self.start = start
        self.end = end
        self.text = text
        self.sentence = sentence
        self.asks = asks
        self._question: bool | None = None
        self._boilerplate: bool | None = None

    def __repr__(self) -> str:
        return f"Clause({self.start}, {self.end}, {self.text!r}, sentence={self.sentence})"

    @property
    def question(self) -> bool:
        """It asks something: ends in ？ or 吗/么, or holds 能不能, 是否, 有没有 …"""
        if self._question is None:
            text = self.text
            if self.asks:
                self._question = True
            elif _ASKING.isdisjoint(text):
                self._question = False
            else:
                core = _TRAILING.sub("", text) or text
                self._question = bool(_QUESTION.search(text) or _QUESTION.search(core))
        return self._question

    @property
    def boilerplate(self) -> bool:
        """It carries no content: a greeting, a courtesy, a closing, "please wait"."""
        if self._boilerplate is None:
            core = _TRAILING.sub("", self.text) or self.text
            if len(core) > 24 and not any(w in core for w in _LONG_BOILERPLATE):
                self._boilerplate = False
            else:
                self._boilerplate = bool(_BOILERPLATE.search(core))
        return self._boilerplate


def clauses(text: str) -> tuple[Clause, ...]:
    """Split ``text`` into clauses (see the module docstring)."""
    out: list[Clause] = []
    sentence = 0
    pos = 0
    for m in _PUNCT.finditer(text):
        first = m.group()[0]
        if (first == "." or first in " \t\u3000") and not _is_boundary(text, m):
            continue
        start = m.start()
        if start > pos:
            asks = first in "?？" or "?" in m.group() or "？" in m.group()
            piece = text[pos:start]
            if _PARTICLES.isdisjoint(piece) and not (piece[0].isspace() or piece[-1].isspace()):
                out.append(Clause(pos, start, piece, sentence, asks))  # the usual case
            else:
                sentence = _add(out, text, pos, start, sentence, asks)
        # Commas end a clause; everything else (punctuation, a space between bubbles, a
        # final particle in unpunctuated chat) ends the sentence too.
        if first not in "，," and out and out[-1].sentence == sentence:
            sentence += 1
        pos = m.end()
    if pos < len(text):
        _add(out, text, pos, len(text), sentence, False)
    return tuple(out)


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    first = m.group()[0]
    if first == ".":
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        return not (
            (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
        )
    if first in " \t\u3000":
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        return bool(before and after and _BUBBLE_LEFT.match(before) and _BUBBLE_RIGHT.match(after))
    return True


def _add(out: list[Clause], text: str, pos: int, end: int, sentence: int, asks: bool) -> int:
    """Add the clauses of ``text[pos:end]`` (split after final particles; ``asks``: a
    question mark follows it); returns the sentence number the last one is in."""
    piece = text[pos:end]
    cuts = _PARTICLE.finditer(piece) if not _PARTICLES.isdisjoint(piece) else ()
    start = 0
    for m in [*cuts, None]:
        stop = m.start() if m else len(piece)
        raw = piece[start:stop]
        lo = len(raw) - len(raw.lstrip())
        hi = len(raw.rstrip())
        if hi > lo:
            out.append(
                Clause(pos + start + lo, pos + start + hi, raw[lo:hi], sentence, asks and m is None)
            )
            if m is not None:
                sentence += 1
        if m is None:
            break
        start = m.end()
    return sentence
