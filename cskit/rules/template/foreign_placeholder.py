"""T007 foreign-placeholder: another system's placeholder syntax left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cskit.config.model import Config
from cskit.findings import Finding
from cskit.library.positions import offset_to_line_col
from cskit.rules.base import Context, Rule
from cskit.rules.template.common import JINJA_SPAN, report, targets
from cskit.rules.template.undeclared_variable import FOREIGN_ROOTS
from cskit.text.reply import CHAT_CODES

# Words that name a data field: [订单号] is a placeholder, [图片] and [微笑] are chat text.
_FIELD = (
    r"(?:订单|运单|快递|物流|手机|电话|会员|工单)?(?:号码?|编号|单号)"
    r"|(?:买家|客户|顾客|收货人|用户|会员)?(?:姓名|名字|昵称|称呼)"
    r"|(?:收货|详细)?地址|(?:实付|退款|订单|优惠券?|商品)?(?:金额|价格)"
    r"|(?:下单|付款|发货|签收|到货|预计送达)(?:时间|日期)"
    r"|快递公司|物流公司|店铺名称?|客服(?:名字|昵称)|商品名称?"
    r"|(?:数字|姓名|链接|地址|金额|时间|日期|电话|订单号|站点)[xX\d]"
    r"|[\u4e00-\u9fff]{1,8}[xX]"  # a dataset's anonymisation slot: [订单x], [组织机构x]
    r"|[xX]{2,}|某某|变量\w*"
)
_FIELD_RE = re.compile(rf"^(?:{_FIELD})$")
# A bare word in square brackets is a slot ([连衣裙], [日期]) unless a chat client shows it
# for an emoticon or a medium ([微笑], [图片]).
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
# Inside 【】: a slot to fill (【XX款】, 【商品名称+规格】) or a note to the editor
# (【此处加表情】), not emphasis such as 【温馨提示】.
_CJK_SLOT = re.compile(
    r"[xXＸｘ]{2,}|某某|^[\u4e00-\u9fff]{2,6}[+＋/][\u4e00-\u9fff]{2,6}$"
    r"|^(?:可以|可|请|此处|这里|在此|需要|记得)?(?:加|添加|插入|填写|填|替换|换成|写上|放|附上|上传)"
    r"[^，。！？]{0,6}(?:表情|图片|链接|名称|名字|昵称|规格|型号|金额|时间|日期|地址|单号|内容|文案)"
)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")

# (kind, pattern, a character every match contains: most texts have none of them)
PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    ("brackets", re.compile(r"\[([^\[\]\n]{1,24})\](?![(:：\d])"), "["),
    ("cjk-brackets", re.compile(r"【([^【】\n]{1,12})】(?![:：\d])"), "【"),
    ("braces", re.compile(r"(?<![{$])\{([^{}%#\n]{1,24})\}(?!\})"), "{"),
    ("dollar-braces", re.compile(r"\$\{[^}\n]{1,40}\}"), "$"),
    ("dollar-code", re.compile(r"\$(?:0\d{2,}|[A-Za-z_]\w*)"), "$"),
    ("hash-name", re.compile(r"#([A-Za-z_]\w*)#"), "#"),
    ("printf", re.compile(r"(?<![%\dA-Za-z])%[sd](?![A-Za-z])"), "%"),
    # XXX服务人员, 全xx都有, 订单号:xxxxx, 400-xxxx; not sizes (XXL) or masked digits (138xxxx5678)
    (
        "x-run",
        re.compile(r"(?<![A-Za-z0-9ａ-ｚＡ-Ｚ０-９])[xXＸｘ]{2,}(?![A-Za-z0-9ａ-ｚＡ-Ｚ０-９])"),
        "",
    ),
    # SHOPNAME, USER_NAME, ORDER_ID: an English field name left in Chinese text
    (
        "field-name",
        re.compile(
            r"(?<![A-Za-z])(?:SHOP|STORE|USER|BUYER|CUSTOMER|CLIENT|ORDER|PRODUCT|ITEM|BRAND|"
            r"AGENT|GOODS|SKU|COUPON)[_ ]?(?:NAME|ID|NO|NUM|NUMBER|NICK|TITLE|PRICE|CODE)(?![A-Za-z])"
        ),
        "",
    ),
]
_FOREIGN_JINJA = re.compile(r"^\{\{\s*([A-Za-z_]\w*)((?:\.[\w-]+|\[[^\]]*\])*)\s*\}\}$")


class ForeignPlaceholder(Rule):
    """Placeholder syntax of another tool is left in the text, so buyers would see it as is:
    ``[订单号]``, ``{订单号}``, ``${x}``, ``$0001``, ``#name#``, ``%s`` and Zendesk/Liquid names
    such as ``{{ticket.requester.name}}`` that are not in the registry.

    Slots left unfilled count too: a word in square brackets (``[连衣裙]``, ``[日期]``,
    dataset slots like ``[订单x]``), ``XX``/``XXX``/``xxxx`` runs (``XX品牌``,
    ``400-xxxx``), 【】 holding a slot or a note to the editor (``【XX款】``,
    ``【商品名称+规格】``, ``【此处加表情】``) and English field names (``SHOPNAME``).
    Chat codes like ``[图片]`` or ``[微笑]``, emphasis like ``【温馨提示】`` or the SMS
    signature ``【示例旗舰店】``, labels followed by a value (``[订单号]：123``), sizes
    (``XXL``), masks (``***``, ``138xxxx5678``) and prices like ``$199`` are left alone.

    Bad:
        - id: order-shipped
          answer: 您的订单[订单号]已发货，{{ticket.requester.name}}请留意查收。

    Good:
        - id: order-shipped
          answer: 您的订单 {{ order.id }} 已发货，请留意查收。
    """

    code = "T007"
    name = "foreign-placeholder"
    scope = "library"
    summary_zh = "文中残留其他系统的占位符"
    summary_en = "foreign placeholder syntax left in text"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        labels = _labels(ctx.config)
        roots = {n.split(".")[0] for n in ctx.config.variables}
        for target in targets(ctx):
            text = target.text
            if not text:
                continue
            for start, found, field in find_placeholders(text, roots):
                line, col = offset_to_line_col(text, start)
                name = labels.get(field or "")
                fix_zh = f"改成 {{{{ {name} }}}}" if name else "改成 cskit.yaml 里登记的变量"
                fix_en = (
                    f"use {{{{ {name} }}}}" if name else "use a variable declared in cskit.yaml"
                )
                yield report(
                    self,
                    ctx,
                    target,
                    line,
                    col,
                    f"文中留有其他系统的占位符 {found}，cskit 不会替换它，"
                    f"买家会原样看到；请{fix_zh}",
                    f"foreign placeholder {found} is left in the text and would reach the buyer "
                    f"as is; {fix_en}",
                    evidence=found,
                )


def find_placeholders(text: str, roots: set[str]) -> Iterator[tuple[int, str, str | None]]:
    """(offset, placeholder, field word) for each foreign placeholder in ``text``."""
    spans: list[tuple[int, int]] = []
    for m in JINJA_SPAN.finditer(text) if "{" in text else ():
        spans.append(m.span())
        foreign = _FOREIGN_JINJA.match(m.group(0))
        if foreign and foreign[1] in FOREIGN_ROOTS and foreign[1] not in roots:
            yield m.start(), m.group(0), None
    hits: list[tuple[int, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, needle in PATTERNS:
        if needle and needle not in text:
            continue
        if kind == "x-run" and not ("x" in text or "X" in text or "Ｘ" in text or "ｘ" in text):
            continue
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            if any(a <= m.start() < b for a, b in taken):  # XXX inside [XXX]
                continue
            inner = m.group(1).strip() if m.groups() else ""
            if kind in ("brackets", "braces") and not (
                _FIELD_RE.match(inner)
                or _identifier(inner)
                or (kind == "braces" and inner.isdigit())
                or (kind == "brackets" and _HAN_WORD.match(inner) and inner not in CHAT_CODES)
            ):
                continue
            if kind == "cjk-brackets" and not (
                (len(inner) <= 8 and _FIELD_RE.match(inner)) or _CJK_SLOT.search(inner)
            ):
                continue
            taken.append(m.span())
            hits.append((m.start(), m.group(0), inner or None))
    yield from sorted(hits)


def _identifier(inner: str) -> bool:
    """``order_id``, ``name``, ``NAME``: an identifier, not an acronym like ``VIP``/``OK``."""
    if not _IDENT.match(inner) or len(inner) < 2:
        return False
    return "_" in inner or "." in inner or not inner.isupper() or len(inner) >= 4


def _labels(config: Config) -> dict[str, str]:
    """Registry labels (订单号 → order.id) so a finding can name the replacement."""
    out: dict[str, str] = {}
    for name, var in config.variables.items():
        if var.label:
            out.setdefault(var.label, name)
    return out
