"""The words duplicate detection knows about service replies, as data.

- **Courtesy** that says nothing a customer acts on: forms of address (亲, 亲爱的, 小主),
  acknowledgements (嗯嗯, 好的), thanks and "you are welcome" lines (您客气了, 不客气, 都是
  我应该做的), and sentence-final particles. Removed from answers before comparing, so
  ``亲爱的，您客气了哦，还有什么可以帮您`` and ``还有什么可以帮您呢`` read alike.
- **Formulas**: the fixed lines every shop writes in its own words (the "anything else?"
  closing, the "how can I help?" opening, "please wait", "sorry", "let me check"). Each
  becomes one private-use character, so two wordings of a formula are the same character
  and weigh one character in a score: a reply that is only a formula matches other
  wordings of it, a reply that adds content to it is compared on the content.
- **Harmless synonyms**: wordings that never change what a reply promises (帮助/帮忙/帮,
  你/您, 当日/当天, 不签收/拒收).
- **Not negations**: words that start with a negation character and negate nothing
  (不便, 不客气, 非常, 无论, 免费…).
- **Opposing concepts**: the default ``D004.opposites``, what service replies contradict
  each other about: who pays, full or partial, refund or exchange, before or after, the
  same day or the next, in stock or not.

Every list is applied to canonical text (:func:`cskit.dupes.canon.canon`: no punctuation,
Simplified, case-folded).
"""

from __future__ import annotations

# Whole clauses (after canon and particle stripping) that carry no content.
COURTESY_CLAUSES: frozenset[str] = frozenset(
    [
        "亲",
        "亲亲",
        "亲爱",
        "亲爱的",
        "小主",
        "客官",
        "宝宝",
        "宝贝",
        "亲们",
        "嗯",
        "嗯嗯",
        "嗯呢",
        "恩",
        "恩恩",
        "哦",
        "哦哦",
        "噢",
        "好",
        "好的",
        "好滴",
        "好哒",
        "好嘞",
        "好呀",
        "行",
        "可以",
        "可以的",
        "没问题",
        "是",
        "是的",
        "对",
        "对的",
        "对呀",
        "嗯是的",
        "好的呢",
        "收到",
        "明白",
        "了解",
        "谢谢",
        "谢谢您",
        "感谢",
        "感谢您",
        "多谢",
        "非常感谢",
        "您好",
        "你好",
        "您好呀",
        "在",
        "在的",
        "在呢",
        "ok",
        "不客气",
        "不用客气",
        "不用谢",
        "客气",
        "您客气",
        "您太客气",
        "太客气",
        "您客气啦",
        "应该",
        "应该的",
        "应该做",
        "都是应该的",
        "都是我应该做",
        "这是我应该做",
        "是我应该做",
        "分内之事",
        "这是我的分内之事",
        "没事",
        "没事儿",
        "没关系",
        "不麻烦",
        "哈",
        "哈哈",
        "呢",
        "呀",
        "啦",
        "哈喽",
        "hello",
        "hi",
        "很高兴为您服务",
        "很高兴为你服务",
        "很高兴能为您服务",
        "很高兴能为你服务",
        "很高兴见到您",
        "欢迎光临",
        "欢迎光临本店",
        "欢迎光临小店",
        "欢迎光临本店铺",
        "欢迎来到本店",
    ]
)

# Leading words of a clause that only address or acknowledge (longest first).
COURTESY_PREFIXES: tuple[str, ...] = (
    "亲们", "亲", "小主", "客官", "宝宝", "嗯嗯", "嗯呢", "嗯", "恩恩", "恩",
    "哦哦", "好的呢", "好的", "好滴", "好哒", "好嘞", "您好", "你好", "请问", "那么", "那",
)  # fmt: skip

# Sentence-final particles: removed at the end of every clause.
PARTICLES = "呢吗呀啊哦哈吧嘛么哒滴呐噢喔啦哟了嘞哇"

