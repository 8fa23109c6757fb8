"""The rule registry: every rule, explicitly, in code order. Add one import and one line."""

from __future__ import annotations

from cskit.rules.base import Rule
from cskit.rules.channel.chat_length import ChatLength
from cskit.rules.channel.sms_length import SmsLength
from cskit.rules.duplicates.conflicting_answers import ConflictingAnswers
from cskit.rules.duplicates.duplicate_answer import DuplicateAnswer
from cskit.rules.duplicates.near_duplicate_answer import NearDuplicateAnswer
from cskit.rules.duplicates.shared_question import SharedQuestion
from cskit.rules.privacy.id_or_card_number import IdOrCardNumber
from cskit.rules.privacy.name_or_address import NameOrAddress
from cskit.rules.privacy.phone_number import PhoneNumber
from cskit.rules.schema.bad_id import BadId
from cskit.rules.schema.bad_value import BadValue
from cskit.rules.schema.dangling_reference import DanglingReference
from cskit.rules.schema.duplicate_id import DuplicateId
from cskit.rules.schema.duplicate_key import DuplicateKey
from cskit.rules.schema.missing_field import MissingField
from cskit.rules.schema.unknown_field import UnknownField
from cskit.rules.schema.yaml_syntax import YamlSyntax
from cskit.rules.stale.archived_reference import ArchivedReference
from cskit.rules.stale.contradicts_fact import ContradictsFact
from cskit.rules.stale.expired import Expired
from cskit.rules.stale.fact_changed import FactChanged
from cskit.rules.stale.past_date import PastDate
from cskit.rules.stale.review_overdue import ReviewOverdue
from cskit.rules.suppression.expired_suppression import ExpiredSuppression
from cskit.rules.suppression.suppression_without_reason import SuppressionWithoutReason
from cskit.rules.suppression.unused_suppression import UnusedSuppression
from cskit.rules.template.foreign_placeholder import ForeignPlaceholder
from cskit.rules.template.sample_render_failed import SampleRenderFailed
from cskit.rules.template.template_syntax import TemplateSyntax
from cskit.rules.template.undeclared_variable import UndeclaredVariable
from cskit.rules.template.unguarded_optional import UnguardedOptional
from cskit.rules.template.unknown_filter import UnknownFilter
from cskit.rules.template.unmasked_pii import UnmaskedPii
from cskit.rules.typography.fullwidth_alnum import FullwidthAlnum
from cskit.rules.typography.halfwidth_punctuation import HalfwidthPunctuation
from cskit.rules.typography.invisible_characters import InvisibleCharacters
from cskit.rules.typography.mixed_script import MixedScript
from cskit.rules.typography.repeated_punctuation import RepeatedPunctuation
from cskit.rules.typography.unbalanced_pairs import UnbalancedPairs
from cskit.rules.wording.absolute_claim import AbsoluteClaim
from cskit.rules.wording.absolute_guarantee import AbsoluteGuarantee
from cskit.rules.wording.blame_or_impatience import BlameOrImpatience
from cskit.rules.wording.cliche_empathy import ClicheEmpathy
from cskit.rules.wording.off_platform import OffPlatform
from cskit.rules.wording.packrule import pack_rules
from cskit.rules.wording.pronoun_mixing import PronounMixing
from cskit.rules.wording.refusal import Refusal
from cskit.rules.wording.review_reward import ReviewForReward

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
    NameOrAddress,
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
# The rules word packs feed (a pack's ``rule:`` names one of them): W001–W008, P001, P002.
PACK_RULES = pack_rules(RULES)


def find_rule(token: str) -> type[Rule] | None:
    """A rule by code (``e004``) or kebab name (``missing-field``)."""
    token = token.strip()
    return BY_CODE.get(token.upper()) or next((r for r in RULES if r.name == token), None)
