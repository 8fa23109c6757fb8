"""The rule registry: every rule, explicitly, in code order. Add one import and one line."""

from __future__ import annotations

from cskit.rules.absolute_claim import AbsoluteClaim
from cskit.rules.absolute_guarantee import AbsoluteGuarantee
from cskit.rules.archived_reference import ArchivedReference
from cskit.rules.bad_id import BadId
from cskit.rules.bad_value import BadValue
from cskit.rules.base import Rule
from cskit.rules.blame_or_impatience import BlameOrImpatience
from cskit.rules.chat_length import ChatLength
from cskit.rules.cliche_empathy import ClicheEmpathy
from cskit.rules.conflicting_answers import ConflictingAnswers
from cskit.rules.contradicts_fact import ContradictsFact
from cskit.rules.dangling_reference import DanglingReference
from cskit.rules.duplicate_answer import DuplicateAnswer
from cskit.rules.duplicate_id import DuplicateId
from cskit.rules.duplicate_key import DuplicateKey
from cskit.rules.expired import Expired
from cskit.rules.expired_suppression import ExpiredSuppression
from cskit.rules.fact_changed import FactChanged
from cskit.rules.foreign_placeholder import ForeignPlaceholder
from cskit.rules.fullwidth_alnum import FullwidthAlnum
from cskit.rules.halfwidth_punctuation import HalfwidthPunctuation
from cskit.rules.id_or_card_number import IdOrCardNumber
from cskit.rules.invisible_characters import InvisibleCharacters
from cskit.rules.missing_field import MissingField
from cskit.rules.mixed_script import MixedScript
from cskit.rules.near_duplicate_answer import NearDuplicateAnswer
from cskit.rules.off_platform import OffPlatform
from cskit.rules.past_date import PastDate
from cskit.rules.phone_number import PhoneNumber
from cskit.rules.pronoun_mixing import PronounMixing
from cskit.rules.refusal import Refusal
from cskit.rules.repeated_punctuation import RepeatedPunctuation
from cskit.rules.review_overdue import ReviewOverdue
from cskit.rules.review_reward import ReviewForReward
from cskit.rules.sample_render_failed import SampleRenderFailed
from cskit.rules.shared_question import SharedQuestion
from cskit.rules.sms_length import SmsLength
from cskit.rules.suppression_without_reason import SuppressionWithoutReason
from cskit.rules.template_syntax import TemplateSyntax
from cskit.rules.unbalanced_pairs import UnbalancedPairs
from cskit.rules.undeclared_variable import UndeclaredVariable
from cskit.rules.unguarded_optional import UnguardedOptional
from cskit.rules.unknown_field import UnknownField
from cskit.rules.unknown_filter import UnknownFilter
from cskit.rules.unmasked_pii import UnmaskedPii
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
    # T: templates
    TemplateSyntax,
    UndeclaredVariable,
    UnknownFilter,
    UnguardedOptional,
    UnmaskedPii,
    SampleRenderFailed,
    ForeignPlaceholder,
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
    # W: wording
    Refusal,
    ClicheEmpathy,
    AbsoluteClaim,
    OffPlatform,
    ReviewForReward,
    AbsoluteGuarantee,
    PronounMixing,
    BlameOrImpatience,
    # P: privacy
    PhoneNumber,
    IdOrCardNumber,
    # M: channel
    SmsLength,
    ChatLength,
    # Z: typography
    HalfwidthPunctuation,
    FullwidthAlnum,
    RepeatedPunctuation,
    UnbalancedPairs,
    InvisibleCharacters,
    MixedScript,
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
