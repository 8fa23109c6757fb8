"""Generate a synthetic cskit script library with planted, labelled answer pairs.

The library is the fixture of ``make bench`` and of the duplicate finder's recall figures
(10,000 entries ≈ 5.6 MB of YAML in 100 files, Chinese answers of 40–200 characters): every
planted pair is labelled, so what the finder reports can be scored against the truth.

Usage::

    python benchmarks/genlib.py OUT_DIR --entries 10000 [--files 100] [--seed 1]
                                        [--dupes 0.02] [--conflicts 0.01]

or, from Python, ``generate(Path("out"), 10_000)``, which returns the truth dictionary.
Standard library only; the same arguments always give byte-identical output.

Output:

* ``OUT_DIR/cskit.yaml``: a complete configuration (docs/configuration.md): categories, owners, review
  intervals, channels, the variable registry, the facts ``return_days`` (7) and
  ``refund_hours`` (24), two sample contexts ``shipped`` and ``unshipped``, ``lint``.
* ``OUT_DIR/scripts/part-000.yaml`` … : ``--files`` entry files (existing ``part-*.yaml`` files
  in that folder are removed first), entries spread evenly, ids ``e000000`` … in file order.
  Each file has a header comment, ``defaults`` (``owner``, ``kind: script``) and ``entries``.
  About a third of the answers are Jinja templates; optional variables are always guarded and
  the ``pii`` variable is always masked.
* ``OUT_DIR/.truth.json``::

      {"entries": 10000, "files": 100, "seed": 1,
       "counts": {"duplicate": 100, "variant": 100, ...},
       "pairs": [{"a": "e000123", "b": "e004567", "label": "duplicate",
                  "edits": ["spaces", "emoji"]}, ...]}

  ``a`` is the original entry, ``b`` the planted partner (``b`` may come before ``a`` in id
  order). Labels:

  ``duplicate``
      b's answer is a's after trivial edits: ``spaces``, ``halfwidth`` punctuation, ``emoji``,
      ``tilde``, ``jinja_spacing`` (``{{ x }}`` → ``{{x}}``) and sometimes ``qin`` (a ``亲，``
      prefix added or removed). Without ``qin`` both answers are identical after NFKC and
      removal of whitespace, punctuation, symbols and format characters; ``qin`` leaves one
      extra or missing ``亲``.
  ``variant``
      a harmless rewording (``syn:尽快→马上`` …); no digit, Chinese numeral or negation
      character is touched; ``fuzz.ratio`` ≥ 85 and not identical after normalisation.
  ``conflict``
      one substantive change: ``number:7天→15天``, ``number:七天→十五天``,
      ``negation:支持→不支持`` or ``party:买家→卖家``; ``fuzz.ratio`` ≥ 85; both entries
      have no ``conditions`` or the same ones.
  ``disjoint``
      like a number conflict, but the entries have disjoint ``order_status`` conditions, so it
      must not be reported as a conflict.
  ``shared_question``
      b (an unrelated, active entry of the same topic, different answer) lists one of a's
      questions, possibly with ``请问``/``亲，``/``呢`` added or removed; ``edits`` holds
      ``question:same:<text>`` or ``question:variation:<text>`` with b's wording.

  Every entry is in at most one planted pair, and planted entries have no ``conditions``
  except as stated. Partners are picked at random, so about 1 % share a file.

Pair counts: ``round(entries * dupes)`` pairs split between ``duplicate`` and ``variant``,
``round(entries * conflicts)`` split between ``conflict`` and ``disjoint``, plus
``max(2, entries // 2000)`` ``shared_question`` pairs. Conflicts rotate number / negation /
party changes 5:3:2; number changes pick a Chinese numeral (七天, 一年) when there is one half
of the time.

How answers are built: an opener, 60 % at most of one topic's clauses plus one or two from a
related topic, an optional general sentence and a closing, 45–185 target characters. Every
fragment carries ``[a|b]`` alternatives and paraphrase sites (``PARAPHRASES``), so that answers
built from the same fragments still differ. Answers are unique after normalisation, and an
answer made of the same blocks as an earlier one give or take one (``_shapes``) is redrawn.
Measured at 10,000 entries (seed 1): about 10 unplanted answer pairs reach ``fuzz.ratio`` ≥ 85,
against 300 planted. Questions are unique after normalisation and particle stripping
(``canon_question``) apart from the planted shared questions; short near-identical questions
(``…怎么洗`` / ``…怎么清洗``, ratio ≥ 92) remain in about 1 % of them.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any, Final, TypeVar

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

T = TypeVar("T")

CATEGORIES: Final[dict[str, str]] = {
    "order": "订单问题",
    "product": "商品咨询",
    "complaint": "投诉纠纷",
    "after_sales": "售后服务",
    "promotion": "活动优惠",
    "general": "通用",
}
OWNERS: Final[tuple[str, ...]] = ("客服一组", "客服二组", "售后组", "活动运营组")
STAGES: Final[tuple[str, ...]] = ("greet", "identify", "resolve", "confirm", "follow_up")
ORDER_STATUSES: Final[tuple[str, ...]] = (
    "unpaid",
    "paid",
    "shipped",
    "signed",
    "refunding",
    "closed",
)

PRODUCTS: Final[tuple[str, ...]] = (
    "纯棉T恤", "牛仔裤", "连帽卫衣", "羽绒服", "运动鞋", "帆布鞋", "双肩包", "保温杯",
    "蓝牙耳机", "充电宝", "机械键盘", "无线鼠标", "电动牙刷", "吹风机", "空气炸锅", "电饭煲",
    "床品套装", "乳胶枕", "收纳箱", "洗面奶", "保湿面霜", "防晒霜", "口红", "洗发水", "猫粮",
    "狗粮", "儿童积木", "婴儿湿巾", "坚果礼盒", "挂耳咖啡", "龙井茶", "土蜂蜜", "数据线",
    "手机壳", "护眼台灯", "瑜伽垫", "登山包", "晴雨伞", "遮阳帽", "真丝围巾", "羊毛大衣",
    "衬衫", "半身裙", "连衣裙", "睡衣", "船袜", "棉拖鞋", "餐具套装", "竹砧板", "炒锅",
    "榨汁杯", "加湿器", "电热毯", "扫地机器人", "智能手表", "平板支架", "行李箱", "钱包",
    "太阳镜", "香薰蜡烛", "保鲜盒", "筋膜枪", "颈枕", "车载支架",
)  # fmt: skip
SPECS: Final[tuple[str, ...]] = (
    "黑色", "白色", "米色", "藏青色", "灰色", "粉色", "卡其色", "雾霾蓝", "S码", "M码", "L码",
    "XL码", "大号", "小号", "标准款", "加厚款", "礼盒装", "家庭装", "升级款", "迷你款",
)  # fmt: skip
CITIES: Final[tuple[str, ...]] = (
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "长沙",
    "郑州", "沈阳", "哈尔滨", "昆明", "乌鲁木齐", "拉萨", "海口", "厦门", "青岛", "苏州",
    "天津", "合肥", "福州", "南宁", "贵阳", "兰州", "银川", "呼和浩特", "大连", "宁波", "济南",
)  # fmt: skip
CARRIERS: Final[tuple[str, ...]] = (
    "中通", "圆通", "申通", "韵达", "顺丰", "京东物流", "邮政", "极兔",
)  # fmt: skip
MATERIALS: Final[tuple[str, ...]] = (
    "纯棉", "莫代尔", "聚酯纤维", "羊毛混纺", "桑蚕丝", "亚麻", "食品级硅胶", "食品级钢材",
    "ABS塑料", "实木", "头层牛皮", "再生尼龙",
)  # fmt: skip
ISSUES: Final[tuple[str, ...]] = (
    "开线", "掉色", "起球", "异响", "漏水", "划痕", "充电异常", "尺寸偏差", "按键失灵", "异味",
)  # fmt: skip
GIFTS: Final[tuple[str, ...]] = ("收纳袋", "试用装", "钥匙扣", "帆布袋", "旅行小样", "手写贺卡")
SOLUTIONS: Final[tuple[str, ...]] = ("退货退款", "换货", "补发", "仅退款", "部分退款", "维修")
AGENT_NICKS: Final[tuple[str, ...]] = ("小美", "小雨", "阿杰", "小暖", "小橙", "阿青", "小鹿")
TIMES: Final[tuple[str, ...]] = ("今天下午5点", "今晚8点", "明天中午12点", "明天上午10点")
NOTES: Final[tuple[str, ...]] = (
    "大促期间使用，活动结束后复核",
    "新人培训示例话术",
    "质检组抽检通过",
    "已与售后组确认口径",
    "旧版话术已合并到本条",
    "根据顾客反馈调整过语气",
    "仅限旗舰店使用",
)


def _pick(options: Sequence[str]) -> Callable[[Random], str]:
    return lambda rng: options[int(rng.random() * len(options))]


def _num(lo: int, hi: int, step: int = 1) -> Callable[[Random], str]:
    span = (hi - lo) // step + 1
    return lambda rng: str(lo + step * int(rng.random() * span))


# Slot fillers for ``{name}`` in fragments. ``rd`` and ``refund_h`` always agree with the facts
# (return_days 7, refund_hours 24) so that only planted pairs contradict them.
FILLS: Final[dict[str, Callable[[Random], str]]] = {
    "product": _pick(PRODUCTS),
    "spec": _pick(SPECS),
    "city": _pick(CITIES),
    "carrier": _pick(CARRIERS),
    "material": _pick(MATERIALS),
    "issue": _pick(ISSUES),
    "gift": _pick(GIFTS),
    "solution": _pick(SOLUTIONS),
    "agent_nick": _pick(AGENT_NICKS),
    "time": _pick(TIMES),
    "ship_h": _pick(("24", "48", "72")),
    "n": _num(2, 5),
    "n1": _num(1, 3),
    "dr": _pick(("1到2", "2到3", "3到5", "2到4")),
    "rd": _pick(("7", "7", "7", "七")),
    "refund_h": _pick(("24",)),
    "fee": _pick(("5", "8", "10", "12", "15")),
    "free": _pick(("49", "59", "69", "79", "88", "99", "129", "199")),
    "cut_th": _pick(("199", "299", "399")),
    "cut": _pick(("20", "30", "50")),
    "coupon": _pick(("5", "10", "15", "20", "30")),
    "pp": _pick(("7", "15", "30")),
    "points": _pick(("100", "200", "500", "1000")),
    "comp": _pick(("5", "10", "20")),
    "height": _num(150, 185),
    "weight": _num(80, 180, 5),
    "size": _pick(("S", "M", "L", "XL", "XXL")),
    "open": _pick(("8", "9")),
    "close": _pick(("22", "23", "24")),
    "late": _pick(("16", "17", "18")),
    "months": _pick(("6", "12")),
    "warranty": _pick(("一年", "一年", "两年")),
}


ENTRY_SLOTS: Final[tuple[str, ...]] = (
    "product", "spec", "carrier", "material", "issue", "gift", "solution",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Topic:
    """One kind of customer request: where it belongs and the fragments that answer it."""

    key: str
    category: str
    stages: tuple[str, ...]
    titles: tuple[str, ...]
    questions: tuple[str, ...]
    body: tuple[str, ...]
    tpl: tuple[str, ...]
    tags: tuple[str, ...]


TOPICS: Final[tuple[Topic, ...]] = (
    Topic(
        "ship-time", "order", ("resolve",),
        ("{product}发货时效", "发货时间说明", "现货发货时效", "{spec}{product}发货安排"),
        (
            "{spec}{product}什么时候[能|可以]发货",
            "拍下{product}[多久|几天]发出",
            "{spec}的{product}今天能发[吗|不]",
            "{product}下单后[几天|多久]发货",
            "我买的{product}怎么还没发[货|出来]",
            "{product}从哪[里|个仓]发货",
            "{product}[能|可以]加急发吗",
        ),
        (
            "[现货商品|现货款|有现货的宝贝]付款后{ship_h}小时内[发出|安排发货|从仓库发出]",
            "仓库[按付款先后顺序|按下单顺序|会依次]打包发货",
            "{spec}{product}[目前|现在][库存充足|有现货|货源充足]",
            "预售商品[会按|按照]页面[标注|写明]的时间发货",
            "发货后物流信息[一般|通常]在{n}小时内[更新|同步]",
            "{late}点[以后|之后]付款的订单[次日|第二天]发出",
            "默认发{carrier}快递，[偏远地区|新疆西藏等地区]会改发邮政",
            "[节假日期间|遇到节假日]发货会顺延{n1}天左右",
            "[着急使用|着急要|赶时间]的话可以备注加急，仓库会优先安排",
            "{product}是从{city}仓发出的",
            "[打包前|出库前]仓库会[再检查|复核]一遍商品",
            "发货后您会收到[系统通知|发货提醒]",
        ),
        (
            "您的订单{{ order.id }}已经在[打包队列|发货队列]中",
            "{% if order.status == 'paid' %}订单已付款，仓库正在为您备货{% endif %}",
            "{% if shipment.tracking_no %}包裹已发出，物流单号{{ shipment.tracking_no }}"
            "{% endif %}",
        ),
        ("发货", "时效", "物流"),
    ),
    Topic(
        "tracking", "order", ("resolve", "follow_up"),
        ("物流查询", "{carrier}物流进度", "包裹到哪了", "{city}物流时效"),
        (
            "{product}[到哪了|到哪里了|走到哪了]",
            "帮我查[下|一下]{product}的物流",
            "快递到{city}[几天没动了|一直没更新]",
            "寄到{city}要[几天|多久]",
            "{carrier}的快递到{city}[多久|几天]",
            "{product}的快递怎么一直不更新",
            "{product}的物流[显示异常|卡住了]",
        ),
        (
            "包裹[目前|现在]已到达{city}[转运中心|分拨中心]",
            "{carrier}[显示|系统显示]包裹正在派送途中",
            "寄往{city}[一般|通常]{dr}天送达",
            "偏远地区会多{n1}天左右",
            "物流信息[偶尔|有时]会延迟更新，请以实际派送为准",
            "这边已经[联系|通知]快递网点[帮您催促派送|优先派送]",
            "如果{n}天内物流还没有更新，麻烦[再联系我们|再来找我]",
            "快递员派送前会[电话联系您|先打电话给您]",
            "签收时请[当面检查|先检查]外包装",
            "[包裹|快递]到了驿站会有取件短信",
            "物流[停滞|没更新]超过{n}天的话，这边会[登记跟进|帮您追踪]",
        ),
        (
            "{% if shipment.tracking_no %}物流单号是{{ shipment.tracking_no }}，"
            "可以在订单详情里查看{% endif %}",
            "{% if shipment.carrier %}包裹由{{ shipment.carrier }}承运{% endif %}",
            "{% if shipment.eta %}预计{{ shipment.eta | date }}送达{% endif %}",
        ),
        ("物流", "快递", "查件"),
    ),
    Topic(
        "address", "order", ("resolve", "confirm"),
        ("修改收货地址", "改地址说明", "{city}改派说明", "收件信息修改"),
        (
            "地址填错了{product}[能|可以]改[地址|一下]吗",
            "想把收货地址改到{city}",
            "{product}可以换个收件人吗",
            "{spec}{product}还没发货能改地址吗",
            "收件电话写错了[怎么改|能改吗]",
            "{product}能寄到{city}的公司吗",
        ),
        (
            "订单发货前可以在订单详情里[自行修改|直接修改]地址",
            "已发货的订单需要联系快递改派，会产生{fee}元左右的改派费用",
            "改派费用由买家承担",
            "麻烦把新的[收货地址和电话|收件信息]发给我",
            "改到{city}的话时效会多{n1}天左右",
            "地址修改成功后系统会[发消息提醒您|有提示]",
            "修改后请再核对一遍[收件人信息|姓名和电话]",
            "[新地址|改后的地址]会同步给仓库",
            "[跨省改派|改到外地]的话物流时效会有变化",
        ),
        (
            "订单{{ order.id }}还没有发货，这边直接帮您改好了",
            "{% if order.status == 'shipped' %}包裹已经发出，需要联系快递改派{% endif %}",
        ),
        ("地址", "改派"),
    ),
    Topic(
        "order-check", "order", ("identify",),
        ("核实订单信息", "订单核对", "{product}订单核实", "订单信息确认"),
        (
            "我的{product}订单有问题",
            "帮我看看买的{product}",
            "能查一下我买的{spec}{product}吗",
            "{product}订单显示异常怎么回事",
            "{product}的订单找不到了",
            "{product}订单状态[不对|没变]",
        ),
        (
            "麻烦提供一下订单号，这边帮您[查询|核实|查一下]",
            "请核对[下单手机号的后四位|收件人姓名]",
            "您说的是{spec}{product}这一单对吗",
            "方便[截图|截个图]发一下订单页面吗",
            "这边需要核实一下[收货信息|下单信息]",
            "请告诉我具体是哪件商品有问题",
            "核实[完毕|清楚]后马上给您答复",
            "订单号可以在[我的订单|订单详情]里找到",
            "如果[是多个订单|拍了好几单]，麻烦说一下是哪一单",
        ),
        ("您咨询的是订单{{ order.id }}吗", "查到您的订单实付{{ order.amount | yuan }}"),
        ("订单", "核实"),
    ),
    Topic(
        "cancel", "order", ("resolve", "confirm"),
        ("取消订单", "{product}取消订单说明", "未发货取消", "拒收退款"),
        (
            "{product}拍错了[能|可以]取消吗",
            "{spec}{product}不想要了怎么取消",
            "取消{product}订单钱怎么退",
            "{product}已经发货了还能取消吗",
            "{product}[重复下单|拍了两单]了",
        ),
        (
            "未发货的订单可以直接申请取消",
            "取消后款项会原路退回",
            "退款{refund_h}小时内到账",
            "已发货的订单需要[拒收后|拒签后]办理退款",
            "拒收产生的运费由卖家承担",
            "如果只是想换成{spec}，可以不取消，直接[备注修改|告诉我修改]",
            "优惠券在取消订单后会[退回账户|返还到账户]",
            "[重复拍下的|多拍的]订单直接取消其中一单就好",
        ),
        (
            "订单{{ order.id }}已为您提交取消申请",
            "实付的{{ order.amount | yuan }}会原路退回",
            "退款预计{{ facts.refund_hours }}小时内到账",
        ),
        ("取消", "退款"),
    ),
    Topic(
        "confirm-plan", "order", ("confirm",),
        ("方案确认", "{solution}方案确认", "售后方案核对"),
        (
            "{product}就按{solution}处理吧",
            "{product}{solution}要多久",
            "{solution}需要我做什么",
            "{product}的{solution}[怎么操作|怎么弄]",
        ),
        (
            "跟您确认一下，为您办理的是{solution}",
            "确认无误后这边马上[提交|帮您提交]",
            "提交后{n1}个工作日内[处理完毕|处理好]",
            "请您核对一下[收货地址和联系电话|联系方式]",
            "办理进度可以在订单详情里[查看|看到]",
            "{solution}不影响您参加店铺的其他活动",
            "[如果方案有调整|方案有变化的话]会先和您确认",
            "[办理过程中|处理期间]不需要您额外操作",
        ),
        ("为订单{{ order.id }}办理{solution}，请您确认", "涉及金额{{ order.amount | yuan }}"),
        ("确认", "售后"),
    ),
    Topic(
        "size", "product", ("identify", "resolve"),
        ("{product}尺码推荐", "尺码建议", "选码指南", "{spec}选码"),
        (
            "身高{height}体重{weight}斤{product}穿什么码",
            "{product}[偏大还是偏小|尺码准吗]",
            "{spec}{product}和大一码怎么选",
            "平时穿{size}码的{product}买哪个",
            "{product}腰围{weight}的选什么码",
            "{product}[胖一点|偏瘦]的穿哪个码",
        ),
        (
            "这款{product}版型偏宽松，建议按平时尺码[购买|选]",
            "身高{height}厘米、体重{weight}斤的话推荐{size}码",
            "喜欢修身效果可以选小一码",
            "详情页有尺码表可以参考",
            "[腰围和肩宽|胸围和衣长]是选码的关键，可以量一下平时穿的衣服",
            "收到不合适支持{rd}天无理由换码",
            "换码寄回的运费由买家承担",
            "[两个码都在范围内的话|介于两个码之间]建议选大一码",
            "面料[有弹力|弹性适中]，穿着不会紧绷",
        ),
        ("换码需在签收后{{ facts.return_days }}天内申请",),
        ("尺码", "选购"),
    ),
    Topic(
        "material", "product", ("resolve",),
        ("{product}材质说明", "面料与洗护", "{material}洗护建议"),
        (
            "{product}是什么[材质|面料]",
            "{spec}{product}会掉色吗",
            "{product}怎么[清洗|洗]",
            "{material}的{product}会起球吗",
            "{product}有味道正常吗",
            "{product}能机洗吗",
        ),
        (
            "这款{product}的[材质|面料]是{material}",
            "手感[柔软|细腻]，透气性好",
            "首次清洗建议冷水手洗",
            "请避免长时间暴晒",
            "浅色和深色衣物请分开洗涤",
            "有轻微气味属于正常现象，通风{n1}天左右即可散去",
            "吊牌上有详细的成分说明",
            "{material}材质可以放心日常使用",
            "[晾晒时|洗后]建议平铺阴干",
            "[熨烫时|需要熨烫的话]请选低温档",
        ),
        ("您订单{{ order.id }}里的{product}同样是这个材质",),
        ("材质", "洗护"),
    ),
    Topic(
        "usage", "product", ("resolve",),
        ("{product}使用方法", "使用说明", "{product}常见操作"),
        (
            "{product}怎么用",
            "{product}第一次用要注意什么",
            "{spec}{product}怎么开机",
            "{product}有说明书吗",
            "{product}用起来有异响",
            "{product}[怎么充电|充电要多久]",
        ),
        (
            "首次使用前请先充满电，大约需要{n1}小时",
            "长按电源键{n}秒即可开机",
            "详情页有使用视频可以参考",
            "配件清单在包装盒内侧",
            "使用中有异响可以先重启一下",
            "清洁时请先断电",
            "电子说明书可以在详情页下载",
            "{product}可以连续使用{n}小时左右",
            "指示灯[变绿|常亮]表示已经充满",
            "[长时间不用时|收纳前]建议先充到一半电量",
        ),
        ("您购买的是订单{{ order.id }}里的这款{product}吗",),
        ("使用", "说明书"),
    ),
    Topic(
        "stock", "product", ("resolve",),
        ("{product}到货时间", "缺货与补货", "{spec}补货说明"),
        (
            "{spec}{product}什么时候有货",
            "{product}还会补货吗",
            "{product}{spec}断码了吗",
            "{product}到货能通知我吗",
            "{spec}{product}还有库存吗",
        ),
        (
            "{spec}暂时缺货，预计{n}天后补货",
            "可以先收藏商品，到货会有提醒",
            "现在拍下按付款顺序发货",
            "其他颜色目前有现货",
            "补货后价格保持不变",
            "{city}仓还有少量库存",
            "[补货数量|到货数量]不多，喜欢的话可以先加购",
            "[到货后|补货后]会按预订顺序发出",
        ),
        ("{% if coupon.amount %}到货后可以使用{{ coupon.amount | yuan }}的优惠券{% endif %}",),
        ("库存", "补货"),
    ),
    Topic(
        "warranty", "product", ("resolve",),
        ("{product}保修政策", "保修说明", "售后保修"),
        (
            "{product}保修多久",
            "{product}坏了能修吗",
            "{spec}{product}保修要发票吗",
            "{product}过了保修期怎么办",
            "{product}保修怎么申请",
        ),
        (
            "{product}支持{warranty}保修",
            "保修期内非人为损坏可以免费维修",
            "维修寄回的运费由卖家承担",
            "人为损坏需要收取配件费用",
            "保修凭订单号即可办理，无需纸质发票",
            "维修周期一般为{n}个工作日",
            "过保后[也可以|同样可以]寄修，只收配件成本",
            "[申请保修时|寄修前]请描述一下故障情况",
        ),
        ("凭订单号{{ order.id }}即可办理保修",),
        ("保修", "维修"),
    ),
    Topic(
        "late-delivery", "complaint", ("resolve",),
        ("物流延误安抚", "{city}物流延误", "催件处理"),
        (
            "{product}怎么这么久还没到",
            "快递在{city}停了{n}天",
            "{product}说好{n}天到的",
            "{carrier}太慢了能不能催一下",
            "{product}[超时|晚了]好几天了",
        ),
        (
            "包裹在{city}中转站停留了{n1}天，确实耽搁了",
            "这边已经向{carrier}提交了催件工单",
            "网点回复今天会安排派送",
            "如果明天还没有更新，我们会给您补发",
            "为表示歉意，给您申请了{coupon}元无门槛优惠券",
            "后续进展会主动联系您",
            "[等了这么久|一直没收到]，换作是我也会着急",
            "[催件结果|网点回复]出来后会马上告诉您",
        ),
        (
            "{% if shipment.tracking_no %}单号{{ shipment.tracking_no }}的催件工单已经提交"
            "{% endif %}",
            "{% if coupon.amount %}给您补偿了{{ coupon.amount | yuan }}优惠券{% endif %}",
        ),
        ("投诉", "物流", "催件"),
    ),
    Topic(
        "damaged", "complaint", ("resolve",),
        ("商品破损处理", "{product}破损补发", "破损理赔"),
        (
            "{product}收到是坏的",
            "{spec}{product}外壳裂了",
            "{product}包装压扁了",
            "收到的{product}有破损怎么办",
            "{product}[磕坏了|摔坏了]",
        ),
        (
            "收到的{product}有破损，真的很抱歉",
            "麻烦拍一下外包装和破损处的照片",
            "核实后可以为您补发或者退款",
            "补发的运费由卖家承担",
            "破损的商品不需要寄回",
            "今天内就可以为您安排补发",
            "这边也会向{carrier}反馈运输问题",
            "[补发的包裹|新的商品]会加固包装",
        ),
        (
            "补发会关联原订单{{ order.id }}",
            "{% if order.status == 'signed' %}订单已签收，可以直接申请售后{% endif %}",
        ),
        ("投诉", "破损", "补发"),
    ),
    Topic(
        "missing", "complaint", ("resolve",),
        ("少发漏发处理", "{product}漏发核实", "分包裹说明"),
        (
            "{product}少发了一件",
            "买了{n}件{product}只收到一件",
            "{spec}{product}没在包裹里",
            "{product}的配件漏发了",
            "{product}[少了|缺了]一个配件",
        ),
        (
            "这边查了一下仓库的打包记录",
            "您的{product}是分{n1}个包裹发出的",
            "另一个包裹还在路上",
            "如确认漏发会马上为您补寄",
            "麻烦提供一下包裹内物品的照片",
            "补寄的包裹会走{carrier}",
            "[称重记录|出库记录]也会一起核对",
        ),
        ("订单{{ order.id }}的打包记录已经调出来了",),
        ("投诉", "漏发"),
    ),
    Topic(
        "quality", "complaint", ("resolve",),
        ("质量问题处理", "{product}{issue}处理", "质量投诉"),
        (
            "{product}{issue}了",
            "刚买的{spec}{product}就{issue}",
            "{product}质量有问题",
            "{product}用了{n}天就{issue}",
            "{product}[出现|有]{issue}的情况",
        ),
        (
            "{product}出现{issue}的情况确实影响使用",
            "麻烦拍一段视频给我们看一下",
            "质量问题支持退换，运费由卖家承担",
            "也可以选择补偿{comp}元继续使用",
            "已经把问题反馈给品控部门",
            "新的{product}发出前会先检查一遍",
            "[同批次的商品|这批货]也会安排抽检",
        ),
        ("订单{{ order.id }}的质量问题已登记", "可以为您退回实付的{{ order.amount | yuan }}"),
        ("投诉", "质量"),
    ),
    Topic(
        "service", "complaint", ("resolve", "follow_up"),
        ("服务投诉处理", "投诉回访", "态度投诉安抚"),
        (
            "之前问{product}的客服回复太慢",
            "问{product}半天没人理",
            "对{product}的处理结果有意见",
            "你们{product}的售后太敷衍了",
            "{product}的问题[说了好几遍|反复沟通]还没解决",
        ),
        (
            "之前的回复让您不满意，这边先向您道歉",
            "已经把情况反馈给客服主管",
            "接下来由我专门跟进您的问题",
            "{time}前会给您明确答复",
            "处理结果会同步给您",
            "您提的建议我们已经记录下来",
            "[之前的聊天记录|前面的沟通内容]我都看过了，您不用再重复",
        ),
        ("我是{{ agent.name }}，接下来由我全程跟进",),
        ("投诉", "回访"),
    ),
    Topic(
        "return", "after_sales", ("resolve",),
        ("{product}退货流程", "无理由退货说明", "退货步骤"),
        (
            "{product}怎么退货",
            "{spec}{product}不喜欢能退吗",
            "{product}拆封了还能退吗",
            "退货{product}运费谁出",
            "{product}退货地址在哪",
            "{product}[试穿过|用过一次]还能退吗",
        ),
        (
            "本店支持{rd}天无理由退货",
            "在订单详情点击申请售后，选择退货退款",
            "请保持商品吊牌和包装完好",
            "退回运费由买家承担",
            "购买了运费险的话会自动理赔",
            "仓库签收后{n1}天内完成验货",
            "验货通过后退款会原路退回",
            "退货地址以售后申请页面显示为准",
            "寄回后请[填写|上传]退货快递单号",
        ),
        (
            "签收后{{ facts.return_days }}天内都可以申请退货",
            "{% if order.status == 'signed' %}您的订单已签收，可以直接申请退货{% endif %}",
        ),
        ("退货", "售后"),
    ),
    Topic(
        "exchange", "after_sales", ("resolve", "confirm"),
        ("{product}换货流程", "换货说明", "换色换码"),
        (
            "{product}能换{spec}吗",
            "{product}尺码不对想换",
            "{spec}{product}换货怎么寄",
            "{product}换货要多久",
            "{product}[颜色|款式]不喜欢能换吗",
        ),
        (
            "换货请在申请售后时选择换货",
            "寄回时写上订单号和需要更换的{spec}",
            "仓库收到后{ship_h}小时内寄出新商品",
            "换货来回运费由卖家承担",
            "同款不同色也可以换",
            "换货商品同样支持{rd}天无理由退货",
            "[新商品寄出后|换货发出后]会同步物流单号",
        ),
        (
            "换货单会关联订单{{ order.id }}",
            "{% if shipment.tracking_no %}寄回时请备注原单号{{ shipment.tracking_no }}"
            "{% endif %}",
        ),
        ("换货", "售后"),
    ),
    Topic(
        "refund-time", "after_sales", ("resolve", "follow_up"),
        ("退款到账时间", "{product}退款进度", "退款时效"),
        (
            "{product}退款什么时候到账",
            "{product}的钱退到哪里",
            "退款{n}天了还没收到",
            "{spec}{product}退款进度怎么查",
            "{product}退款[显示成功|已经同意]了钱呢",
        ),
        (
            "退款审核通过后{refund_h}小时内到账",
            "款项会原路退回到您的支付账户",
            "花呗支付的会退回花呗额度",
            "银行卡到账会晚{n1}个工作日左右",
            "到账后会有短信通知",
            "退款进度可以在售后详情里查看",
            "[超过时间|过了时效]还没到账的话，这边帮您联系支付平台",
        ),
        (
            "实付的{{ order.amount | yuan }}会原路退回",
            "退款会在{{ facts.refund_hours }}小时内到账",
        ),
        ("退款", "时效"),
    ),
    Topic(
        "shipping-insurance", "after_sales", ("resolve",),
        ("运费险说明", "退货运费理赔", "{product}运费险"),
        (
            "{product}有运费险吗",
            "运费险怎么理赔",
            "退{product}的运费能报销吗",
            "寄回{city}仓运费险赔多少",
            "{product}运费险[没到账|怎么还没赔]",
        ),
        (
            "您下单时已经购买了运费险",
            "退货后运费险会自动理赔到账户",
            "理赔金额按{city}到仓库的首重计算",
            "运费险理赔一般{n1}天内到账",
            "没有运费险的话，退回运费由买家承担",
            "理赔记录可以在订单详情里查看",
            "[寄回时|退货时]选择上门取件也可以理赔",
        ),
        ("订单{{ order.id }}带有运费险",),
        ("运费险", "退货"),
    ),
    Topic(
        "invoice", "after_sales", ("resolve",),
        ("发票开具", "电子发票说明", "{product}开票"),
        (
            "买{product}能开发票吗",
            "{product}发票怎么开",
            "{spec}{product}能开专票吗",
            "{product}发票抬头写错了",
            "{product}的发票[什么时候开|多久能开]",
        ),
        (
            "本店支持开具电子发票",
            "在订单详情页申请开票即可",
            "发票抬头可以填写个人或单位名称",
            "电子发票会在确认收货后{n1}个工作日内开出",
            "需要专票的话请提供单位税号",
            "纸质发票需要另付{fee}元邮费",
            "开票金额以实付金额为准",
            "抬头[填错了|有误]可以申请重开",
        ),
        ("订单{{ order.id }}的开票金额是{{ order.amount | yuan }}",),
        ("发票",),
    ),
    Topic(
        "repair", "after_sales", ("resolve",),
        ("{product}维修流程", "寄修说明", "维修进度"),
        (
            "{product}怎么寄修",
            "{product}维修要多久",
            "{spec}{product}维修要钱吗",
            "寄修的{product}什么时候回来",
            "{product}[修好了吗|维修进度]",
        ),
        (
            "维修请先寄回到售后仓库",
            "寄回时附上写有订单号的纸条",
            "维修完成后寄回运费由卖家承担",
            "维修周期约{n}个工作日",
            "维修期间可以随时查询进度",
            "{product}保修期内维修免费",
            "[检测结果|维修报价]出来后会先和您确认",
        ),
        ("维修单已关联订单{{ order.id }}",),
        ("维修", "售后"),
    ),
    Topic(
        "free-shipping", "promotion", ("resolve",),
        ("满减包邮规则", "{product}包邮说明", "运费说明"),
        (
            "{product}包邮吗",
            "寄到{city}包邮吗",
            "{product}满多少包邮",
            "买{n}件{product}有优惠吗",
            "{product}[凑单|一起买]能省运费吗",
        ),
        (
            "全店满{free}元包邮",
            "满{cut_th}元减{cut}元，可以和店铺券叠加",
            "未满包邮金额需支付{fee}元运费",
            "偏远地区不包邮",
            "活动价在下单页面会自动计算",
            "凑单可以看看店里的{product}",
            "[多件商品|几件一起拍]会合并发货",
        ),
        (
            "{% if coupon.amount %}您还有一张{{ coupon.amount | yuan }}的优惠券可以使用"
            "{% endif %}",
        ),
        ("包邮", "满减", "活动"),
    ),
    Topic(
        "coupon", "promotion", ("resolve",),
        ("优惠券领取", "{product}优惠券", "用券说明"),
        (
            "{product}有优惠券吗",
            "{product}优惠券怎么用",
            "{coupon}元的券用不了",
            "买{product}能叠加券吗",
            "{product}的券[在哪领|怎么领]",
        ),
        (
            "店铺首页可以领取{coupon}元优惠券",
            "优惠券有效期为领取后{n}天",
            "每个账号限领一张",
            "优惠券可以和满减活动同时使用",
            "下单时系统会自动选择面额更大的券",
            "退款后未过期的优惠券会退回",
            "[券的使用门槛|用券条件]在券面上有写",
        ),
        ("{% if coupon.amount %}账户里有{{ coupon.amount | yuan }}的券待使用{% endif %}",),
        ("优惠券", "活动"),
    ),
    Topic(
        "price-protect", "promotion", ("resolve",),
        ("价保说明", "{product}降价补差", "保价规则"),
        (
            "{product}降价了能补差价吗",
            "刚买的{product}就降价了",
            "{spec}{product}价保多久",
            "{product}活动价能退差价吗",
            "{product}[差价|价保]怎么申请",
        ),
        (
            "本店支持价保服务",
            "付款后{pp}天内降价可以申请补差价",
            "补差价会退回到您的支付账户",
            "活动前付款的订单也可以申请",
            "预售商品不参与价保",
            "申请入口在订单详情的价保按钮",
            "[差价金额|补差金额]按付款价和活动价计算",
        ),
        ("订单{{ order.id }}实付{{ order.amount | yuan }}，可以申请价保",),
        ("价保", "活动"),
    ),
    Topic(
        "points", "promotion", ("resolve",),
        ("会员积分规则", "积分兑换", "{product}积分"),
        (
            "{product}能用积分吗",
            "积分[怎么兑换|能换什么]",
            "{points}积分能换什么",
            "买{product}送积分吗",
            "{product}的积分[没到账|什么时候到]",
        ),
        (
            "每消费1元累计1积分",
            "{points}积分可以兑换{coupon}元优惠券",
            "会员生日当月有专属折扣",
            "积分有效期为{months}个月",
            "积分支持在下单时抵扣",
            "会员等级越高积分倍数越高",
            "[确认收货后|交易完成后]积分会自动到账",
        ),
        ("{{ shop.name }}会员积分可以在会员中心查看",),
        ("积分", "会员"),
    ),
    Topic(
        "gift", "promotion", ("resolve", "confirm"),
        ("赠品说明", "{product}赠品", "满赠活动"),
        (
            "买{product}送什么",
            "{product}的赠品没收到",
            "{gift}是单独发吗",
            "赠品能换成{gift}吗",
            "{product}[赠品|送的东西]在哪",
        ),
        (
            "下单就送{gift}一份",
            "赠品随主商品一起发出",
            "赠品数量有限，送完即止",
            "退货时赠品需要一起寄回",
            "赠品不支持单独退换",
            "{product}的赠品是{gift}",
            "[赠品|{gift}]放在包裹的[侧面|底层]",
        ),
        ("{% if order.status == 'paid' %}赠品会和{product}一起打包{% endif %}",),
        ("赠品", "活动"),
    ),
    Topic(
        "welcome", "general", ("greet",),
        ("欢迎语", "{agent_nick}接待语", "进店欢迎"),
        (
            "在吗想问下{product}",
            "有人吗看看{product}",
            "{spec}{product}还有吗",
            "想咨询一下{product}",
            "{product}[怎么样|好用吗]",
        ),
        (
            "我是客服{agent_nick}，很高兴为您服务",
            "请问有什么可以帮您",
            "您可以直接发送商品链接给我",
            "{late}点前付款的订单当天发出",
            "店铺正在上新，可以多看看",
            "{product}是店里的热卖款",
            "[看中的商品|想了解的宝贝]发给我，这边帮您介绍",
        ),
        ("欢迎光临{{ shop.name }}", "我是{{ agent.name }}，很高兴为您服务"),
        ("欢迎语",),
    ),
    Topic(
        "farewell", "general", ("follow_up",),
        ("结束语", "{product}签收回访", "服务结束"),
        (
            "{product}收到了谢谢",
            "{product}没问题了",
            "好的{product}就这样吧",
            "{product}[挺好的|很满意]",
        ),
        (
            "您的问题都处理好了",
            "收到商品后有任何问题随时联系我们",
            "使用满意的话欢迎再次光临",
            "售后问题可以直接在订单里申请",
            "{product}使用中有疑问可以随时留言",
            "[使用说明|保养方法]在详情页也能找到",
        ),
        (
            "{% if shipment.tracking_no %}包裹单号{{ shipment.tracking_no }}已签收{% endif %}",
            "{{ shop.name }}感谢您的支持",
        ),
        ("结束语", "回访"),
    ),
    Topic(
        "transfer", "general", ("identify", "resolve"),
        ("转接售后", "转接说明", "专员对接"),
        (
            "{product}的问题找谁",
            "能不能换个人处理{product}",
            "{product}售后找哪个客服",
            "{product}的问题[转给谁|谁负责]",
        ),
        (
            "这个问题需要售后同事为您处理",
            "现在为您转接售后专员",
            "转接后请您稍等{n1}分钟",
            "专员会查看之前的聊天记录，您不需要重复描述",
            "转接期间请保持在线",
            "[专员不在线时|排队较多时]可以先留言",
        ),
        ("已把订单{{ order.id }}的情况同步给专员",),
        ("转接",),
    ),
    Topic(
        "hours", "general", ("greet", "follow_up"),
        ("客服在线时间", "离线留言", "节假日客服安排"),
        (
            "客服几点上班",
            "晚上问{product}有人回吗",
            "{product}的留言什么时候回",
            "{product}[周末|节假日]有客服吗",
        ),
        (
            "客服在线时间是每天{open}点到{close}点",
            "非工作时间的留言会在上班后依次回复",
            "售后问题可以先提交申请，系统会自动审核",
            "节假日期间在线时间会在首页公告",
            "{product}相关的问题也可以先看详情页的常见问题",
            "[夜间的留言|下班后的消息]第二天上午会回复",
        ),
        ("{{ shop.name }}的客服{{ agent.name }}会按顺序回复",),
        ("在线时间",),
    ),
    Topic(
        "payment", "order", ("confirm", "follow_up"),
        ("催付提醒", "{product}付款提醒", "未付款订单"),
        (
            "{product}付款失败了",
            "{product}可以货到付款吗",
            "拍下{product}忘记付款了",
            "{product}能分期吗",
            "{product}[付不了款|支付不了]",
        ),
        (
            "您拍下的{product}还没有付款",
            "库存紧张，建议尽快完成支付",
            "付款后{ship_h}小时内发货",
            "支持花呗分期付款",
            "本店暂时不支持货到付款",
            "未付款订单{n}小时后会自动关闭",
            "[付款失败|支付不成功]的话可以换一种支付方式试试",
        ),
        ("{% if order.status == 'unpaid' %}订单{{ order.id }}还在等待付款{% endif %}",),
        ("付款", "催付"),
    ),
)  # fmt: skip

# Related topics (same category) an answer may borrow a clause or two from.
SIBLINGS: Final[dict[str, tuple[Topic, ...]]] = {
    t.key: tuple(o for o in TOPICS if o.category == t.category and o is not t) for t in TOPICS
}

OPENERS: Final[tuple[str, ...]] = (
    "[亲|亲亲|您好|亲爱的]，[您好|在的]！",
    "您好[|呀]！",
    "[亲|您好]，感谢您的耐心等待！",
    "[亲|您好]，让您久等了！",
    "您好，这里是[店铺|售后|值班]客服。",
    "[亲|您好]，收到您的消息了。",
    "您好，很高兴为您服务。",
    "[亲|您好]，感谢您的咨询！",
    "您好，已经看到您的[留言|消息]了。",
    "[亲|您好]，这边帮您看过了。",
    "[亲|您好]，您说的情况我了解了。",
    "[亲|您好]，这边是客服{agent_nick}。",
)
FOLLOW_OPENERS: Final[tuple[str, ...]] = (
    "[亲|您好]，打扰一下，",
    "您好，这边回访一下，",
    "[亲|您好]，跟您同步一下进展，",
    "您好，上次的问题有进展了，",
)
TPL_OPENERS: Final[tuple[str, ...]] = (
    "{% if customer.nick %}{{ customer.nick | mask_name }}，{% endif %}您好！",
    "您好，我是{{ agent.name }}，很高兴为您服务！",
    "欢迎光临{{ shop.name }}！",
    "亲，我是{{ shop.name }}的客服{{ agent.name }}。",
)
CLOSINGS: Final[tuple[str, ...]] = (
    "还有其他问题随时[找我|联系我]哦。",
    "[祝您|愿您][购物|生活|使用]愉快！",
    "感谢您的理解与配合[！|哦。|呀！]",
    "有任何疑问欢迎随时[咨询|来问]。",
    "[期待|欢迎]您的再次光临！",
    "有需要随时留言给我[|哦]。",
    "辛苦您了，祝您[生活|周末|工作]愉快！",
    "这边会持续为您跟进[|的]。",
    "感谢您对[小店|我们]的[信任|支持]。",
    "麻烦您留意一下消息提醒[|哦]。",
    "我们随时在线为您服务[|哦]。",
    "如还有疑问可以继续留言[给我|给我们]。",
    "[请您|您]放心[|哦]。",
    "稍后有进展会主动[告诉|通知]您。",
    "谢谢[亲|您]的耐心[|等待]。",
    "感谢您的反馈[！|，我们会继续改进。]",
    "欢迎[下次|有空]再来逛逛。",
)
LEAD_INS: Final[tuple[str, ...]] = (
    "另外，", "同时", "温馨提示：", "需要说明的是，", "这里提醒一下，", "补充一下，", "还有，",
    "顺便说一下，", "特别说明：",
)  # fmt: skip
EXTRAS: Final[tuple[str, ...]] = (
    "如果还有其他需要，也可以直接在这里留言",
    "进度也可以在订单详情里随时查看",
    "这边已经在系统里做了备注",
    "后续有变化会及时通知您",
    "麻烦您保持手机畅通",
    "具体以页面显示为准",
    "需要人工协助的话随时找我",
    "处理记录会保存在聊天窗口里",
)
TAGS_BY_STAGE: Final[dict[str, str]] = {
    "greet": "接待",
    "identify": "需求识别",
    "resolve": "问题处理",
    "confirm": "方案确认",
    "follow_up": "跟进",
}

# Question decorations (all stripped by the question normaliser of cskit.dupes.canon).
Q_PREFIXES: Final[tuple[str, ...]] = ("", "", "", "", "请问", "亲，", "你好，", "在吗？")
Q_CONTEXT_PRE: Final[tuple[str, ...]] = (
    "我在{city}，", "昨天拍的，", "上周买的，", "刚下单的，", "给家里老人买的，", "给孩子买的，",
    "送朋友的，", "帮同事问一下，", "之前买过，", "看了详情页还是不清楚，", "收到货了，",
    "还没收到货，", "活动时拍的，", "用券买的，", "麻烦问下，", "想再确认一下，", "打扰一下，",
    "问一下，", "朋友推荐的，", "下单前想问问，", "购物车里的，", "直播间看到的，", "老顾客了，",
    "准备下单，", "家里人让我问，", "{spec}的，",
)  # fmt: skip
Q_CONTEXT_POST: Final[tuple[str, ...]] = (
    "，急用", "，着急用", "，在线等", "，麻烦看一下", "，谢谢", "，要送人的", "，想今天知道",
    "，下周要出门", "，多谢", "，麻烦尽快回复", "，等你回复", "，比较着急", "，拜托了", "，辛苦",
    "，明天要用", "，想确认一下", "，请帮忙看看", "，谢谢客服", "，寄到{city}的",
)  # fmt: skip
Q_STRIP_PREFIXES: Final[tuple[str, ...]] = ("亲亲", "亲", "您好", "你好", "请问", "在吗")
Q_PARTICLES: Final[str] = "呢吗呀啊哦哈吧嘛"

# ---------------------------------------------------------------------------------------------
# Planted edits
# ---------------------------------------------------------------------------------------------

# Interchangeable wordings applied to every fragment, so that two answers built from the same
# fragments still differ in many places. No numeral, negation or conflict word (支持, 包邮,
# 可以, 需要, 参与, 买家, 卖家) is touched, and nothing right after 不/无/未/没.
PARAPHRASES: Final[tuple[tuple[str, ...], ...]] = (
    ("这边", "我这边", "客服这边"),
    ("一般", "通常", "正常情况下", "一般来说"),
    ("麻烦", "辛苦", "劳烦"),
    ("商品", "宝贝", "货品"),
    ("马上", "尽快", "立刻"),
    ("查看", "查询", "看到"),
    ("联系", "联络"),
    ("处理", "解决", "跟进"),
    ("已经", "已"),
    ("订单详情", "订单详情页", "订单页面"),
    ("提醒", "通知"),
    ("随时", "随时都"),
    ("后续", "之后"),
    ("目前", "现在"),
    ("左右", "上下"),
    ("发出", "寄出"),
    ("如果", "若是", "要是"),
    ("建议", "推荐"),
    ("具体", "详细"),
    ("仓库", "库房"),
    ("快递员", "快递小哥"),
    ("详情页", "商品详情页", "宝贝详情页"),
    ("反馈", "反映"),
    ("放心", "安心"),
    ("安排", "处理"),
    ("及时", "尽快"),
    ("核实", "核对", "查实"),
    ("页面", "界面"),
    ("感谢", "谢谢"),
    ("很高兴", "很开心", "特别高兴"),
    ("同事", "伙伴"),
    ("大约", "大概"),
    ("退回", "退还", "返还"),
    ("原路", "按原渠道"),
    ("支付账户", "付款账户"),
    ("快递单号", "物流单号", "运单号"),
    ("照片", "图片"),
    ("寄回", "寄回来"),
    ("优惠券", "券"),
    ("赠品", "小赠品", "礼品"),
    ("直接", "直接就"),
    ("退换", "退货或换货"),
    ("说明", "介绍"),
    ("稍等", "稍候"),
    ("专员", "专属客服"),
    ("回复", "答复"),
    ("今天", "今日"),
    ("明天", "明日"),
    ("真的很抱歉", "实在抱歉", "很抱歉"),
    ("视频", "小视频"),
    ("系统", "后台"),
    ("完好", "完整"),
    ("会员", "店铺会员"),
    ("欢迎再次光临", "期待再次光临", "欢迎常来"),
    ("进展", "新进展"),
    ("留意", "关注"),
)
_PARA_GROUP: Final[dict[str, tuple[str, ...]]] = {w: g for g in PARAPHRASES for w in g}
_PARA_RE: Final[re.Pattern[str]] = re.compile(
    "(?<![不无未没])(?:" + "|".join(sorted(_PARA_GROUP, key=len, reverse=True)) + ")"
)

NUMERAL_CHARS: Final[str] = "0123456789〇一二三四五六七八九十百千万两"
NEGATION_CHARS: Final[str] = "不没无未非别勿免"

# Harmless rewordings for ``variant``: no numeral or negation character on either side.
SYNONYMS: Final[tuple[tuple[str, str], ...]] = (
    ("亲，您好", "亲爱的顾客，您好"), ("您好！", "亲爱的顾客，您好！"), ("尽快", "马上"),
    ("马上", "尽快"), ("帮您", "为您"), ("为您", "帮您"), ("查询", "查看"), ("麻烦", "辛苦"),
    ("稍等", "稍候"), ("商品", "宝贝"), ("联系", "联络"), ("告诉", "告知"), ("已经", "已"),
    ("核实", "核对"), ("感谢", "谢谢"), ("谢谢", "感谢"), ("处理", "解决"), ("可以", "能够"),
    ("随时", "随时都"), ("愉快", "开心"), ("放心", "安心"), ("详情页", "商品详情页"),
    ("这边", "我这边"), ("请您", "麻烦您"), ("留言", "留个言"), ("反馈", "反映"), ("包裹", "快递"),
    ("订单详情", "订单详情页"), ("申请", "提交申请"), ("检查", "查验"), ("提醒", "通知"),
)  # fmt: skip
assert all(not set(old + new) & set(NUMERAL_CHARS + NEGATION_CHARS) for old, new in SYNONYMS), (
    "a SYNONYMS pair touches a numeral or negation character"
)

_NUM_SWAP: Final[dict[str, str]] = {
    "1": "3", "2": "5", "3": "5", "4": "6", "5": "10", "6": "12", "7": "15", "8": "12", "10": "20",
    "12": "6", "15": "7", "20": "50", "24": "48", "30": "15", "48": "72", "49": "69", "50": "30",
    "59": "99", "69": "99", "72": "48", "79": "99", "88": "128", "99": "199", "129": "199",
    "199": "299", "299": "399", "399": "499",
}  # fmt: skip
_CN_SWAP: Final[dict[str, str]] = {
    "七": "十五", "十五": "七", "一": "两", "两": "三", "三": "五", "五": "三", "十": "十五",
}  # fmt: skip
_UNITS: Final[str] = "天|小时|个工作日|工作日|元|个月|分钟"
_DIGIT_NUM_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![\d.])(\d+)(?=(?:{_UNITS}))|(?<=满)(\d+)(?!\d)"
)
_CN_NUM_RE: Final[re.Pattern[str]] = re.compile(
    r"(?<![第一二三四五六七八九十两])([一二三四五六七八九十两]+)(?=天|年|个工作日|小时)"
)
_NEG_WORDS: Final[str] = "支持|包邮|可以|需要|参与"
_NEG_ADD_RE: Final[re.Pattern[str]] = re.compile(rf"(?<![不无])({_NEG_WORDS})")
_NEG_DROP_RE: Final[re.Pattern[str]] = re.compile(rf"不({_NEG_WORDS})")
_PARTY_RE: Final[re.Pattern[str]] = re.compile(r"买家|卖家")
_JINJA_RE: Final[re.Pattern[str]] = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_SLOT_RE: Final[re.Pattern[str]] = re.compile(r"\{(\w+)\}")
_ALT_RE: Final[re.Pattern[str]] = re.compile(r"\[([^\[\]]*)\]")

ENDIF: Final[str] = "{% endif %}"
_HALFWIDTH: Final[dict[str, str]] = {
    "，": ",", "。": ".", "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")",
}  # fmt: skip
EMOJI: Final[tuple[str, ...]] = ("😊", "🙏", "🌹", "❤️", "💕", "🎁", "✨", "😄", "👍")


class _CanonTable(dict[int, "str | None"]):
    """``str.translate`` table: drop whitespace, punctuation, symbols and other/format chars."""

    def __missing__(self, cp: int) -> str | None:
        cat = unicodedata.category(chr(cp))
        value = None if cat[0] in "ZPSC" or cat in ("Mn", "Me") else chr(cp)
        self[cp] = value
        return value


_CANON_TABLE: Final[_CanonTable] = _CanonTable()


def canon(text: str) -> str:
    """Normalise an answer for exact-duplicate comparison (width folding, case folding, no
    punctuation or spaces)."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_CANON_TABLE)


