"""`thads demo` publishes a contact for every unit in force of the demo province, so the
portal's directory shows an address, a phone, hours and reception days for each."""

import re

import pytest
from django.test import Client

from thads.org.models import Unit
from thads.portal.demo import DEMO_CONTACTS, load_contacts
from thads.portal.models import UnitContact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(shared_demo_org, db):
    return shared_demo_org


def test_every_demo_unit_in_force_has_its_contact_in_the_directory(demo_org):
    province = Unit.objects.get(code="TNG")
    demo_units = Unit.objects.filter(valid_to__isnull=True, path__startswith=province.path)
    assert {u.code for u in demo_units} | {"TW"} == set(DEMO_CONTACTS)
    assert load_contacts() == len(DEMO_CONTACTS)
    for contact in UnitContact.objects.filter(unit__code__in=DEMO_CONTACTS):
        assert contact.address and contact.phone and contact.hours and contact.reception_days
    html = Client().get("/cong-khai/don-vi/").content.decode()
    rows = re.findall(r"<tr[^>]*>\s*<td>(.*?)</tr>", html, flags=re.DOTALL)
    for unit in demo_units:
        (row,) = [r for r in rows if unit.name in r]
        address, phone, _email, reception_days = DEMO_CONTACTS[unit.code]
        assert address in row and phone in row and reception_days in row
        assert "Sáng 7:30–11:30" in row and "Chưa cập nhật" not in row
    # Loading again changes nothing (the service keeps one contact per unit).
    assert load_contacts() == len(DEMO_CONTACTS)
    assert UnitContact.objects.filter(unit__code__in=DEMO_CONTACTS).count() == len(DEMO_CONTACTS)
