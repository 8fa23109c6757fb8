"""cskit.yaml's ``platforms:`` and ``publish:`` sections: accepted, and shape mistakes are
located, bilingual errors when the config is loaded."""

from __future__ import annotations

import pytest

from cskit.config.load import load_config
from cskit.errors import ConfigError
from tests.conftest import CONFIG


def load(tmp_path, extra: str):
    path = tmp_path / "cskit.yaml"
    path.write_text(CONFIG + extra, encoding="utf-8")
    return load_config(path, tmp_path)


def test_sections_are_kept(tmp_path) -> None:
    cfg = load(
        tmp_path,
        "platforms:\n  jd: {base: phrases}\npublish:\n  context:\n    shop: {name: 小店}\n"
        "    agent.name: 小安\n",
    )
    assert cfg.platforms == {"jd": {"base": "phrases"}}
    assert cfg.publish_context == {"shop": {"name": "小店"}, "agent.name": "小安"}


@pytest.mark.parametrize(
    ("extra", "line", "zh", "en"),
    [
        ("platforms: [a]\n", 1, "应为映射", "must be a mapping"),
        ("platforms:\n  JD: {base: phrases}\n", 2, "小写字母", "lower-case"),
        ("platforms:\n  jd: phrases\n", 2, "应为映射", "must be a mapping"),
        ("publish:\n  contxt: {}\n", 2, "未知的发布设置", "unknown publish setting"),
        ("publish:\n  context: [1]\n", 2, "应为映射", "must be a mapping"),
        (
            "publish:\n  context:\n    shop: {nam: 小店}\n",
            3,
            "不是 variables 里登记的变量",
            "did you mean shop.name?",
        ),
        ("publish:\n  context:\n    store.name: x\n", 3, "store.name", "not a variable"),
    ],
)
def test_shape_mistakes(tmp_path, extra, line, zh, en) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, extra)
    error = caught.value
    assert error.where == f"{tmp_path / 'cskit.yaml'}:{CONFIG.count(chr(10)) + line}"
    assert zh in error.text("zh-Hans") and en in error.text("en")