_KEY_RE: Final[re.Pattern[str]] = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """Fast stand-in for ``canon`` on generated text: casefold, drop non-word characters."""
    return _KEY_RE.sub("", text.casefold())


def canon_question(text: str) -> str:
    """Normalise a question: ``text_key`` plus courtesy prefixes and final particles stripped."""
    s = text_key(text)
    changed = True
    while changed:
        changed = False
        for prefix in Q_STRIP_PREFIXES:
            if s.startswith(prefix) and len(s) > len(prefix):
                s = s[len(prefix) :]
                changed = True
    return s.rstrip(Q_PARTICLES) or s


def ratio(a: str, b: str) -> float:
    """``rapidfuzz.fuzz.ratio`` (normalised Indel similarity × 100), bit-parallel LCS."""
    if not a and not b:
        return 100.0
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    lcs = len(a) - v.bit_count()
    return 200.0 * lcs / (len(a) + len(b))


def _free_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` outside Jinja tags and expressions."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _JINJA_RE.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _outside_jinja(text: str, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in _free_spans(text))


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    spans = _free_spans(text)
    return [
        m for m in pattern.finditer(text) if any(s <= m.start() and m.end() <= e for s, e in spans)
    ]


# A mutation returns the new answer and a short description, or None if it does not apply.
Mutation = tuple[str, str] | None


def _number_change(text: str, rng: Random) -> Mutation:
    digits, numerals = _matches(_DIGIT_NUM_RE, text), _matches(_CN_NUM_RE, text)
    found = numerals if numerals and (not digits or rng.random() < 0.5) else digits
    if not found:
        return None
    m = rng.choice(found)
    old = m.group(0)
    if old.isdigit():
        new = _NUM_SWAP.get(old, str(int(old) * 2))
    else:
        new = _CN_SWAP.get(old, "十五" if old != "十五" else "七")
    unit_m = re.match(rf"{_UNITS}|年", text[m.end() :])
    unit = unit_m.group(0) if unit_m else ""
    prefix = "满" if text[m.start() - 1 : m.start()] == "满" and not unit else ""
    desc = f"number:{prefix}{old}{unit}→{prefix}{new}{unit}"
    return text[: m.start()] + new + text[m.end() :], desc


def _negation_change(text: str, rng: Random) -> Mutation:
    adds = _matches(_NEG_ADD_RE, text)
    drops = _matches(_NEG_DROP_RE, text)
    if not adds and not drops:
        return None
    m = rng.choice(adds + drops)
    if m.group(0).startswith("不"):
        word = m.group(1)
        return text[: m.start()] + word + text[m.end() :], f"negation:不{word}→{word}"
    word = m.group(0)
    return text[: m.start()] + "不" + text[m.start() :], f"negation:{word}→不{word}"


def _party_change(text: str, rng: Random) -> Mutation:
    found = _matches(_PARTY_RE, text)
    if not found:
        return None
    m = rng.choice(found)
    old = m.group(0)
    new = "卖家" if old == "买家" else "买家"
    return text[: m.start()] + new + text[m.end() :], f"party:{old}→{new}"


# Substantive changes planted as conflicts, in this rotation (numbers 50 %, negations 30 %,
# parties 20 %); disjoint pairs always get a number change.
CONFLICT_KINDS: Final[tuple[Callable[[str, Random], Mutation], ...]] = (
    _number_change, _negation_change, _number_change, _party_change, _number_change,
    _negation_change, _number_change, _party_change, _number_change, _negation_change,
)  # fmt: skip


def _variant_change(text: str, rng: Random) -> tuple[str, list[str]] | None:
    present = [pair for pair in SYNONYMS if pair[0] in text]
    if not present:
        return None
    rng.shuffle(present)
    edits: list[str] = []
    for old, new in present[: rng.choice((1, 1, 2, 2, 3))]:
        found = [m.start() for m in re.finditer(re.escape(old), text)]
        found = [p for p in found if _outside_jinja(text, p, p + len(old))]
        if not found:
            continue
        p = rng.choice(found)
        text = text[:p] + new + text[p + len(old) :]
        edits.append(f"syn:{old}→{new}")
    return (text, edits) if edits else None


def _duplicate_change(text: str, rng: Random) -> tuple[str, list[str]]:
    kinds = ["spaces", "halfwidth", "emoji", "tilde"]
    if "{{ " in text:
        kinds.append("jinja_spacing")
    chosen = rng.sample(kinds, rng.choice((1, 1, 2, 2, 3)))
    if rng.random() < 0.2:
        chosen.append("qin")
    edits: list[str] = []
    for kind in ("jinja_spacing", "halfwidth", "spaces", "emoji", "tilde", "qin"):
        if kind not in chosen:
            continue
        before = text
        if kind == "jinja_spacing":
            text = re.sub(r"\{\{ (.*?) \}\}", r"{{\1}}", text)
        elif kind == "halfwidth":
            parts: list[str] = []
            pos = 0
            for s, e in _free_spans(text):
                parts.append(text[pos:s])
                parts.append("".join(_HALFWIDTH.get(c, c) for c in text[s:e]))
                pos = e
            parts.append(text[pos:])
            text = "".join(parts)
        elif kind == "spaces":
            slots = [
                i
                for s, e in _free_spans(text)
                for i in range(s + 1, e)
                if text[i - 1] not in "\n " and text[i] not in "\n "
            ]
            for i in sorted(rng.sample(slots, min(len(slots), rng.randint(1, 3))), reverse=True):
                text = text[:i] + rng.choice((" ", " ", "  ", "\u3000")) + text[i:]
        elif kind == "emoji":
            mark = rng.choice(EMOJI)
            if rng.random() < 0.6:
                text = text + mark
            else:
                m = re.search(r"[，！。,!.]", text)
                if m and _outside_jinja(text, m.start(), m.end()):
                    text = text[: m.end()] + mark + text[m.end() :]
                else:
                    text = text + mark
        elif kind == "tilde":
            text = re.sub(r"(哦|呢|啦)([。！.!])", r"\1～\2", text, count=1)
            if text == before:
                text = text + rng.choice(("～", "~"))
        elif kind == "qin":
            if text.startswith("亲，"):
                text = text[2:]
            elif text.startswith("亲亲，"):
                text = text[3:]
            else:
                text = "亲，" + text
        if text != before:
            edits.append(kind)
    if not edits:
        text = text + rng.choice(EMOJI)
        edits.append("emoji")
    return text, edits


# ---------------------------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """One library entry as it is written (``owner`` only when it differs from the default)."""

    id: str
    topic: Topic
    stage: str
    title: str
    questions: list[str]
    answer: str
    tags: list[str]
    reviewed: str
    owner: str | None = None
    conditions: dict[str, str | list[str]] | None = None
    notes: str | None = None
    slots: dict[str, str] = field(default_factory=dict)


# A fragment compiled once into (kind, payload) nodes: literal text, a ``{slot}`` name, a
# paraphrase site (its words) or ``[a|b]`` alternatives (their nodes).
_LIT, _SLOT, _PARA, _ALT = range(4)
Nodes = tuple[tuple[int, Any], ...]
_COMPILED: dict[tuple[str, bool], Nodes] = {}


def _compile_plain(text: str, paraphrase: bool) -> list[tuple[int, Any]]:
    nodes: list[tuple[int, Any]] = []
    for piece in re.split(r"(\{\w+\})", text):
        if not piece:
            continue
        m = _SLOT_RE.fullmatch(piece)
        if m:
            nodes.append((_SLOT, m.group(1)))
            continue
        pos = 0
        for w in _PARA_RE.finditer(piece) if paraphrase else ():
            if w.start() > pos:
                nodes.append((_LIT, piece[pos : w.start()]))
            nodes.append((_PARA, _PARA_GROUP[w.group(0)]))
            pos = w.end()
        if pos < len(piece):
            nodes.append((_LIT, piece[pos:]))
    return nodes


def _compile(template: str, paraphrase: bool) -> Nodes:
    """Parse ``[a|b]`` alternatives, paraphrase sites and ``{slot}`` names of a fragment."""
    nodes: list[tuple[int, Any]] = []
    pos = 0
    for m in _ALT_RE.finditer(template):
        nodes.extend(_compile_plain(template[pos : m.start()], paraphrase))
        options = tuple(tuple(_compile_plain(o, paraphrase)) for o in m.group(1).split("|"))
        nodes.append((_ALT, options))
        pos = m.end()
    nodes.extend(_compile_plain(template[pos:], paraphrase))
    return tuple(nodes)


def _any(rng: Random, options: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling (several times faster)."""
    return options[int(rng.random() * len(options))]


# A building block of an answer: ("b", topic, clause, alternatives), ("o", opener, ...) …
Component = tuple[Any, ...]


def _shapes(blocks: set[Component], ids: dict[Component, int]) -> set[int]:
    """Fingerprints of the set of blocks and of every set with one block left out.

    Two answers whose shapes meet are the same blocks, or differ by one added, removed or
    swapped block: likely near-duplicates. Rejecting them keeps accidental
    ``fuzz.ratio ≥ 85`` pairs rare without comparing texts. Blocks are numbered in order of
    first use and a shape is the hash of its sorted numbers (deterministic, unlike hashes of
    strings).
    """
    numbered = sorted((ids.setdefault(b, len(ids)), b[0] in "btx") for b in blocks)
    shapes = {hash(tuple(n for n, _ in numbered))}
    if len(numbered) > 1:
        for skip in range(len(numbered)):
            rest = numbered[:skip] + numbered[skip + 1 :]
            if any(body for _, body in rest):
                shapes.add(hash(tuple(n for n, _ in rest)))
    return shapes


@dataclass(slots=True)
class _Generator:
    rng: Random
    fixed: dict[str, str] = field(default_factory=dict)
    seen_answers: set[str] = field(default_factory=set)
    seen_questions: set[str] = field(default_factory=set)
    shapes: set[int] = field(default_factory=set)
    block_ids: dict[Component, int] = field(default_factory=dict)

    def entry_slots(self) -> dict[str, str]:
        """Slot values one entry keeps throughout its title, questions and answer."""
        return {name: FILLS[name](self.rng) for name in ENTRY_SLOTS}

    def fill(self, template: str, paraphrase: bool = True) -> str:
        """Resolve ``[a|b]`` alternatives, paraphrase sites and ``{slot}`` names."""
        return self.fill_keyed(template, paraphrase)[0]

    def fill_keyed(self, template: str, paraphrase: bool = True) -> tuple[str, tuple[int, ...]]:
        """Like ``fill``, also returning which alternatives were taken."""
        nodes = _COMPILED.get((template, paraphrase))
        if nodes is None:
            nodes = _COMPILED[template, paraphrase] = _compile(template, paraphrase)
        picks: list[int] = []
        out: list[str] = []
        self._render(nodes, out, picks)
        return "".join(out), tuple(picks)

    def _render(self, nodes: Nodes, out: list[str], picks: list[int]) -> None:
        random, fixed = self.rng.random, self.fixed
        for kind, payload in nodes:
            if kind == _LIT:
                out.append(payload)
            elif kind == _SLOT:
                out.append(fixed.get(payload) or FILLS[payload](self.rng))
            else:
                k = int(random() * len(payload))
                picks.append(k)
                if kind == _PARA:
                    out.append(payload[k])
                else:
                    self._render(payload[k], out, picks)

    def answer(self, topic: Topic, stage: str, templated: bool) -> tuple[str, set[Component]]:
        """Compose an answer of 40–200 characters; also return its building blocks."""
        rng = self.rng
        target = int(rng.triangular(45, 185, 70))
        if templated and rng.random() < 0.15:
            pool, tag = TPL_OPENERS, "ot"
        elif stage == "follow_up" and rng.random() < 0.5:
            pool, tag = FOLLOW_OPENERS, "of"
        else:
            pool, tag = OPENERS, "o"
        k = int(rng.random() * len(pool))
        opener, picks = self.fill_keyed(pool[k])
        if "{%" in opener:
            target = max(target, 150)  # template code counts towards the length
        edges: set[Component] = {(tag, k)}
        closing = ""
        if rng.random() < 0.85:
            k = int(rng.random() * len(CLOSINGS))
            closing, picks = self.fill_keyed(CLOSINGS[k])
            edges.add(("z", k))
        body: set[Component] = set()
        budget = target - len(opener) - len(closing)
        special = ""
        if templated and "{" not in opener:
            k = int(rng.random() * len(topic.tpl))
            special, picks = self.fill_keyed(topic.tpl[k])
            body.add(("t", topic.key, k, picks))
            code = sum(len(m) for m in _JINJA_RE.findall(special))
            budget += min(code, 200 - target) - len(special) - 1  # code is no reading length
        # at most ~60 % of the topic's own clauses, then one or two from a related topic
        order = list(range(len(topic.body)))
        rng.shuffle(order)
        del order[max(2, round(len(topic.body) * 0.6)) :]
        sibling = _any(rng, SIBLINGS[topic.key])
        extra = rng.sample(range(len(sibling.body)), 2)
        sources = [(topic, i) for i in order] + [(sibling, i) for i in extra]
        chosen: list[tuple[int, str]] = []
        for n, (source, i) in enumerate(sources):
            clause, picks = self.fill_keyed(source.body[i])
            if chosen and rng.random() < 0.25:
                k = int(rng.random() * len(LEAD_INS))
                clause = LEAD_INS[k] + clause
                picks = (*picks, -1 - k)
            if chosen and len(clause) + 1 > budget:
                break
            chosen.append((n, clause))
            body.add(("b", source.key, i, picks))
            budget -= len(clause) + 1
        if rng.random() < 0.6:
            chosen.sort()
        clauses = [clause for _, clause in chosen]
        if budget > 20 and rng.random() < 0.6:
            k = int(rng.random() * len(EXTRAS))
            clauses.insert(int(rng.random() * (len(clauses) + 1)), EXTRAS[k])
            body.add(("x", k))
        if special:
            clauses.insert(rng.randrange(min(2, len(clauses)) + 1), special)
        text = opener
        for n, clause in enumerate(clauses):
            if n and len(text) + len(clause) + 1 > 200:
                break
            last = n == len(clauses) - 1
            mark = "。" if last else _any(rng, ("，", "。", "。", "！"))
            if mark == "。" and not last and rng.random() < 0.1:
                mark += "\n"
            if clause.endswith(ENDIF):
                # the punctuation of a conditional clause goes inside its {% if %} block
                text += clause[: -len(ENDIF)] + mark + ENDIF
            else:
                text += clause + ("哦" if rng.random() < 0.1 else "") + mark
        for tail in ("，", "！", "。\n"):  # the answer may end inside an {% if %} block
            if text.endswith(tail + ENDIF):
                text = text[: -len(tail + ENDIF)] + "。" + ENDIF
        if closing and len(text) + len(closing) <= 200:
            text += closing
        text = text.rstrip("\n，")
        if not text.endswith(("。", "！", "？", "哦", ENDIF)):
            text += "。"
        while len(text) < 40:
            text += self.fill(_any(rng, CLOSINGS))
        # short answers are mostly opener and closing: those count as building blocks too
        return text, (body | edges if len(body) <= 3 else body)

    def unique_answer(self, topic: Topic, stage: str, templated: bool) -> str:
        """An answer that is no near-copy of an earlier one (see ``_shapes``)."""
        for attempt in range(200):
            text, blocks = self.answer(topic, stage, templated)
            if len(text) > 200:
                continue
            key = text_key(text)
            if key in self.seen_answers:
                continue
            shapes = _shapes(blocks, self.block_ids)
            if attempt < 20 and not self.shapes.isdisjoint(shapes):
                continue
            self.seen_answers.add(key)
            self.shapes.update(shapes)
            return text
        raise RuntimeError(f"no unique answer for topic {topic.key}")  # pragma: no cover

    def question(self, topic: Topic) -> str:
        """A customer phrasing, unique across the library after ``canon_question``."""
        rng = self.rng
        fixed = self.fixed
        try:
            for attempt in range(80):
                if attempt == 8:
                    self.fixed = {}
                core = self.fill(_any(rng, topic.questions), paraphrase=False)
                context = ""
                if rng.random() < (0.4 if attempt < 2 else 0.8):
                    core = self.fill(_any(rng, Q_CONTEXT_PRE), paraphrase=False) + core
                short = len(core) < 10  # bare short questions end up near-identical
                if rng.random() < (0.35 if attempt < 2 and not short else 0.75):
                    context = self.fill(_any(rng, Q_CONTEXT_POST), paraphrase=False)
                if attempt >= 60:
                    context = f"，订单尾号{int(rng.random() * 10_000):04d}"
                key = canon_question(core + context)
                if key in self.seen_questions:
                    continue
                self.seen_questions.add(key)
                prefix = _any(rng, Q_PREFIXES)
                if context or core.endswith(("吗", "呢", "吧")):
                    suffix = ""
                else:
                    suffix = _any(rng, ("", "？", "？", "呢"))
                return prefix + core + context + suffix
        finally:
            self.fixed = fixed
        raise RuntimeError("could not find a unique question")  # pragma: no cover

    def entry(self, ident: str, topic: Topic | None = None, templated: bool | None = None) -> Entry:
        rng = self.rng
        topic = topic or _any(rng, TOPICS)
        stage = _any(rng, topic.stages)
        if templated is None:
            templated = rng.random() < 1 / 3
        self.fixed = self.entry_slots()
        answer = self.unique_answer(topic, stage, templated)
        return self.dress(ident, topic, stage, answer)

    def dress(self, ident: str, topic: Topic, stage: str, answer: str) -> Entry:
        """Build the entry around an answer: title, questions, tags, review date, extras."""
        rng = self.rng
        slots = dict(self.fixed)
        questions = [self.question(topic) for _ in range(_any(rng, (1, 2, 2, 2, 3)))]
        tags = rng.sample(topic.tags, rng.randint(1, len(topic.tags)))
        if rng.random() < 0.3:
            tags.append(TAGS_BY_STAGE[stage])
        reviewed = (date(2026, 6, 1) + timedelta(days=int(rng.random() * 183))).isoformat()
        entry = Entry(
            id=ident,
            topic=topic,
            stage=stage,
            title=self.fill(_any(rng, topic.titles), paraphrase=False),
            questions=questions,
            answer=answer,
            tags=tags,
            reviewed=reviewed,
            slots=slots,
        )
        if rng.random() < 0.05:
            entry.owner = _any(rng, OWNERS)
        if rng.random() < 0.04:
            entry.notes = _any(rng, NOTES)
        return entry


def _random_conditions(rng: Random) -> dict[str, str | list[str]]:
    if rng.random() < 0.7:
        return {"order_status": rng.choice(ORDER_STATUSES)}
    return {"order_status": sorted(rng.sample(ORDER_STATUSES, 2), key=ORDER_STATUSES.index)}


def _disjoint_conditions(
    rng: Random,
) -> tuple[dict[str, str | list[str]], dict[str, str | list[str]]]:
    if rng.random() < 0.6:
        return {"order_status": "paid"}, {"order_status": "shipped"}
    statuses = list(ORDER_STATUSES)
    rng.shuffle(statuses)
    k = rng.randint(1, 2)
    left = sorted(statuses[:k], key=ORDER_STATUSES.index)
    right = sorted(statuses[k : k + rng.randint(1, 2)], key=ORDER_STATUSES.index)
    a: str | list[str] = left[0] if len(left) == 1 else left
    b: str | list[str] = right[0] if len(right) == 1 else right
    return {"order_status": a}, {"order_status": b}


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

_PLAIN_RE: Final[re.Pattern[str]] = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^\n]*")


def _scalar(text: str) -> str:
    """A plain YAML scalar when it is unambiguous, else a double-quoted one."""
    if (
        _PLAIN_RE.fullmatch(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_item(text: str) -> str:
    return (
        text
        if re.fullmatch(r"[^\s,\[\]{}#&*!|>'\"%@`:?-][^,\[\]{}#:]*", text)
        else json.dumps(text, ensure_ascii=False)
    )


