"""Profiles as data: the shipped ones load, cskit.yaml overrides and adds, and every mistake
is one error at its line, in Chinese and in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cskit.config.load import load_config
from cskit.errors import ConfigError, UsageError, set_language
from cskit.publish.profiles import load_profile, profile_names, shipped_names
from tests.conftest import CONFIG


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    set_language("zh-Hans")
    yield
    set_language("zh-Hans")


def config_with(tmp_path, platforms: str, extra: str = ""):
    path = tmp_path / "cskit.yaml"
    path.write_text(CONFIG + extra + "platforms:\n" + platforms, encoding="utf-8")
    return load_config(path, tmp_path)


def error_for(tmp_path, platforms: str, name: str, extra: str = "") -> ConfigError:
    cfg = config_with(tmp_path, platforms, extra)
    with pytest.raises(ConfigError) as caught:
        load_profile(cfg, name)
    return caught.value


def test_shipped_profiles_load() -> None:
    from cskit.config.model import Config

    cfg = Config(path=None, library_dir=__import__("pathlib").Path("."))
    assert shipped_names() == ["dianxiaomi", "phrases", "qianniu-csv", "qianniu-xlsx"]
    for name in shipped_names():
        profile = load_profile(cfg, name)
        assert profile.origin == "shipped" and profile.columns and profile.docs
    xlsx = load_profile(cfg, "qianniu-xlsx")
    assert xlsx.format == "xlsx" and xlsx.sheet == "快捷短语"
    assert [c.header for c in xlsx.columns] == ["分组", "快捷编码", "快捷短语"]  # from its base


def test_unknown_profile_suggests(tmp_path) -> None:
    cfg = config_with(tmp_path, "  jd: {base: phrases}\n")
    assert "jd" in profile_names(cfg)
    with pytest.raises(UsageError) as caught:
        load_profile(cfg, "qianniu-cvs")
    assert "qianniu-csv" in caught.value.text("zh-Hans")
    assert "did you mean qianniu-csv?" in caught.value.text("en")


def test_new_profile_from_a_base(tmp_path) -> None:
    cfg = config_with(
        tmp_path,
        "  jd:\n    base: qianniu-csv\n    title: 京麦\n    group: {source: kind}\n",
    )
    jd = load_profile(cfg, "jd")
    assert jd.title == "京麦" and jd.group.source == "kind" and jd.group.default == "未分组"
    assert jd.origin == "shipped + cskit.yaml" and jd.encoding == "utf-8-bom"


@pytest.mark.parametrize(
    ("platforms", "line", "zh", "en"),
    [
        ("  jd:\n    base: phrases\n    encodng: gbk\n", 4, "未知的设置", "did you mean encoding"),
        ("  jd:\n    base: phrases\n    encoding: big5\n", 4, "不是可选值", "is not allowed"),
        ("  jd:\n    base: phrases\n    format: xls\n", 4, "xls", "is not allowed"),
        (
            "  jd:\n    base: phrases\n    columns:\n      - {header: 短语, value: txt}\n",
            5,
            "did-not-check",
            "did you mean text",
        ),
        (
            "  jd:\n    base: phrases\n    columns:\n      - {header: 短语, value: text, const: x}\n",
            5,
            "value",
            "either value",
        ),
        (
            "  jd:\n    base: phrases\n    columns:\n      - {header: a, value: text}\n"
            "      - {header: a, value: code}\n",
            6,
            "重复",
            "appears twice",
        ),
        (
            "  jd:\n    base: phrases\n    code: {source: field, field: jd_code}\n",
            4,
            "extra_fields",
            "extra_fields",
        ),
        (
            "  jd:\n    base: phrases\n    code: {pattern: '(a+)+$'}\n",
            4,
            "嵌套",
            "repeats a repeated group",
        ),
        ("  jd:\n    base: phrases\n    code: {pattern: '[a-'}\n", 4, "正则无效", "bad regular"),
        (
            "  jd:\n    base: phrases\n    placeholders: {order.tracking: '[单号]'}\n",
            4,
            "不是 variables 里登记的变量",
            "not a declared variable",
        ),
        (
            "  jd:\n    base: phrases\n    placeholders: {order.id: '{{单号}}'}\n",
            4,
            "不能有",
            "cannot hold",
        ),
        ("  jd:\n    base: phrases\n    code: {max_length: 0}\n", 4, "正整数", "positive"),
        ("  jd:\n    base: phrases\n    select: {kinds: [faqs]}\n", 4, "faq", "faq"),
        ("  jd:\n    base: nothing\n", 3, "没有名为", "no profile named"),
        ("  jd:\n    base: jd2\n  jd2:\n    base: jd\n", 3, "循环", "cycle"),
        ("  jd:\n    base: phrases\n    sheet: 'a/b'\n", 4, "31", "31 characters"),
        (
            "  jd:\n    base: phrases\n    columns:\n      - {header: 相似, value: text, max_items: 3}\n",
            5,
            "列表列",
            "list columns",
        ),
    ],
)
def test_mistakes_are_located_and_bilingual(tmp_path, platforms, line, zh, en) -> None:
    error = error_for(tmp_path, platforms, "jd")
    config_lines = CONFIG.count("\n")
    assert error.where == f"{tmp_path / 'cskit.yaml'}:{config_lines + line}"
    if zh != "did-not-check":
        assert zh in error.text("zh-Hans")
    assert en in error.text("en")


def test_a_shipped_key_keeps_its_shipped_location(tmp_path) -> None:
    cfg = config_with(tmp_path, "  qianniu-csv:\n    title: 千牛\n")
    # the override is fine; the shipped file's keys still load
    assert load_profile(cfg, "qianniu-csv").title == "千牛"


def test_code_field_from_extra_fields(tmp_path) -> None:
    cfg = config_with(
        tmp_path,
        "  jd:\n    base: phrases\n    code: {source: field, field: jd_code, fallback: id}\n",
        extra="extra_fields: [jd_code]\n",
    )
    code = load_profile(cfg, "jd").code
    assert code.source == "field" and code.field == "jd_code" and code.fallback_to_id
