"""Letters (đơn), matters (vụ việc), reception sessions (tiếp công dân) and the rule table."""

from thads.complaints.models.attachments import Attachment
from thads.complaints.models.letters import (
    Complaint,
    ComplaintKind,
    ComplaintResult,
    Handling,
    IneligibleReason,
    LetterChannel,
    LetterSubject,
    LimitationStage,
    Sender,
)
from thads.complaints.models.matters import (
    Matter,
    MatterKind,
    MatterOutcome,
    MatterStep,
    StepKind,
    SubjectRole,
)
from thads.complaints.models.reception import ReceptionForm, ReceptionSession
from thads.complaints.models.rules import ComplaintRule, DayCount, Resolver, RuleKind

__all__ = [
    "Attachment",
    "Complaint",
    "ComplaintKind",
    "ComplaintResult",
    "ComplaintRule",
    "DayCount",
    "Handling",
    "IneligibleReason",
    "LetterChannel",
    "LetterSubject",
    "LimitationStage",
    "Matter",
    "MatterKind",
    "MatterOutcome",
    "MatterStep",
    "ReceptionForm",
    "ReceptionSession",
    "Resolver",
    "RuleKind",
    "Sender",
    "StepKind",
    "SubjectRole",
]
