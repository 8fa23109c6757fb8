"""W003 absolute-claim: Advertising Law Art. 9 absolute terms (最好/第一/国家级/顶级)."""

from __future__ import annotations

from cskit.rules.wording.packrule import PackRule


class AbsoluteClaim(PackRule):
    """An absolute claim banned by the Advertising Law (最好, 全网第一, 国家级, 顶级, 100%).

    Law: 《中华人民共和国广告法》第九条第（三）项 forbids "国家级、最高级、最佳等用语" in
    advertising, and 第五十七条 fines the advertiser RMB 200,000–1,000,000. Sellers' word lists
    apply it to all product copy, chat replies that promote goods included. Words: the
    ``ad-law`` pack.

    Exemptions follow the SAMR enforcement guideline 《广告绝对化用语执法指南》 (2023-03-20):
    terms that do not point at the goods (第一时间, 第一次, 最近, 最后一步, service aims) and
    usage tips (最佳食用时间, 您最好当面验货, 最好用温水清洗) are not flagged. Other guideline
    exemptions (a product name or trademark containing the term, a grade from a national
    standard, a state award, a time- and region-bounded fact with evidence) need a
    ``suppress`` entry with the reason, because only the team can vouch for them.

    Bad:
        answer: 这款是全网最好的保温杯，销量第一！

    Good:
        answer: 这款保温杯6小时保温效果有第三方检测报告，在详情页第三屏可以查看。
    """

    code = "W003"
    name = "absolute-claim"
    severity = "error"
    summary_zh = "广告法第九条禁止的绝对化用语"
    summary_en = "absolute claim banned by Advertising Law Art. 9"
    explain_zh = (
        "《广告法》第九条禁止的绝对化用语（最好、全网第一、国家级、顶级、100%），"
        "第五十七条可处 20 万至 100 万元罚款；商家把它用于所有商品文案，"
        "包括推荐商品的聊天回复。按市场监管总局《广告绝对化用语执法指南》，"
        "不指向商品的说法（第一时间、最近）和使用建议（最好用温水清洗）不报告；"
        "商品名或商标含该词、国家标准等级、获奖等情况只有团队能担保，"
        "请写带原因的 suppress。词表来自 ad-law 词包。"
    )
    fix_zh = "换成可以证明的具体描述，例如“销量领先”改为具体的销量数字和时间范围。"
    fix_en = "Say something specific and provable instead (a figure with its period and source)."