def _conditions_yaml(conditions: dict[str, str | list[str]]) -> list[str]:
    lines = ["    conditions:"]
    for key, value in conditions.items():
        if isinstance(value, list):
            lines.append(f"      {key}: [{', '.join(value)}]")
        else:
            lines.append(f"      {key}: {value}")
    return lines


def _entry_yaml(entry: Entry) -> str:
    lines = [
        f"  - id: {entry.id}",
        f"    title: {_scalar(entry.title)}",
        f"    category: {entry.topic.category}",
        f"    stage: {entry.stage}",
        "    questions:",
    ]
    lines.extend(f"      - {_scalar(q)}" for q in entry.questions)
    # A first line starting with a space needs an explicit indentation indicator.
    lines.append("    answer: |2-" if entry.answer[:1] in (" ", "\t") else "    answer: |-")
    lines.extend(f"      {line}" for line in entry.answer.split("\n"))
    if entry.conditions:
        lines.extend(_conditions_yaml(entry.conditions))
    lines.append(f"    tags: [{', '.join(_flow_item(t) for t in entry.tags)}]")
    if entry.owner:
        lines.append(f"    owner: {entry.owner}")
    lines.append(f"    reviewed: {entry.reviewed}")
    if entry.notes:
        lines.append(f"    notes: {_scalar(entry.notes)}")
    return "\n".join(lines) + "\n"


