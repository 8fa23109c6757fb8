from __future__ import annotations

from cskit.dupes.canon import CANON_VERSION, DECIMAL, canon, canon_question
from cskit.text.normalise import PLACEHOLDER


def test_width_punctuation_emoji_and_spaces_do_not_count():
    assert (
        canon("亲～您好！订单ＡＢＣ１２３已发货～～😊")
        == canon("亲 您好，订单abc123已发货")
        == ("亲您好订单abc123已发货")
    )


def test_cjk_brackets_wave_dash_and_invisible_characters_are_removed():
    assert canon("「引号」〜波浪线\u200b\ufe0f★") == "引号波浪线"


def test_traditional_is_folded_to_simplified():
    assert canon("親，您好！請提供訂單號碼") == canon("亲，您好！请提供订单号码")


def test_placeholders_are_masked_whatever_their_spacing():
    assert canon("订单{{ order.id }}已发货") == canon("订单{{order.id}}已发货")
    assert canon("订单{{ order.id }}已发货") == f"订单{PLACEHOLDER}已发货"


def test_decimal_point_between_digits_is_kept():
    assert canon("1.5天内到账") == f"1{DECIMAL}5天内到账"
    assert canon("1.5天内到账") != canon("15天内到账")


def test_answers_keep_particles_and_negations():
    assert canon("不支持哦") == "不支持哦"
    assert canon("亲，可以的呢") == "亲可以的呢"


def test_questions_drop_courtesy_words_and_trailing_particles():
    assert canon_question("亲，请问什么时候发货呢？") == "什么时候发货"
    assert canon_question("您好 在吗 能改地址吗") == "能改地址"
    assert canon_question("在吗") == "在吗"  # never stripped to nothing


def test_version_is_a_string_for_cache_keys():
    assert isinstance(CANON_VERSION, str) and CANON_VERSION


def test_every_character_that_can_compose_takes_the_whole_text_path():
    """The one-translate path is exact only if no character outside _composes can join a
    neighbour under NFKC: non-starters and the second characters of compositions."""
    import sys
    import unicodedata

    from cskit.dupes.canon import _composes

    missed = []
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch) and not _composes(ch):
            missed.append(cp)
        parts = unicodedata.decomposition(ch).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second = chr(int(parts[1], 16))
            if not _composes(second):
                missed.append(ord(second))
    assert missed == []


def test_one_translate_equals_nfkc_of_the_whole_text():
    import random

    from cskit.dupes.canon import _canon, _canon_whole
    from cskit.text.normalise import mask_placeholders

    pool = (
        "亲您好這款訂單發貨，。！？～ＡＢＣ１２３ａｂＶＸ㈱①⑩ℌﬁ"  # CJK, width, compatibility
        "e\u0301A\u030aé\u3099か\u309aゕ\uff76\uff9eﾊﾟ"  # combining marks, half-width kana marks
        "\u1100\u1161\u11a8\u3131\u314f\uffa1\uffc2가"  # jamo, compatibility jamo
        ".．1.5 ¥￥℃㎏ß\u0130\u03a3 \u200b\ufe0f😊★\ue000{}\x00"
    )
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        if text.isascii():
            continue
        assert _canon(text) == _canon_whole(mask_placeholders(text)), repr(text)
