"""Generate a synthetic chat log for a library: the load of the coverage benchmark.

    python benchmarks/genchat.py LIBRARY OUT.csv --turns 1000000 [--seed 1]

or ``generate_chat(Path(LIBRARY), Path(OUT), 1_000_000)``, which returns counts. Standard
library plus cskit (to read the library); the same arguments give the same file.

What a real export looks like, as far as the matcher is concerned:

* sessions of 1–8 customer turns, each followed by one or two agent rows, header
  ``会话ID,时间,发送方,角色,内容`` (角色 买家/客服), times rising through the period;
* about a third of the customer turns are chitchat (greetings, thanks, acknowledgements, a
  bare order number, a pasted order card);
* about half ask one of the library's questions, popular entries far more often than others
  (Zipf), reworded: a greeting or a particle around it, a synonym swapped, and mostly an
  order number, an amount or a date put in, so few raw texts repeat;
* the rest ask what no entry answers (product details, bargaining, points), about products
  and numbers drawn at random;
* agent rows quote an entry's answer with its variables filled in, or a holding phrase.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import random
import re
from pathlib import Path

OPENERS = ["", "", "", "你好，", "您好 ", "在吗 ", "亲，", "请问", "麻烦问下，", "客服，", "哈喽 "]
CLOSERS = ["", "", "", "？", "?", "呢", "啊", "，谢谢", " 急", "，在线等", "~"]
SWAPS = [
    ("快递", "包裹"),
    ("什么时候", "啥时候"),
    ("能不能", "可不可以"),
    ("退款", "退钱"),
    ("怎么", "咋"),
    ("可以", "能"),
    ("订单", "单子"),
    ("现在", "目前"),
    ("东西", "宝贝"),
]
CHITCHAT = [
    "你好",
    "在吗",
    "在吗在吗",
    "好的",
    "好的谢谢",
    "谢谢",
    "嗯嗯",
    "嗯",
    "哦哦",
    "好",
    "收到",
    "知道了",
    "没有了，谢谢",
    "好的 麻烦了",
    "OK",
    "可以",
    "行",
    "拜拜",
    "👌",
    "[微笑]",
]
PRODUCTS = [
    "保温杯",
    "蓝牙耳机",
    "连衣裙",
    "运动鞋",
    "电饭煲",
    "面膜",
    "儿童积木",
    "羽绒服",
    "充电宝",
    "床上四件套",
    "行李箱",
    "洗发水",
    "机械键盘",
    "空气炸锅",
    "奶粉",
    "猫粮",
    "登山包",
    "电动牙刷",
    "茶叶",
    "坚果礼盒",
    "台灯",
    "瑜伽垫",
    "保鲜盒",
    "牛仔裤",
    "智能手表",
    "吹风机",
    "拖把",
    "雨伞",
]
COLOURS = ["黑色", "白色", "红色", "灰色", "蓝色", "粉色", "大号", "小号", "加厚", "升级款"]
UNANSWERED = [
    "这个{p}是什么材质的",
    "{p}有{c}的吗",
    "{p}和{q}有什么区别",
    "{p}能便宜点吗",
    "买两个{p}可以优惠多少",
    "{p}适合{n}岁的孩子用吗",
    "{p}的保质期是多久",
    "会员积分怎么兑换{p}",
    "{p}{c}和{q}哪个好",
    "{p}重量多少",
    "{p}是哪里产的",
    "{p}怎么清洗",
    "{p}{n}个够用吗",
    "别家{p}比你们便宜{n}块",
    "{p}配件单独卖吗",
]
HOLDING = [
    "亲，稍等，正在为您查询~",
    "您好，很高兴为您服务，请问有什么可以帮您？",
    "好的亲，已经帮您记录了",
    "还有其他可以帮到您的吗？",
    "感谢您的耐心等待",
]
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _library(folder: Path) -> list[tuple[list[str], str]]:
    from cskit.library.load import load_library

    lib = load_library(folder, use_cache=False)
    return [(e.questions, e.answer) for e in lib.entries if e.questions and e.active]


def _order(rng: random.Random) -> str:
    return str(rng.randint(10**18, 10**19 - 1))


def _decorate(rng: random.Random, text: str) -> str:
    for a, b in SWAPS:
        if a in text and rng.random() < 0.3:
            text = text.replace(a, b, 1)
    roll = rng.random()
    if roll < 0.45:
        text = f"订单号{_order(rng)} {text}"
    elif roll < 0.6:
        text = f"{text} {_order(rng)}"
    elif roll < 0.7:
        text = (
            f"咨询订单号:{_order(rng)} 订单金额:{rng.randint(10, 999)}.{rng.randint(0, 99)} {text}"
        )
    elif roll < 0.78:
        text = f"{text}，{rng.randint(1, 28)}号下的单"
    return rng.choice(OPENERS) + text.rstrip("？?") + rng.choice(CLOSERS)


def _chitchat(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return _order(rng)
    if roll < 0.3:
        return (
            f"咨询订单号:{_order(rng)} 订单金额:{rng.randint(10, 999)}.00 "
            f"下单时间:2026-11-{rng.randint(1, 28):02d}"
        )
    return rng.choice(CHITCHAT)


def _unanswered(rng: random.Random) -> str:
    p, q = rng.sample(PRODUCTS, 2)
    text = rng.choice(UNANSWERED).format(p=p, q=q, c=rng.choice(COLOURS), n=rng.randint(2, 12))
    if rng.random() < 0.5:
        text = f"{text} {_order(rng)}"
    return rng.choice(OPENERS) + text + rng.choice(CLOSERS)


def _answer(rng: random.Random, answer: str) -> str:
    return _JINJA.sub(lambda m: str(rng.randint(100, 99999)), answer).replace("\n", " ")


def generate_chat(library: Path, out: Path, turns: int, seed: int = 1) -> dict[str, int]:
    """Write ``out`` (csv) with ``turns`` customer turns; return the counts by kind."""
    rng = random.Random(seed)
    entries = _library(library)
    if not entries:
        raise SystemExit(f"{library}: no active entry with questions")
    # Zipf over the entries: a few are asked all day, many rarely or never.
    weights = [1.0 / (rank + 1) for rank in range(len(entries))]
    order = list(range(len(entries)))
    rng.shuffle(order)
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    counts = {"chitchat": 0, "library": 0, "unanswered": 0, "rows": 0}
    start = dt.datetime(2026, 11, 1, 8, 0, 0)
    seconds = 0
    step = max(1, int(30 * 24 * 3600 / max(turns, 1) / 2))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["会话ID", "时间", "发送方", "角色", "内容"])
        done = session = 0
        while done < turns:
            session += 1
            sid = f"s{session:08d}"
            buyer = f"买家{rng.randint(10000, 99999)}"
            agent = f"客服{rng.randint(1, 40):02d}"
            for _ in range(min(rng.randint(1, 8), turns - done)):
                roll = rng.random()
                entry = None
                if roll < 0.32:
                    text, kind = _chitchat(rng), "chitchat"
                elif roll < 0.82:
                    pick = order[bisect.bisect_left(cumulative, rng.random() * total)]
                    entry = entries[pick]
                    text, kind = _decorate(rng, rng.choice(entry[0])), "library"
                else:
                    text, kind = _unanswered(rng), "unanswered"
                seconds += rng.randint(1, step)
                when = (start + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")
                writer.writerow([sid, when, buyer, "买家", text])
                reply = _answer(rng, entry[1]) if entry and rng.random() < 0.7 else None
                writer.writerow([sid, when, agent, "客服", reply or rng.choice(HOLDING)])
                counts[kind] += 1
                counts["rows"] += 2
                done += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("library", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--turns", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(generate_chat(a.library, a.out, a.turns, a.seed))


if __name__ == "__main__":
    main()