CONFIG_YAML: Final[str] = r"""# cskit configuration, synthetic library (benchmarks/genlib.py)
version: 1
language: zh-Hans
categories:
  order: 订单问题
  product: 商品咨询
  complaint: 投诉纠纷
  after_sales: 售后服务
  promotion: 活动优惠
  general: 通用
owners: [客服一组, 客服二组, 售后组, 活动运营组]
review_every: {policy: 30d, product: 90d, faq: 90d, script: 180d, process: 180d, case: 365d}
required: [owner, reviewed]
channels:
  chat: {max_chars: 500}
  sms: {signature: 【示例旗舰店】, segment_chars: 70, multipart_chars: 67, max_segments: 2}
variables:
  order.id: {type: str, label: 订单号, example: '3412345678901234567'}
  order.amount: {type: money, label: 实付金额, example: 128.5}
  order.status:
    type: str
    label: 订单状态
    enum: [unpaid, paid, shipped, signed, refunding, closed]
  shipment.carrier: {type: str, optional: true, label: 快递公司}
  shipment.tracking_no: {type: str, optional: true, label: 物流单号}
  shipment.eta: {type: date, optional: true, label: 预计送达}
  customer.nick: {type: str, optional: true, pii: true, label: 买家昵称}
  agent.name: {type: str, label: 客服昵称}
  shop.name: {type: str, label: 店铺名称}
  coupon.amount: {type: money, optional: true, label: 优惠券面额}
facts:
  return_days:
    value: 7
    changed: 2026-03-01
    label: 无理由退货天数
    mentions: ['(\d+)\s*天无理由']
  refund_hours:
    value: 24
    changed: 2026-06-15
    label: 退款到账时效
    mentions: ['(\d+)\s*小时内?到账']
samples:
  shipped:
    order: {id: '3412345678901234567', amount: 128.5, status: shipped}
    shipment: {carrier: 中通快递, tracking_no: '75312345678901', eta: 2026-11-20}
    customer: {nick: 张**}
    agent: {name: 小美}
    shop: {name: 示例旗舰店}
    coupon: {amount: 10}
  unshipped:
    order: {id: '3412345678901239876', amount: 59.9, status: paid}
    agent: {name: 阿杰}
    shop: {name: 示例旗舰店}
lint:
  select: [ALL]
  fail_on: error
"""


