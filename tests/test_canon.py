from __future__ import annotations

from cskit.canon import CANON_VERSION, DECIMAL, canon, canon_question
from cskit.textnorm import PLACEHOLDER


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
