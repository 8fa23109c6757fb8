"""The rule registry: every rule, explicitly, in code order. Add one import and one line."""

from __future__ import annotations

from cskit.rules.archived_reference import ArchivedReference
from cskit.rules.bad_id import BadId
from cskit.rules.bad_value import BadValue
from cskit.rules.base import Rule
from cskit.rules.conflicting_answers import ConflictingAnswers
from cskit.rules.contradicts_fact import ContradictsFact
from cskit.rules.dangling_reference import DanglingReference
from cskit.rules.duplicate_answer import DuplicateAnswer
from cskit.rules.duplicate_id import DuplicateId
from cskit.rules.duplicate_key import DuplicateKey
from cskit.rules.expired import Expired
from cskit.rules.expired_suppression import ExpiredSuppression
from cskit.rules.fact_changed import FactChanged
from cskit.rules.missing_field import MissingField
from cskit.rules.near_duplicate_answer import NearDuplicateAnswer
from cskit.rules.past_date import PastDate
from cskit.rules.review_overdue import ReviewOverdue
from cskit.rules.shared_question import SharedQuestion
from cskit.rules.suppression_without_reason import SuppressionWithoutReason
from cskit.rules.unknown_field import UnknownField
from cskit.rules.unused_suppression import UnusedSuppression
from cskit.rules.yaml_syntax import YamlSyntax

RULES: list[type[Rule]] = [
    # E: schema
    YamlSyntax,
    DuplicateKey,
    UnknownField,
    MissingField,
    BadValue,
    BadId,
    DuplicateId,
    DanglingReference,
    # D: duplicates
    DuplicateAnswer,
    NearDuplicateAnswer,
    SharedQuestion,
    ConflictingAnswers,
    # S: stale
    Expired,
    ReviewOverdue,
    FactChanged,
    ContradictsFact,
    PastDate,
    ArchivedReference,
    # C: suppressions
    UnusedSuppression,
    SuppressionWithoutReason,
    ExpiredSuppression,
]

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}


def find_rule(token: str) -> type[Rule] | None:
    """A rule by code (``e004``) or kebab name (``missing-field``)."""
    token = token.strip()
    return BY_CODE.get(token.upper()) or next((r for r in RULES if r.name == token), None)