def _file_header(index: int, files: int, seed: int, first: str | None, last: str | None) -> str:
    span = f"entries {first} … {last}" if first and last else "no entries"
    return (
        "# 合成话术库（基准测试与评测用），由 benchmarks/genlib.py 生成，请勿手工修改。\n"
        f"# synthetic cskit library, part {index + 1} of {files}, seed {seed}, {span}\n"
    )


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

_MUTATION_LABELS: Final[tuple[str, ...]] = ("duplicate", "variant", "conflict", "disjoint")


def _plant(
    gen: _Generator, label: str, a: Entry, change: Callable[[str, Random], Mutation]
) -> tuple[str, list[str]] | None:
    """b's answer for a planted pair with original ``a``, or None if ``a`` does not fit."""
    rng = gen.rng
    text = a.answer
    if label == "duplicate":
        new, edits = _duplicate_change(text, rng)
        core_a, core_b = canon(text), canon(new)
        if core_a != core_b and core_a.lstrip("亲") != core_b.lstrip("亲"):
            return None
    elif label == "variant":
        result = _variant_change(text, rng)
        if result is None:
            return None
        new, edits = result
        if text_key(new) in gen.seen_answers or ratio(text, new) < 85:
            return None
    else:
        mutated = change(text, rng)
        if mutated is None:
            return None
        new, desc = mutated
        edits = [desc]
        if text_key(new) in gen.seen_answers or ratio(text, new) < 85:
            return None
    if not 40 <= len(new) <= 200:
        return None
    if label != "duplicate":
        gen.seen_answers.add(text_key(new))
    return new, edits


