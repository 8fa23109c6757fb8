"""The reply canon: what the agent actually wrote in a reply, and its clauses.

A reply pasted from a chat log is a stack of bubbles. Next to the agent's own words it holds
things the agent did not write and that say nothing about the answer:

- system notices (``系统提示：本次会话已结束…``), one line each, to the end of the line;
- emoticon codes: JD's ``#E-s57`` (and a bare ``#E``), Wangwang's ``/:^_^``, the
  ``[微笑]``-style codes of WeChat/QQ/Qianniu and media stubs such as ``[图片]``, and emoji;
- HTML left over from a web form: entities (``&nbsp;`` ``&amp;`` ``&#21704;``) and tags
  (``<br>``);
- links (``https://…``, ``www.…``, ``shop.example.com/…``, and dataset-masked ``http//****``);
- pasted product copy: a long bubble of selling points with no chat in it (no 您/亲/我 to
  speak of, no 哦/呢/哈, and product-description words such as 采用/材质/续航 or a model
  number). It is only dropped with ``keep_copy=False`` (the default), because ad-law checks
  must still read it.

:func:`agent_words` returns a :class:`Reply`: ``text`` is the agent's words with all of that
removed, ``origin(i)`` maps a character of ``text`` back to its offset in the text that was
passed in, and ``span(a, b)`` gives the original slice of ``text[a:b]``. A removed inline
piece leaves one space behind when words stand on both sides of it, so the words around it
do not run together (``解决哒#E请问`` → ``解决哒 请问``). Text without any of these comes back
as it is, at the cost of a few substring tests. Results are memoised per process.

The input can be raw text or text already normalised by :mod:`cskit.text.normalise`; the
patterns accept both half- and full-width forms. The rules normalise first and then take
the agent's words, composing the two offset maps (``norm.origin(reply.origin(i))``).

``Reply.clauses`` splits ``text`` into clauses with :func:`cskit.text.clauses.clauses`.

Example::

    >>> r = agent_words("给您带来不便，还请见谅～#E-s21\\n系统提示：本次会话已结束")
    >>> r.text
    '给您带来不便，还请见谅～'
    >>> [c.text for c in r.clauses]
    ['给您带来不便', '还请见谅']
    >>> r.span(7, 11)
    (7, 11)
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from dataclasses import dataclass, field

from cskit.text.clauses import Clause, clauses

# --- what is not the agent's words ------------------------------------------------------

_NOTICE = re.compile(
    r"[ \t]*(?:【系统(?:提示|消息|通知)】|\[系统(?:提示|消息|通知)\]|系统(?:提示|消息|通知)[:：])[^\n]*"
)
_EMOTICON = re.compile(
    r"#E-[A-Za-z]?\d{1,3}"  # JD: #E-s57
    r"|#E(?![A-Za-z0-9])"  # JD, a code cut short
    r"|/:(?:\d{3}|[\^$*?!@#%&~\-_()<>\w]{1,3}(?=[\s\u4e00-\u9fff/]|$))"  # Wangwang /:^_^ /:809
    r"|[\U0001F000-\U0001FAFF\u200d\ufe0f]+"  # emoji (with joiners and variation selectors)
)
# The bracket codes chat clients show as text when an emoticon or a medium is not rendered.
_CODE_NAMES = (
    "微笑 撇嘴 色 发呆 得意 流泪 害羞 闭嘴 睡 大哭 尴尬 发怒 调皮 呲牙 惊讶 难过 酷 冷汗 抓狂 吐 "
    "偷笑 愉快 可爱 白眼 傲慢 饥饿 困 惊恐 流汗 憨笑 悠闲 大兵 奋斗 咒骂 疑问 嘘 晕 疯了 折磨 衰 "
    "骷髅 敲打 再见 擦汗 抠鼻 鼓掌 糗大了 坏笑 左哼哼 右哼哼 哈欠 鄙视 委屈 快哭了 阴险 亲亲 吓 "
    "可怜 菜刀 西瓜 啤酒 篮球 乒乓 咖啡 饭 猪头 玫瑰 凋谢 嘴唇 示爱 爱心 心碎 蛋糕 闪电 炸弹 刀 "
    "足球 瓢虫 便便 月亮 太阳 礼物 拥抱 强 弱 握手 胜利 抱拳 勾引 拳头 差劲 爱你 NO OK 爱情 飞吻 "
    "跳跳 发抖 怄火 转圈 磕头 回头 跳绳 投降 激动 乱舞 献吻 左太极 右太极 捂脸 奸笑 机智 皱眉 耶 "
    "吃瓜 加油 汗 天啊 社会社会 旺柴 打脸 哇 红包 發 福 笑脸 生病 破涕为笑 脸红 恐惧 失望 "
    "无语 嘿哈 翻白眼 666 让我看看 叹气 苦涩 裂开 合十 烟花 爆竹 庆祝 "
    "图片 表情 动画表情 语音 视频 文件 位置 链接 名片 小程序 聊天记录 商品 订单 卡片 "
    "Smile Grimace Drool Scowl Chill Sob Shy Silent Sleep Cry Awkward Angry Tongue Grin "
    "Surprise Frown Cool Blush Scream Puke Chuckle Joyful Slight Smug Hungry Drowsy Panic "
    "Sweat Laugh Commando Determined Scold Shocked Shhh Dizzy Tormented Toasted Skull "
    "Hammer Wave Speechless NosePick Clap Shame Trick Yawn Pooh Shrunken Sly Kiss Whimper "
    "Cleaver Watermelon Beer Basketball PingPong Coffee Rice Pig Rose Wilt Lips Heart "
    "BrokenHeart Cake Lightning Bomb Dagger Soccer Ladybug Poop Moon Sun Gift Hug "
    "ThumbsUp ThumbsDown Shake Peace Fight Beckon Fist Pinky Love Facepalm Smirk Smart "
    "Concerned Yeah Packet Emm Sigh Wow Image Sticker Voice Video Link"
)
CHAT_CODES = frozenset(_CODE_NAMES.split())
_BRACKET_CODE = re.compile(r"\[([^\[\]\n]{1,8})\]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]{0,9})\b[^<>\n]{0,120}?/?\s*>")
_LINK = re.compile(
    r"(?:https?:?//|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20，。！？；：“”‘’（）【】《》]*"
    r"|(?<![A-Za-z0-9@.])(?:[A-Za-z0-9-]+\.)+(?:com|cn|net|org|html?)\b"
    r"(?:/[^\s\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20，。！？；：]*)?",
    re.I,
)
_TRIGGERS = ("系统", "#", "/:", "[", "&", "<", "http", "www", ".c", ".n", ".o", ".h")
# Any of the triggers, or an emoji: one scan tells whether anything may need removing.
_TRIGGER = re.compile(
    r"系统|[#\[&<]|/:|http|www|\.[cnohCNOH]|[\U0001F000-\U0001FAFF\u200d\ufe0f]", re.I
)

# Pasted product copy: a long bubble with nothing of a chat in it.
_CHATTY = re.compile(r"[哦呢哈吧呀啦哟嘛噢喔咯]|我|咱|小妹|妹子|请问|麻烦|帮您|亲(?!肤|子|民|和)")
_PRONOUN = re.compile(r"[您你]")
_COPY_WORDS = re.compile(
    r"采用|搭载|配备|材质|面料|工艺|设计|外观|音质|屏幕?|芯片|像素|摄像|续航|电池|功率|容量|尺寸|规格|"
    r"型号|机身|质感|高清|智能|系列|技术|性能|功能|参数|续航|防水|快充|[A-Za-z]+\d+[A-Za-z]*|\d+(?:万|mAh|W|V|英寸|寸|ml|g|kg|cm|mm)"
)
_COPY_MIN = 40


@dataclass(frozen=True)
class Removed:
    """A piece of the input that is not the agent's words: ``kind`` is ``notice``,
    ``emoticon``, ``entity``, ``tag``, ``link`` or ``copy``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Reply:
    """The agent's words of ``original``, with a map back to it."""

    original: str
    text: str
    offsets: tuple[int, ...] | None = None  # None: text is original, one for one
    removed: tuple[Removed, ...] = ()
    _clauses: list[tuple[Clause, ...]] = field(default_factory=list, repr=False, compare=False)
    # for callers that derive more from a reply (memoised with it): their own keys
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def origin(self, index: int) -> int:
        """Offset in ``original`` of character ``index`` of ``text`` (an index at the end
        maps to the end of the original's last kept character)."""
        if self.offsets is None:
            return max(0, min(index, len(self.original)))
        if not self.offsets:
            return 0
        if index >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[max(0, index)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` that ``text[start:end]`` came from."""
        if end <= start:
            at = self.origin(start)
            return at, at
        return self.origin(start), self.origin(end - 1) + 1

    @property
    def has_clauses(self) -> bool:
        """Have the clauses been worked out already?"""
        return bool(self._clauses)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """The clauses of ``text`` (computed on first use)."""
        if not self._clauses:
            self._clauses.append(clauses(self.text))
        return self._clauses[0]

    def clause_at(self, index: int) -> Clause | None:
        """The clause holding character ``index`` of ``text`` (None between clauses)."""
        found = self.clauses
        i = bisect.bisect_right([c.start for c in found], index) - 1
        if i >= 0 and found[i].start <= index < found[i].end:
            return found[i]
        return None


@functools.lru_cache(maxsize=32768)
def agent_words(text: str, *, keep_copy: bool = False) -> Reply:
    """The agent's own words of ``text`` (see the module docstring); ``keep_copy=True``
    keeps pasted product copy."""
    cuts = _cuts(text, keep_copy)
    if not cuts:
        return Reply(text, text)
    pieces: list[str] = []
    offsets: list[int] = []
    removed: list[Removed] = []
    pos = 0
    for start, end, kind, repl in cuts:
        if start < pos:  # overlaps a cut already made
            if end <= pos:
                continue
            start = pos
        pieces.append(text[pos:start])
        offsets.extend(range(pos, start))
        if repl is None:  # a gap: one space if words stand on both sides, else nothing
            before = next((p[-1] for p in reversed(pieces) if p), "")
            after = text[end : end + 1]
            repl = " " if before.isalnum() and after.isalnum() else ""
            if before.isspace() or not before:
                while end < len(text) and text[end] in " \t\u3000":
                    end += 1
        removed.append(Removed(start, end, kind))
        if repl:
            pieces.append(repl)
            offsets.extend([start] * len(repl))
        pos = end
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    out, offs = _tidy("".join(pieces), offsets)
    return Reply(text, out, tuple(offs), tuple(removed))


def _tidy(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Strip each line and drop the blank ones a removed line leaves behind."""
    if "\n" not in text and text.strip() == text:
        return text, offsets
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for line in text.split("\n"):
        lo = len(line) - len(line.lstrip())
        hi = len(line.rstrip())
        if hi > lo:
            if chars:
                chars.append("\n")
                offs.append(offsets[pos - 1])  # the newline that ended the previous line
            chars.append(line[lo:hi])
            offs.extend(offsets[pos + lo : pos + hi])
        pos += len(line) + 1
    return "".join(chars), offs


def may_cut(text: str) -> bool:
    """Could :func:`agent_words` remove anything but pasted product copy from ``text``?
    (One scan; callers use it to skip building the reply when the text is plain.)"""
    return _TRIGGER.search(text) is not None


def _cuts(text: str, copy: bool) -> list[tuple[int, int, str, str | None]]:
    """Sorted (start, end, kind, replacement) pieces to remove; replacement None = a gap."""
    cuts: list[tuple[int, int, str, str | None]] = []
    if _TRIGGER.search(text) is None:  # the usual case: nothing to remove but copy
        return _copy_cuts(text) if not copy and len(text) >= _COPY_MIN else cuts
    if any(t in text for t in _TRIGGERS):
        if "系统" in text:
            cuts += [(m.start(), m.end(), "notice", "") for m in _NOTICE.finditer(text)]
        if "#" in text or "/:" in text or not text.isascii():
            cuts += [(m.start(), m.end(), "emoticon", None) for m in _EMOTICON.finditer(text)]
        if "[" in text:
            cuts += [
                (m.start(), m.end(), "emoticon", None)
                for m in _BRACKET_CODE.finditer(text)
                if m.group(1).strip() in CHAT_CODES
            ]
        if "&" in text:
            for m in _ENTITY.finditer(text):
                value = html.unescape(m.group())
                if value != m.group():
                    value = " " if value in ("\xa0", "\u3000") else value
                    cuts.append((m.start(), m.end(), "entity", value))
        if "<" in text:
            for m in _TAG.finditer(text):
                name = m.group(2).lower()
                cuts.append(
                    (m.start(), m.end(), "tag", "\n" if name in ("br", "p", "div") else None)
                )
        cuts += [(m.start(), m.end(), "link", None) for m in _LINK.finditer(text)]
    elif not text.isascii() and _EMOTICON.search(text):
        cuts += [(m.start(), m.end(), "emoticon", None) for m in _EMOTICON.finditer(text)]
    if not copy and len(text) >= _COPY_MIN:
        cuts += _copy_cuts(text)
    cuts.sort(key=lambda c: (c[0], -c[1]))
    return cuts


def _copy_cuts(text: str) -> list[tuple[int, int, str, str | None]]:
    out: list[tuple[int, int, str, str | None]] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) < _COPY_MIN or _CHATTY.search(line):
            continue
        if len(_PRONOUN.findall(line)) > 1:
            continue
        if len({m.group() for m in _COPY_WORDS.finditer(line)}) < 2:
            continue
        out.append((start, start + len(line), "copy", ""))
    return out
