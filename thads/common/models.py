"""Base models shared by the domain apps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tracked(models.Model):
    """Who created and last changed a row, when, and a version for optimistic locking.

    Services increment `version` with a conditional UPDATE; a stale version means someone
    else saved first, and the edit fails loudly instead of overwriting (see `common.concurrency`).
    """

    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("Phiên bản"), default=1)

    class Meta:
        abstract = True


class AppendOnly(models.Model):
    """Rows written once: the model refuses to update or delete them.

    The database refuses too (pgtrigger.Protect on PostgreSQL, triggers created by a migration
    on SQLite); a correction is a new row that names the one it corrects.
    """

    append_only_message = "is append-only: record a correcting entry instead."

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} {self.append_only_message}")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} {self.append_only_message}")


def append_only_trigger(name: str) -> pgtrigger.Protect:
    """The PostgreSQL side of `AppendOnly`: a row trigger refusing UPDATE and DELETE."""
    return pgtrigger.Protect(name=name, operation=pgtrigger.Update | pgtrigger.Delete)


class Recorded(AppendOnly):
    """An append-only row that keeps who recorded it and when."""

    recorded_at = models.DateTimeField(_("Ghi lúc"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Step(Recorded):
    """One dated step of a history kept step by step (a complaint matter's, a monitored
    administrative judgment's, the follow-up of a recommendation): what happened on which day,
    written once; a correction is a new step."""

    on = models.DateField(_("Ngày"))
    note = models.TextField(_("Nội dung"), blank=True)

    class Meta:
        abstract = True


class DatedRuleQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> DatedRuleQuerySet:
        """The rows in force on `on`, the one in force first (latest `effective_from` ≤ on)."""
        return self.filter(effective_from__lte=on).order_by("-effective_from")


class DatedRule(models.Model):
    """A rule kept as data (a time limit, a deadline, a competence): a row is in force from
    its `effective_from` until a row of the same key with a later date; the old row stays for
    what happened under it (the law on these points is partly unverified and changes with Luật
    THADS 106/2025: oversight.md §0)."""

    effective_from = models.DateField(_("Áp dụng từ ngày"))

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        abstract = True


R = TypeVar("R", bound=DatedRule)


class RuleBook(Generic[R]):
    """Dated rules read once, by key: the rule in force on a day without a query each (a list
    of many deadlines, a register page)."""

    def __init__(self, rules: Iterable[R], key: Callable[[R], Hashable]) -> None:
        self._rules: dict[Hashable, list[R]] = {}
        for rule in sorted(rules, key=lambda r: r.effective_from, reverse=True):
            self._rules.setdefault(key(rule), []).append(rule)

    def on(self, key: Hashable, day: dt.date) -> R | None:
        """The rule `key` in force on `day` (the latest `effective_from` ≤ day), else None."""
        return next((r for r in self._rules.get(key, []) if r.effective_from <= day), None)


class WorkerHeartbeat(models.Model):
    """A running `thads worker` (one row per process), beating every few seconds.

    A task the queue marks as running whose worker has stopped beating was interrupted (the
    process was killed, the machine restarted): another worker puts it back in the queue
    (`common.jobs.recover_interrupted`). `/healthz` reads it to tell that a worker is alive.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.IntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host}:{self.pid}"


class ScheduledRun(models.Model):
    """One slot of a scheduled job (nightly, month start) enqueued once, whatever the number
    of workers: the unique slot is the lock (`common.jobs.enqueue_due`)."""

    name = models.CharField(max_length=100)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot:%Y-%m-%d %H:%M}"


class Counter(models.Model):
    """The last number used in one series; the only row a numbering locks."""

    scope = models.CharField(_("Phạm vi"), max_length=60)
    series = models.CharField(_("Sổ"), max_length=40)
    year = models.PositiveSmallIntegerField(_("Năm"))
    last = models.PositiveIntegerField(_("Số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("Bộ đếm số")
        verbose_name_plural = _("Bộ đếm số")
        constraints = [
            models.UniqueConstraint(fields=["scope", "series", "year"], name="counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.series}/{self.year}: {self.last}"