def _shared_question(rng: Random, question: str) -> tuple[str, str]:
    core = question
    for prefix in ("在吗？", "你好，", "亲，", "请问"):
        if core.startswith(prefix):
            core = core[len(prefix) :]
    core = core.rstrip("？")
    if core.endswith("呢") and len(core) > 2:
        core = core[:-1]
    variants = [core, "请问" + core, "亲，" + core, core + "？", "请问" + core + "？"]
    if not core.endswith(("吗", "呢", "吧")):
        variants += [core + "呢？", "亲，" + core + "呢"]
    choices = [v for v in variants if v != question] or [question]
    new = rng.choice(choices)
    return new, ("same" if new == question else "variation")


def generate(
    out_dir: Path,
    entries: int,
    files: int = 100,
    seed: int = 1,
    dupes: float = 0.02,
    conflicts: float = 0.01,
) -> dict[str, object]:
    """Write the library and ``.truth.json`` into ``out_dir``; return the truth dictionary."""
    if entries < 1 or files < 1:
        raise ValueError("entries and files must be at least 1")
    if not (0 <= dupes <= 1 and 0 <= conflicts <= 1):
        raise ValueError("dupes and conflicts are fractions between 0 and 1")
    rng = Random(seed)
    gen = _Generator(rng)

    n_dupe = round(entries * dupes)
    n_conf = round(entries * conflicts)
    planned = {
        "duplicate": n_dupe - n_dupe // 2,
        "variant": n_dupe // 2,
        "conflict": n_conf - n_conf // 2,
        "disjoint": n_conf // 2,
    }
    capacity = entries // 2
    if sum(planned.values()) > capacity:
        raise ValueError(
            f"{sum(planned.values())} planted pairs need {2 * sum(planned.values())} entries, "
            f"not {entries}: lower --dupes/--conflicts"
        )
    planned["shared_question"] = min(max(2, entries // 2000), capacity - sum(planned.values()))

    labels = [label for label, count in planned.items() for _ in range(count)]
    members = rng.sample(range(entries), 2 * len(labels))
    pairs = [(labels[k], members[2 * k], members[2 * k + 1]) for k in range(len(labels))]
    role: dict[int, str] = {}
    for label, _ia, ib in pairs:
        role[ib] = label

    width = max(6, len(str(entries - 1)))
    ids = [f"e{i:0{width}d}" for i in range(entries)]
    library: list[Entry | None] = [None] * entries

    # Pass 1: every entry that is not a planted partner.
    for i in range(entries):
        if i not in role:
            entry = gen.entry(ids[i])
            if rng.random() < 0.06:
                entry.conditions = _random_conditions(rng)
            library[i] = entry

    # Pass 2: planted partners, built from their originals.
    truth_pairs: list[dict[str, object]] = []
    n_conflicts = 0
    for label, ia, ib in pairs:
        change: Callable[[str, Random], Mutation] = _number_change
        if label == "conflict":
            change = CONFLICT_KINDS[n_conflicts % len(CONFLICT_KINDS)]
            n_conflicts += 1
        a = library[ia]
        assert a is not None
        if label == "shared_question":
            a.conditions = None
            question, how = _shared_question(rng, rng.choice(a.questions))
            b = gen.entry(ids[ib], topic=a.topic)
            b.questions[rng.randrange(len(b.questions))] = question
            library[ib] = b
            truth_pairs.append(
                {"a": a.id, "b": b.id, "label": label, "edits": [f"question:{how}:{question}"]}
            )
            continue
        planted = _plant(gen, label, a, change)
        tries = 0
        while planted is None:
            tries += 1
            if tries > 500:
                raise RuntimeError(f"could not plant a {label} pair")  # pragma: no cover
            topic = a.topic if tries < 20 else rng.choice(TOPICS)
            stage = rng.choice(topic.stages)
            gen.fixed = gen.entry_slots()
            answer = gen.unique_answer(topic, stage, rng.random() < 1 / 3)
            a = gen.dress(a.id, topic, stage, answer)
            library[ia] = a
            planted = _plant(gen, label, a, change)
        answer, edits = planted
        gen.fixed = dict(a.slots)
        b = gen.dress(ids[ib], a.topic, a.stage, answer)
        a.conditions = None
        if label == "disjoint":
            a.conditions, b.conditions = _disjoint_conditions(rng)
        elif label == "conflict" and rng.random() < 0.2:
            shared = _random_conditions(rng)
            a.conditions = shared
            b.conditions = {k: (list(v) if isinstance(v, list) else v) for k, v in shared.items()}
        library[ib] = b
        truth_pairs.append({"a": a.id, "b": b.id, "label": label, "edits": edits})

    # Write.
    out_dir.mkdir(parents=True, exist_ok=True)
    scripts = out_dir / "scripts"
    scripts.mkdir(exist_ok=True)
    for old in scripts.glob("part-*.yaml"):
        old.unlink()
    (out_dir / "cskit.yaml").write_text(CONFIG_YAML, encoding="utf-8")
    fwidth = max(3, len(str(files - 1)))
    for k in range(files):
        lo, hi = k * entries // files, (k + 1) * entries // files
        chunk = [e for e in library[lo:hi] if e is not None]
        parts = [
            _file_header(
                k, files, seed, chunk[0].id if chunk else None, chunk[-1].id if chunk else None
            ),
            f"defaults:\n  owner: {OWNERS[k % len(OWNERS)]}\n  kind: script\n",
        ]
        if chunk:
            parts.append("entries:\n")
            parts.extend(_entry_yaml(e) for e in chunk)
        else:
            parts.append("entries: []\n")
        (scripts / f"part-{k:0{fwidth}d}.yaml").write_text("".join(parts), encoding="utf-8")

    counts = {label: sum(1 for p in truth_pairs if p["label"] == label) for label in planned}
    truth: dict[str, object] = {
        "entries": entries,
        "files": files,
        "seed": seed,
        "counts": counts,
        "pairs": truth_pairs,
    }
    head = json.dumps({k: v for k, v in truth.items() if k != "pairs"}, ensure_ascii=False)
    body = ",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in truth_pairs)
    (out_dir / ".truth.json").write_text(
        head[:-1] + ', "pairs": [\n' + body + ("\n" if body else "") + "]}\n", encoding="utf-8"
    )
    return truth


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="genlib.py",
        description="Generate a synthetic cskit script library with planted, labelled pairs.",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--entries", type=int, required=True, help="number of entries")
    parser.add_argument("--files", type=int, default=100, help="number of entry files (100)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--dupes", type=float, default=0.02, help="duplicate + variant pairs per entry (0.02)"
    )
    parser.add_argument(
        "--conflicts", type=float, default=0.01, help="conflict + disjoint pairs per entry (0.01)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        truth = generate(
            args.out_dir, args.entries, args.files, args.seed, args.dupes, args.conflicts
        )
    except ValueError as exc:
        parser.error(str(exc))
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (args.out_dir / "scripts").glob("part-*.yaml"))
    counts = truth["counts"]
    assert isinstance(counts, dict)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(
        f"{args.out_dir}: {args.entries} entries in {args.files} files, "
        f"{size / 1e6:.2f} MB, {elapsed:.2f} s; pairs: {summary}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
