"""Unanswered questions grouped into clusters a maintainer can turn into entries.

Questions the lexicon gives an intent (one no entry carries: product details, bargaining…)
group by that intent. The others group by their most shared topic: the concept, else the
character pair, that most other unanswered questions also mention (question words and
particles left out). Each cluster gets its size (turns and sessions), up to three
representative questions (most asked first), a suggested category (the intent's, else the
category of the entries its questions come closest to) and a draft entry: YAML to paste into
the library, and the same as a row of the ``cskit export`` workbook.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cskit.coverage.matcher import Matcher, bigrams
from cskit.intent.clean import NUMBER

if TYPE_CHECKING:
    from cskit.config.model import Config
    from cskit.coverage.tally import Unanswered

REPRESENTATIVES = 3
_WEAK = set(
    "吗呢么嘛吧啊呀的了是我你您他她它这那有没不什怎么样啥哪几多可以能要会还就也都在和跟给把被让请问好"
)
# Words each usual category key goes by in a library's own category labels.
_CATEGORY_WORDS = {
    "logistics": ("物流", "配送", "快递", "发货"),
    "order": ("订单", "交易", "支付", "发票", "下单"),
    "product": ("商品", "产品", "货品"),
    "after_sales": ("售后", "退换", "退款", "维修"),
    "promotion": ("活动", "优惠", "促销", "营销"),
    "complaint": ("投诉", "纠纷"),
    "general": ("通用", "其他", "账号", "综合"),
}
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n]*$")


@dataclass
class Cluster:
    key: str  # U1, U2 … by size
    size: int  # turns
    sessions: int
    intent: str | None
    label: str
    category: str
    questions: list[tuple[str, int]] = field(default_factory=list)  # (wording, times asked)
    stub: str = ""  # YAML entry, ready to edit
    row: dict[str, str] = field(default_factory=dict)  # the same as an export row


def cluster_unanswered(
    unanswered: Mapping[str, Unanswered], matcher: Matcher, config: Config, *, top: int = 10
) -> list[Cluster]:
    """The ``top`` largest clusters of the distinct ``unanswered`` questions of a run."""
    items = list(unanswered.values())
    groups: dict[str, list[Unanswered]] = {}
    intents: dict[str, str | None] = {}
    loose = [i for i in items if not i.intents]
    topics = _topics(loose, matcher)
    for item in items:
        if item.intents:
            key = "i:" + item.intents[0]
            intents[key] = item.intents[0]
        else:
            key = topics.get(item.cleaned) or "t:" + item.cleaned
            intents[key] = None
        groups.setdefault(key, []).append(item)
    ranked = sorted(groups.items(), key=lambda kv: (-sum(i.count for i in kv[1]), kv[0]))[
        : max(top, 0)
    ]
    taken: set[str] = {e.id for e in matcher.entries}
    out = []
    for n, (key, members) in enumerate(ranked, start=1):
        members.sort(key=lambda i: (-i.count, -_asks(i.text), len(i.cleaned)))
        reps = [(i.text, i.count) for i in members[:REPRESENTATIVES]]
        intent = intents[key]
        label = (
            matcher.lexicon.intents[intent].label
            if intent and intent in matcher.lexicon.intents
            else _short(members[0].cleaned)
        )
        category = _category(intent, members, matcher, config)
        cluster = Cluster(
            key=f"U{n}",
            size=sum(i.count for i in members),
            sessions=len({s for i in members for s in i.sessions}),
            intent=intent,
            label=label,
            category=category,
            questions=reps,
        )
        draft_id = _draft_id(category, taken)
        cluster.stub = stub_yaml(cluster, draft_id, [_recased(i) for i in members], config)
        cluster.row = stub_row(cluster, [_recased(i) for i in members], config)
        out.append(cluster)
    return out


def _topics(items: Sequence[Unanswered], matcher: Matcher) -> dict[str, str]:
    """For questions without an intent: the concept, else the pair, most others share."""
    features: dict[str, list[str]] = {}
    df: Counter[str] = Counter()
    for item in items:
        a = matcher.lexicon.analyse_cleaned(item.cleaned)
        feats = sorted({"c:" + c for c in a.concepts})
        feats += sorted({"b:" + b for b in bigrams(a.compact) if not _WEAK.issuperset(b)})
        features[item.cleaned] = feats
        df.update({f: item.count for f in feats})
    out: dict[str, str] = {}
    for cleaned, feats in features.items():
        # a concept two questions share is a topic; a character pair needs three
        shared = [f for f in feats if df[f] > (1 if f.startswith("c:") else 2)]
        if shared:  # concepts before pairs, then the most widely shared
            out[cleaned] = max(shared, key=lambda f: (f.startswith("c:"), df[f], f))
    return out


def _asks(text: str) -> int:
    return int("?" in text or "？" in text or "吗" in text)


def _short(text: str, limit: int = 16) -> str:
    text = text.replace(NUMBER, "xx")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _category(
    intent: str | None, members: Sequence[Unanswered], matcher: Matcher, config: Config
) -> str:
    categories = config.categories or {}
    if intent and intent in matcher.lexicon.intents:
        found = _library_category(matcher.lexicon.intents[intent].category, categories)
        if found:
            return found
    votes: Counter[str] = Counter()
    for item in members[:REPRESENTATIVES]:
        for cand in matcher.rank(item.cleaned, k=3):
            category = matcher.entries[cand.index].category
            if category:
                votes[category] += 1
    if votes:
        return votes.most_common(1)[0][0]
    return next(iter(categories), "")


def _library_category(key: str, categories: dict[str, str]) -> str | None:
    if not key:
        return None
    if key in categories:
        return key
    words = _CATEGORY_WORDS.get(key, ())
    for name, label in categories.items():
        if any(w in str(label) for w in words):
            return name
    return None


def _recased(item: Unanswered) -> str:
    """The cleaned wording with the customer's letter case back (XL码, not xl码): matching
    folds case, a draft entry should not."""
    original = item.text

    def back(m: re.Match[str]) -> str:
        found = re.search(re.escape(m.group()), original, re.IGNORECASE)
        return found.group() if found else m.group()

    return re.sub(r"[a-z]+", back, item.cleaned)


def _draft_id(category: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-") or "entry"
    n = 1
    while f"draft-{base}-{n}" in taken:
        n += 1
    taken.add(f"draft-{base}-{n}")
    return f"draft-{base}-{n}"


def _questions(cleaned: Sequence[str]) -> list[str]:
    """Distinct wordings for the draft, numbers masked (no customer's order number)."""
    seen: list[str] = []
    for text in cleaned:
        text = text.replace(NUMBER, "xx").strip()
        if text and text not in seen:
            seen.append(text)
        if len(seen) == REPRESENTATIVES:
            break
    return seen


def _scalar(text: str) -> str:
    if _PLAIN.match(text) and text.strip() == text and text.lower() not in ("yes", "no", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _owner(config: Config) -> str:
    return (config.owners or ["待指定"])[0]


def stub_yaml(cluster: Cluster, draft_id: str, cleaned: Sequence[str], config: Config) -> str:
    """A draft entry for the cluster, in the library's YAML (paste under ``entries:``)."""
    lines = [
        f"# {cluster.key}：{cluster.size} 次提问，{cluster.sessions} 个会话；补上回复、复核后改为 active",
        f"- id: {draft_id}",
        "  kind: faq",
        f"  title: {_scalar(cluster.label)}",
        f"  category: {_scalar(cluster.category)}",
        "  status: draft",
        f"  owner: {_scalar(_owner(config))}",
        "  questions:",
        *(f"    - {_scalar(q)}" for q in _questions(cleaned)),
        "  answer: （待补充）",
    ]
    return "\n".join(lines) + "\n"


def stub_row(cluster: Cluster, cleaned: Sequence[str], config: Config) -> dict[str, str]:
    """The draft as a row of the export workbook (machine keys; 编号 left empty so the
    import gives it an id)."""
    return {
        "id": "",
        "kind": "faq",
        "title": cluster.label,
        "category": cluster.category,
        "questions": "\n".join(_questions(cleaned)),
        "answer": "（待补充）",
        "owner": _owner(config),
        "status": "draft",
    }
