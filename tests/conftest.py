"""Shared fixtures: throwaway libraries, single-rule linting, the CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cskit.cli import app
from cskit.findings import Finding
from cskit.library.load import load_library
from cskit.lint.engine import lint

# The cache key (cskit.cachefile) lives in the user's cache folder: tests, and the cskit
# processes they start, use a throwaway one instead of the developer's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cskit-test-keys-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = dt.date(2026, 11, 22)

# A small but complete config: every section present, so any rule can be exercised.
CONFIG = textwrap.dedent(
    """\
    version: 1
    language: zh-Hans
    categories: {order: 订单问题, after_sales: 售后服务, general: 通用}
    owners: [客服一组, 售后组]
    review_every: {policy: 30d, product: 90d, faq: 90d, script: 180d, process: 180d, case: 365d}
    required: [owner, reviewed]
    channels:
      chat: {max_chars: 500}
      sms: {signature: 【示例旗舰店】, segment_chars: 70, multipart_chars: 67, max_segments: 2}
    variables:
      order.id: {type: str, label: 订单号}
      order.amount: {type: money, label: 实付金额}
      order.status: {type: str, enum: [unpaid, paid, shipped, signed, refunding, closed]}
      shipment.carrier: {type: str, optional: true}
      shipment.tracking_no: {type: str, optional: true}
      shipment.eta: {type: date, optional: true}
      customer.nick: {type: str, optional: true, pii: true}
      customer.phone: {type: str, optional: true, pii: true}
      agent.name: {type: str}
      shop.name: {type: str}
    facts:
      return_days: {value: 7, changed: 2026-03-01, label: 无理由退货天数, mentions: ['(\\d+)\\s*天无理由']}
      refund_hours: {value: 24, changed: 2026-06-15, label: 退款到账时效, mentions: ['(\\d+)\\s*小时内?到账']}
    samples:
      shipped:
        order: {id: "3412345678901234567", amount: 128.5, status: shipped}
        shipment: {carrier: 中通快递, tracking_no: ZT7788990011, eta: 2026-11-25}
        customer: {nick: 小*, phone: 138****5678}
        agent: {name: 小安}
        shop: {name: 示例旗舰店}
      unshipped:
        order: {id: "3412345678901234568", amount: 59, status: paid}
        agent: {name: 小安}
        shop: {name: 示例旗舰店}
    lint:
      select: [ALL]
      fail_on: error
    """
)


@pytest.fixture
def make_library(tmp_path: Path) -> Callable[..., Path]:
    """Write ``{relative path: YAML text}`` (dedented) plus a cskit.yaml; return the folder."""

    def make(files: dict[str, str], config: str | None = CONFIG) -> Path:
        root = tmp_path / "lib"
        root.mkdir(exist_ok=True)
        if config is not None:
            (root / "cskit.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


def entry_file(*entries: str, defaults: str = "") -> str:
    """An entry file from entry snippets written without the leading ``- `` indentation."""
    out = ""
    if defaults:
        out += "defaults:\n" + textwrap.indent(textwrap.dedent(defaults).strip("\n"), "  ") + "\n"
    out += "entries:\n"
    for e in entries:
        body = textwrap.dedent(e).strip("\n")
        lines = body.splitlines()
        out += "  - " + lines[0] + "\n"
        out += "".join("    " + ln + "\n" if ln.strip() else "\n" for ln in lines[1:])
    return out


GOOD_ENTRY = """\
id: greet-hello
title: 首次问候
category: general
stage: greet
questions: [在吗]
answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？
owner: 客服一组
reviewed: 2026-11-01
"""


@pytest.fixture
def lint_snippet(make_library: Callable[..., Path]) -> Callable[..., list[Finding]]:
    """Lint entry file texts with only the selected rules; return the findings."""

    def run(
        files: dict[str, str] | str,
        select: str | list[str],
        *,
        config: str | None = CONFIG,
        as_of: dt.date = AS_OF,
    ) -> list[Finding]:
        if isinstance(files, str):
            files = {"scripts/a.yaml": files}
        root = make_library(files, config)
        library = load_library(root, use_cache=False)
        chosen = [select] if isinstance(select, str) else select
        return lint(library, as_of=as_of, select=chosen).findings

    return run


@pytest.fixture
def cli() -> Callable[..., object]:
    """Invoke the real Typer app in-process: ``cli('lint', '--library', path)``."""
    runner = CliRunner()

    def invoke(*args: str | Path, input: str | None = None) -> object:
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def sample_library(tmp_path: Path) -> Path:
    """A copy of the real sample library (library/ and templates/) that a test may change."""
    dest = tmp_path / "repo"
    shutil.copytree(
        ROOT / "library", dest / "library", ignore=shutil.ignore_patterns(".cskit_cache")
    )
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", dest / "templates")
    return dest / "library"


@pytest.fixture(autouse=True)
def _restore_error_language() -> Iterator[None]:
    """Commands set the process language for errors (``--lang``); no test leaks it to the next."""
    from cskit import errors

    before = errors.language()
    yield
    errors.set_language(before)
