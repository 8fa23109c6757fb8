"""Fuzzing the three readers of untrusted input (hypothesis): the YAML loader, the config
loader and the xlsx reader. Whatever the bytes, each either returns or raises cskit's own
error (one located line for the user), within a bounded time per input.

Runs are derandomised so CI is reproducible; raise ``CSKIT_FUZZ_EXAMPLES`` for a longer hunt.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskit.config.load import load_config
from cskit.errors import CskitError
from cskit.excel.read import read_sheet
from cskit.yamlread import YamlError, parse
from tests.conftest import CONFIG, ROOT

EXAMPLES = int(os.environ.get("CSKIT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=3000,  # ms per input: a reader that hangs or backtracks fails here
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that make YAML parsers work hard: anchors and aliases, nesting, tags, merge keys,
# huge numbers, dates, odd scalars, indentation and control characters.
TOKENS = [
    "&a ",
    "*a",
    "&b ",
    "*b",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "- ",
    "? ",
    "<<: *a",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!custom ",
    "|",
    ">-",
    "'",
    '"',
    "#",
    "\n",
    "\n  ",
    "\n    ",
    "\t",
    "0x" + "f" * 60,
    "9" * 5000,
    "1e999",
    ".nan",
    "-.inf",
    "0o777",
    "0b101",
    "2026-13-01",
    "9999-12-31",
    "2026-02-29 25:61:61",
    "~",
    "null",
    "yes",
    "no",
    "\x00",
    "\ufeff",
    "\u2028",
    "%YAML 1.2\n---\n",
    "--- ",
    "...",
    "id",
    "entries",
    "answer",
    "{{ x }}",
    "999999999999d",
]
yaml_texts = st.one_of(
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=60).map("".join),
    st.text(max_size=400),
)


@FUZZ
@given(text=yaml_texts)
def test_yaml_loader(text: str) -> None:
    try:
        doc = parse(text)
    except YamlError as exc:
        assert exc.line >= 1 and exc.column >= 1 and "\n" not in exc.message
        return
    repr(doc.data)  # the result is plain data that can be shown


def _mutations(base: str) -> st.SearchStrategy[str]:
    lines = base.splitlines(keepends=True)

    def mutate(edits: list[tuple[int, int, str]]) -> str:
        out = list(lines)
        for kind, at, token in edits:
            i = at % max(len(out), 1)
            if kind == 0 and out:
                del out[i]
            elif kind == 1:
                out.insert(i, token + "\n")
            elif out:
                cut = len(out[i]) // 2
                out[i] = out[i][:cut] + token + out[i][cut:]
        return "".join(out)

    edit = st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.sampled_from(TOKENS))
    return st.lists(edit, min_size=1, max_size=6).map(mutate)


@FUZZ
@given(text=st.one_of(_mutations(CONFIG), yaml_texts))
def test_config_loader(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    folder = tmp_path_factory.mktemp("cfg")
    path = folder / "cskit.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        config = load_config(path, folder)
    except CskitError as exc:
        assert "\n" not in exc.text()
        return
    assert config.path == path


def _exported_workbook() -> bytes:
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"cskit-fuzz-book-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    lib = base / "library"
    shutil.copytree(ROOT / "library", lib, ignore=shutil.ignore_patterns(".*"))
    book = base / "book.xlsx"
    cskit = Path(sys.executable).parent / "cskit"
    subprocess.run([cskit, "export", book, "--library", lib], check=True, capture_output=True)
    data = book.read_bytes()
    shutil.rmtree(base, ignore_errors=True)
    return data


@pytest.fixture(scope="module")
def book_bytes() -> bytes:
    return _exported_workbook()


def _rezip(data: bytes, member: str, change: bytes, at: int) -> bytes:
    """The workbook with ``change`` spliced into one member's XML, recompressed properly
    (so the fuzz reaches the XML reader, not only the zip layer)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                i = at % max(len(body), 1)
                body = body[:i] + change + body[i:]
            dst.writestr(info.filename, body)
    return out.getvalue()


XML_BITS = [
    b'<row r="abc">',
    b'<row r="-1">',
    b'<row r="99999999999">',
    b'<c r="ZZZZZ1">',
    b'<c r="A2" t="s"><v>-1</v></c>',
    b'<c r="A2" t="s"><v>99999</v></c>',
    b'<c r="B2"><v>NaN</v></c>',
    b'<c r="B2"><v>1e999</v></c>',
    b'<c r="B2" t="d"><v>x</v></c>',
    b'<c r="B2" s="99999"><v>45000</v></c>',
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"&a;",
    b"<![CDATA[x]]>",
    b"</row>",
    b"<row>",
    b"\x00",
    b"<f>1+1</f>",
    b'<mergeCell ref="A1:ZZ9"/>',
]
MEMBERS = [
    "xl/worksheets/sheet1.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/worksheets/sheet4.xml",
]


@FUZZ
@given(
    how=st.sampled_from(["flip", "truncate", "splice-xml"]),
    positions=st.lists(st.integers(0, 10**7), min_size=1, max_size=12),
    member=st.sampled_from(MEMBERS),
    bit=st.sampled_from(XML_BITS),
)
def test_xlsx_reader(
    book_bytes: bytes,
    tmp_path_factory: pytest.TempPathFactory,
    how: str,
    positions: list[int],
    member: str,
    bit: bytes,
) -> None:
    data = bytearray(book_bytes)
    if how == "flip":
        for p in positions:
            data[p % len(data)] ^= 1 << (p % 8)
    elif how == "truncate":
        data = data[: positions[0] % len(data)]
    else:
        data = bytearray(_rezip(bytes(data), member, bit, positions[0]))
    path = tmp_path_factory.mktemp("xlsx") / "book.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_sheet(path)
    except CskitError as exc:
        assert "\n" not in exc.text()
