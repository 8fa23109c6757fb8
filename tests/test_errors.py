"""Errors speak the user's language: Chinese by default, English with ``--lang en``."""

from __future__ import annotations

import pytest

from cskit import errors
from cskit.errors import ConfigError


@pytest.fixture(autouse=True)
def _restore_language():
    before = errors.language()
    yield
    errors.set_language(before)


def test_chinese_by_default_and_english_on_request():
    exc = ConfigError(
        "没有这个负责人", "cskit.yaml:3", "写成 售后组", en="no such owner", hint_en="write 售后组"
    )
    assert exc.text("zh-Hans") == "cskit.yaml:3: 没有这个负责人（提示：写成 售后组）"
    assert exc.text("en") == "cskit.yaml:3: no such owner (hint: write 售后组)"
    errors.set_language("en")
    assert str(exc) == exc.text("en")
    errors.set_language("klingon")  # not a language cskit speaks: unchanged
    assert errors.language() == "en"


def test_an_error_with_one_text_shows_it_in_both_languages():
    exc = ConfigError("bad value", None, "fix it")
    assert exc.text("zh-Hans") == exc.text("en") == "bad value (hint: fix it)"
