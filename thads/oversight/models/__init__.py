"""Oversight: administrative judgments monitored (THAHC), inspections, procuracy acts,
exemption dossiers, and the deadline rules they follow (data with effective dates)."""

from thads.oversight.models.exemptions import ExemptionDossier, ExemptionResult
from thads.oversight.models.inspections import (
    Finding,
    Inspection,
    InspectionFile,
    InspectionKind,
    InspectionPlan,
    PlanItem,
    Recommendation,
    RecommendationFollowUp,
    RecommendationKind,
    ViolationKind,
)
from thads.oversight.models.procuracy import AnswerResult, ProcuracyAct, ProcuracyActKind
from thads.oversight.models.rules import DayKind, DeadlineRule
from thads.oversight.models.thahc import (
    AdminJudgment,
    AdminJudgmentStep,
    JudgmentKind311,
    ObligedBody,
    Outcome,
    StepKind,
)

__all__ = [
    "AdminJudgment",
    "AdminJudgmentStep",
    "AnswerResult",
    "DayKind",
    "DeadlineRule",
    "ExemptionDossier",
    "ExemptionResult",
    "Finding",
    "Inspection",
    "InspectionFile",
    "InspectionKind",
    "InspectionPlan",
    "JudgmentKind311",
    "ObligedBody",
    "Outcome",
    "PlanItem",
    "ProcuracyAct",
    "ProcuracyActKind",
    "Recommendation",
    "RecommendationFollowUp",
    "RecommendationKind",
    "StepKind",
    "ViolationKind",
]
