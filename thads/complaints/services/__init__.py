"""Writes of the complaints app: one module per kind of write; the names below are the API."""

from thads.complaints.services.attachments import letter_attach
from thads.complaints.services.letters import (
    HandlingInput,
    LetterInput,
    SenderInput,
    letter_handle,
    letter_limitation,
    letter_register,
)
from thads.complaints.services.matters import (
    MatterInput,
    matter_accept,
    matter_assign_verifier,
    matter_decide,
    matter_extend,
    matter_record,
    matter_resume,
    matter_suspend,
    matter_withdraw,
)
from thads.complaints.services.reception import SessionInput, session_record

__all__ = [
    "letter_attach",
    "SessionInput",
    "session_record",
    "HandlingInput",
    "LetterInput",
    "MatterInput",
    "SenderInput",
    "letter_handle",
    "letter_limitation",
    "letter_register",
    "matter_accept",
    "matter_assign_verifier",
    "matter_decide",
    "matter_extend",
    "matter_record",
    "matter_resume",
    "matter_suspend",
    "matter_withdraw",
]
