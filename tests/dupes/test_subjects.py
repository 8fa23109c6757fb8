"""When entries cannot contradict each other: apart in time or conditions, other subjects."""

from __future__ import annotations

from cskit.dupes.subjects import apart, different_subjects, same_frame_subject, subject_of
from cskit.library.load import load_library
from tests.rules.duplicates.helpers import entry, library


def _entries(make_library, *snippets: str):
    root = make_library({"scripts/a.yaml": library(*snippets)})
    return load_library(root, use_cache=False).entries


def test_validity_windows_and_conditions(make_library):
    a, b, c, d, e = _entries(
        make_library,
        entry("a", "甲", extra="valid_from: 2026-06-01\nvalid_until: 2026-06-18"),
        entry("b", "乙", extra="valid_from: 2026-06-19"),
        entry("c", "丙", extra="valid_until: 2026-06-01"),  # touches a on its first day
        entry("d", "丁", extra="conditions: {order_status: paid}"),
        entry("e", "戊", extra="conditions: {order_status: [shipped, signed]}"),
    )
    assert apart(a, b) == "valid" and apart(a, c) == "" and apart(b, c) == "valid"
    assert apart(d, e) == "conditions" and apart(a, d) == ""


def test_names_in_titles_backed_by_questions_make_two_subjects(make_library):
    s, m, plain, shared = _entries(
        make_library,
        entry("s", "容量350ml", ["S号装多少"], title="S号保温杯参数"),
        entry("m", "容量500ml", ["M号装多少"], title="M号保温杯参数"),
        entry("plain", "容量500ml", ["保温杯装多少"], title="M号保温杯参数"),
        entry("shared", "容量500ml", ["S号装多少"], title="M号保温杯参数"),
    )
    assert different_subjects(s, m)
    assert not different_subjects(s, plain)  # its questions do not ask about the name
    assert not different_subjects(s, shared)  # one question in common: one subject


def test_titles_written_from_the_answer_name_no_subject(make_library):
    a, b = _entries(
        make_library,
        entry("a", "满99元包邮，偏远地区除外", [], title="满99元包邮…"),
        entry("b", "满199元包邮，偏远地区除外", [], title="满199元包邮…"),
    )
    assert not different_subjects(a, b)
    assert subject_of(a) == (frozenset(), "")


def test_a_frame_is_shared_only_by_entries_that_may_be_about_one_thing(make_library):
    q1, q2, bare, t1, t2 = _entries(
        make_library,
        entry("q1", "甲", ["发票怎么开"], title="开票"),
        entry("q2", "乙", ["运费谁出"], title="开票"),
        entry("bare", "丙", [], title="丙"),
        entry("t1", "丁", [], title="发票说明"),
        entry("t2", "戊", [], title="运费说明"),
    )
    subject = {e.id: subject_of(e) for e in (q1, q2, bare, t1, t2)}
    assert not same_frame_subject(subject["q1"], subject["q2"])
    assert same_frame_subject(subject["q1"], subject["bare"])
    assert not same_frame_subject(subject["t1"], subject["t2"])
