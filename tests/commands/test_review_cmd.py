"""``cskit review ID… [--as-of]``: the command, as a user runs it."""

from __future__ import annotations

import datetime as dt

from cskit.library.load import load_library
from tests.excel.util import FAQ, ORDER


def test_review_marks_entries_and_says_so(cli, make_library):
    root = make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ})
    result = cli("review", "order-cancel", "order-ship-time", "--library", root,
                 "--as-of", "2026-11-20")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "已复核 order-cancel" in result.stdout
    assert "已把 2 个条目的审核日期记为 2026-11-20" in result.stdout
    lib = load_library(root, use_cache=False)
    assert lib.get("order-cancel").date("reviewed") == dt.date(2026, 11, 20)
    result = cli("review", "order-cancel", "--library", root, "--as-of", "2026-11-20",
                 "--lang", "en")  # fmt: skip
    assert "unchanged order-cancel: already reviewed 2026-11-20" in result.stdout


def test_review_refuses_what_it_cannot_do(cli, make_library):
    root = make_library({"scripts/order.yaml": ORDER, "kb/faq.yaml": FAQ})
    result = cli("review", "order-cancle", "--library", root)
    assert result.exit_code == 2 and "是不是 order-cancel？" in result.stderr
    result = cli("review", "order-cancle", "--library", root, "--lang", "en")
    assert result.exit_code == 2 and "did you mean order-cancel?" in result.stderr
    # faq-invoice reuses another entry's date through a YAML alias: edit that by hand
    result = cli("review", "faq-invoice", "--library", root, "--as-of", "2026-11-20")
    assert result.exit_code == 2 and "nothing written" in result.stderr