# (regular expression on canonical text, the formula's name, characters one of which every
# match holds). Matched in this order; each match becomes one private-use character (see
# content.py), named in messages. The characters let a clause skip a formula cheaply.
FORMULAS: tuple[tuple[str, str, str], ...] = (
    (
        r"(?:请问|您看|那)?(?:您)?还有(?:没有)?(?:其他|其它|别的)?(?:什么)?的?"
        r"(?:问题|事情|需要|业务类问题|地方)?(?:这边|我|小妹|妹子)?"
        r"(?:还)?(?:需要|可以|能|能够)?(?:我|小妹|这边)?(?:帮|为|给)(?:助|忙|到)?您?"
        r"(?:服务|效劳|解答|处理)?的?",
        "还有什么可以帮您",
        "帮为给",
    ),
    (
        r"(?:请问)?(?:您)?有(?:什么|啥)(?:问题|事情)?(?:需要|可以|能|我可以|我能|这边可以)?"
        r"(?:帮|为|给)(?:助|忙|到)?您?(?:服务|效劳|解答)?的?",
        "有什么可以帮您",
        "帮为给",
    ),
    (
        r"(?:请您|麻烦您|您|请)?(?:稍等|稍候|等一下|等一等)(?:片刻|一下|一会儿?|下)?",
        "请稍等",
        "稍等",
    ),
    (
        r"(?:实在|真的|非常|确实|十分|特别)?(?:是)?(?:很|非常|太)?"
        r"(?:不好意思|抱歉|对不起|sorry)(?:了)?(?:(?:让|叫)?您久等了?)?|(?:让|叫)?您久等了?",
        "抱歉",
        "歉意起rs等",
    ),
    (
        r"(?:给您)?(?:带来|造成)(?:的)?(?:不便|麻烦|困扰)(?:还?请|敬请)?(?:您)?(?:谅解|见谅|理解)?"
        r"|(?:还|也)?(?:请|望)(?:您)?(?:多多)?(?:谅解|见谅|包涵|包含)",
        "给您带来不便，请见谅",
        "便烦扰谅涵含解",
    ),
    (
        r"(?:这边|我这边|我|小妹|我们)?(?:马上|立即|现在|正在)?"
        r"(?:(?:帮|为|给)您(?:查询|查看|核实|查|看|确认)(?:一下|下)?"
        r"|(?:查询|查看|核实|查|看)(?:一下|下))",
        "帮您查一下",
        "查看核确",
    ),
)

# (regular expression, replacement, trigger characters): one spelling for words written
# two ways, applied before everything else.
SPELLING: tuple[tuple[str, str, str], ...] = (
    (r"你", "您", "你"),
    (r"亲爱[的哒滴]|亲亲", "亲", "亲"),
)

# (regular expression, replacement, trigger characters): harmless wordings, applied after
# the formulas.
SYNONYMS: tuple[tuple[str, str, str], ...] = (
    (r"帮助|帮忙|帮到", "帮", "帮"),
    (r"很高兴能", "很高兴", "兴"),
    (r"(?:我|小妹|客服|妹子|我们|咱们)这边", "这边", "边"),
    (r"咱们", "我们", "咱"),
    (r"(?<![不没])(?:确实|实在|真的)", "", "确实真"),
    (r"不签收", "拒收", "签"),
    (r"当日", "当天", "当"),
    (r"隔天|第二天|次天", "次日", "隔第次"),
    (
        r"(?:配送员|配送师傅|快递员|快递小哥|快递师傅|送货师傅)|配送(?=联系|打电话|给您打)",
        "师傅",
        "配快送",
    ),
    (r"(?:收货)?(?:手机号码|手机号|手机|电话号码|联系电话|电话)", "电话", "机话"),
    (r"(?<![不没])一下", "", "下"),
    (r"(?<![不没])(?:的话)", "", "话"),
)

# Words that begin with a negation character but negate nothing. A negation character
# counts only outside these words (by word, not by character).
NOT_NEGATIONS: tuple[str, ...] = (
    "不便", "不客气", "不用客气", "不用谢", "不好意思", "不错", "不断", "不过", "不少", "不止",
    "不仅", "不但", "不管", "不论", "不久", "不时", "不如", "不妨", "不知道", "不一定",
    "不要紧", "不同", "不足", "不满意", "不一样", "不耐烦", "不小心", "不清楚", "不舒服",
    "不麻烦", "非常", "非得", "无论", "无理由", "无忧", "无缝", "毫无", "免费", "免单", "免息",
    "没事", "没关系", "没问题", "别人", "别的", "别处", "未来", "未必", "不知", "无意",
    "非质量", "不得不",
)  # fmt: skip

# Compounds holding an opposing word that must not be read as that word (退换货 is not 换货).
COMPOUNDS: tuple[str, ...] = ("退换货", "退换", "包退包换", "换退", "退款退货", "退货退款")

# Default D004 opposites: each side lists alternatives separated by "|". One side in the
# changed part of one reply and the other side at the same place in the other reply is a
# contradiction (unless the entries are about different subjects, see subjects.py).
DEFAULT_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("买家", "卖家"),
    (
        "买家承担|您承担|您自己承担|自行承担|由您承担|需要您承担|自理|您支付|需要您支付|自付",
        "卖家承担|我们承担|商家承担|店铺承担|本店承担|由我们承担|返还运费|运费返还|报销运费"
        "|补贴运费",
    ),
    ("包邮|免运费|免邮", "不包邮|收运费|另付运费|补运费|不免运费|邮费自理"),
    ("免费", "收费|付费|另收费"),
    ("支持", "不支持"),
    ("可以", "不可以|不能"),
    ("需要", "不需要|无需|不用"),
    ("全额|全部|全款", "部分|一半|半额"),
    ("退货|退款|仅退款", "换货|换新|补发"),
    ("有货|现货", "缺货|无货|没货|没有货|断货|预售"),
    ("签收", "拒收"),
    ("之前|以前", "之后|以后"),
    ("当天", "次日"),
    ("以上", "以下|以内"),
    ("工作日", "自然日"),
)
