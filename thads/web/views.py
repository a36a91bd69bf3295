"""Home page (panels by role, see thads.web.home) and the unit switcher."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from thads.common import health, replica
from thads.common.ui import home_panels_for
from thads.org.middleware import ACTIVE_UNIT_SESSION_KEY, active_unit
from thads.org.models import Unit


@login_required
def home(request):
    unit = active_unit(request)
    context = {
        "unit": unit,
        "today": timezone.localdate(),
        "panels": home_panels_for(request, unit) if unit is not None else [],
    }
    return render(request, "web/home.html", context)


@login_required
@require_POST
def switch_unit(request):
    """Leaders look at any unit of their subtree; anything else is not theirs (404)."""
    access = request.access
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError:
        raise Http404 from None
    if not access.is_leader or not access.can_read_unit(unit_id):
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    request.session[ACTIVE_UNIT_SESSION_KEY] = unit.pk
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)


def healthz(request):
    """For the proxy and monitoring: 200 when the database answers, is migrated and a worker
    is alive (and the replica answers, when one is configured), 503 otherwise; no login,
    nothing private in the answer. `?check=web` leaves the worker out (for a load balancer: a
    stopped worker is no reason to stop serving pages)."""
    checks = {"database": health.database()}
    if checks["database"][0]:
        checks["migrations"] = health.migrations()
        if request.GET.get("check") != "web":
            checks["worker"] = health.worker()
    if replica.enabled():  # the report screens read it (DATABASE_REPLICA_URL)
        checks["replica"] = health.database(replica.report_alias())
    ok = all(passed for passed, _detail in checks.values())
    body = {"status": "ok" if ok else "fail"} | {name: d for name, (_p, d) in checks.items()}
    return JsonResponse(body, status=200 if ok else 503)
