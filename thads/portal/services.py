"""Writes of the portal: the units' published contact details."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thads.common.concurrency import update_with_version
from thads.org.models import Unit
from thads.portal.models import UnitContact

CONTACT_FIELDS = ("address", "phone", "email", "hours", "reception_days")


@transaction.atomic
def unit_contact_save(
    unit: Unit, *, by: Any = None, expected_version: int | None = None, **fields: str
) -> UnitContact:
    """Publish (or change) where and when a unit receives citizens (Luật Tiếp công dân 2013,
    Điều 24: the reception place and schedule are made public); a stale edit fails loudly."""
    values = {k: (fields.get(k) or "").strip() for k in CONTACT_FIELDS}
    author = by if getattr(by, "is_authenticated", False) else None
    contact = UnitContact.objects.filter(unit=unit).first()
    if contact is None:
        contact = UnitContact(unit=unit, created_by=author, updated_by=author, **values)
        contact.full_clean()
        contact.save()
        return contact
    version = contact.version if expected_version is None else expected_version
    candidate = UnitContact(pk=contact.pk, unit=unit, **values)
    candidate.full_clean(exclude=["unit"], validate_unique=False)
    return update_with_version(contact, version, by, **values)
