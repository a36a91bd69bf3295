"""Object permissions (django-rules), answering from the request's computed Access."""

import rules

from thads.org.access import access_for


def _access(user):
    return access_for(user)


@rules.predicate
def can_view_unit(user, unit) -> bool:
    return unit is not None and _access(user).can_read_unit(unit.pk)


@rules.predicate
def can_manage_org(user, unit) -> bool:
    return unit is not None and _access(user).can_manage_org(unit.pk)


rules.add_perm("org.view_unit", can_view_unit)
rules.add_perm("org.change_unit", can_manage_org)
