from __future__ import annotations

from cskit.text.normalise import (
    PLACEHOLDER,
    fold_width,
    mask_placeholders,
    normalise,
    to_simplified,
)


def test_fold_width_keeps_chinese_punctuation():
    assert fold_width("加我ＶＸ，１２３！") == "加我VX，123！"
    assert fold_width("ascii only") == "ascii only"


def test_traditional_to_simplified():
    assert to_simplified("這款是全網最好的") == "这款是全网最好的"
    assert to_simplified("退货") == "退货"


def test_mask_placeholders():
    assert mask_placeholders("订单{{ order.id }}已{% if x %}发货{% endif %}") == (
        f"订单{PLACEHOLDER}已{PLACEHOLDER}发货{PLACEHOLDER}"
    )


def test_normalise_maps_back_to_original_offsets():
    text = "您好{{ agent.name }}\n這款ＶＸ"
    norm = normalise(text)
    assert norm.text == f"您好{PLACEHOLDER}\n这款VX"
    i = norm.text.index("VX")
    assert text[norm.origin(i)] == "Ｖ"
    assert norm.line_col(i) == (1, 2)
    assert norm.line_col(norm.text.index(PLACEHOLDER)) == (0, 2)


def test_normalise_without_conversion_or_masking():
    norm = normalise("這{{ x }}", simplified=False, mask=False)
    assert norm.text == "這{{ x }}"
