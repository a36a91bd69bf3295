"""Organisation: units in a time-valid hierarchy with successors, staff and their postings.

The 01/07/2025 reform (Kết luận 162-KL/TW; QĐ 1898/QĐ-BTP): Chi cục THADS became Phòng THADS
khu vực and 63 Cục THADS tỉnh became 34 THADS tỉnh. Units therefore carry validity dates and a
successor, so that reports of a year straddling the change still add up.
"""

from __future__ import annotations

import datetime as dt
import re

import pghistory
import pgtrigger
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thads.common.models import AppendOnly, Tracked

SHORT_PREFIXES = (
    ("thành phố ", "TP. "),
    ("thị xã ", "TX. "),
    ("huyện ", "H. "),
    ("quận ", "Q. "),
    ("tỉnh ", ""),
)


def abbreviate(name: str) -> str:
    """A unit's usual short name from its official name, as offices write it:
    "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên" → "KV2", "Chi cục Thi hành án dân sự
    thành phố Sông Công" → "TP. Sông Công", "Thi hành án dân sự tỉnh Thái Nguyên" → "Thái
    Nguyên", "Cục Thi hành án dân sự tỉnh Thái Nguyên" → "Cục THADS Thái Nguyên"."""
    text = " ".join(name.split())
    match = re.search(r"khu vực\s+(\d+)", text, flags=re.IGNORECASE)
    if match:
        return f"KV{match.group(1)}"
    for marker in ("Thi hành án dân sự", "THADS"):
        if marker in text:
            break
    else:
        return text
    head, _sep, place = text.partition(marker)
    place = place.split(" – ")[0].strip(" –-")
    head = head.strip()
    for long, short in SHORT_PREFIXES:
        if place.lower().startswith(long):
            place = short + place[len(long) :]
            break
    if head.startswith("Cục Quản lý"):
        return "Cục Quản lý THADS"
    if head.startswith("Cục"):
        return f"Cục THADS {place}".strip()
    return place or text


@pghistory.track(model_name="UnitHistory")
class Unit(Tracked):
    class Level(models.TextChoices):
        NATIONAL = "national", _("Trung ương")
        PROVINCE = "province", _("Cấp tỉnh")
        LOCAL = "local", _("Cấp huyện / khu vực")

    code = models.CharField(_("Mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    # What rankings, charts and narrow columns print ("KV2", "TP. Sông Công"); blank: derived.
    short_name = models.CharField(_("Tên viết tắt"), max_length=60, blank=True, default="")
    level = models.CharField(_("Cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("Đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    # Materialised path of ids ("/1/4/9/"), kept by services: a subtree is one indexed prefix query.
    # Never an order: as text "/1/96/100/" sorts before "/1/96/97/" (ids compared as text).
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # The order units are listed in, kept by services (`org.services.tree_orders`): the tree
    # depth first, siblings by code with the numbers in codes compared as numbers ("KV2" before
    # "KV10"); per level the unit's rank among its siblings, five digits ("00001.00003.").
    tree_order = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        ordering = ["tree_order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The short name when the unit has one, else one derived from its name."""
        return self.short_name or abbreviate(self.name)

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        """The hierarchy's invariants, with messages for the user."""
        errors: dict[str, list[str]] = {}
        if self.valid_to and self.valid_to < self.valid_from:
            errors.setdefault("valid_to", []).append(
                _("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
            )
        if self.level == self.Level.NATIONAL and self.parent_id:
            errors.setdefault("parent", []).append(_("Đơn vị trung ương không có đơn vị cấp trên."))
        # A province may be the top of its own installation (a province migrating alone, the
        # interchange spec's first example); a local office always belongs to a province.
        if self.level == self.Level.LOCAL and not self.parent_id:
            errors.setdefault("parent", []).append(_("Đơn vị này phải có đơn vị cấp trên."))
        if self.parent_id:
            parent = self.parent
            if self.pk and self._ancestor_ids_of(parent) & {self.pk}:
                errors.setdefault("parent", []).append(
                    _("Không thể chọn đơn vị cấp trên này: sẽ tạo thành vòng lặp trong cây đơn vị.")
                )
            level_order = [self.Level.NATIONAL, self.Level.PROVINCE, self.Level.LOCAL]
            if level_order.index(parent.level) >= level_order.index(self.level):
                errors.setdefault("parent", []).append(
                    _("Đơn vị cấp trên phải ở cấp cao hơn đơn vị này.")
                )
            if self.valid_from < parent.valid_from or (
                parent.valid_to and (self.valid_to is None or self.valid_to > parent.valid_to)
            ):
                errors.setdefault("valid_from", []).append(
                    _(
                        "Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực "
                        "của đơn vị cấp trên (%(parent)s)."
                    )
                    % {"parent": parent.name}
                )
        if self.successor_id:
            successor = self.successor
            if self.pk and successor.pk == self.pk:
                errors.setdefault("successor", []).append(_("Đơn vị không thể kế thừa chính nó."))
            elif self.valid_to is None:
                errors.setdefault("successor", []).append(
                    _(
                        "Chỉ đơn vị đã hết hiệu lực mới có đơn vị kế thừa: "
                        "hãy nhập ngày hết hiệu lực."
                    )
                )
            elif not successor.is_valid_on(self.valid_to + dt.timedelta(days=1)):
                errors.setdefault("successor", []).append(
                    _(
                        "Đơn vị kế thừa phải có hiệu lực từ ngày %(day)s, "
                        "ngay sau khi đơn vị này hết hiệu lực."
                    )
                    % {"day": (self.valid_to + dt.timedelta(days=1)).strftime("%d/%m/%Y")}
                )
            elif self.pk and self._successor_chain_contains(successor, self.pk):
                errors.setdefault("successor", []).append(_("Quan hệ kế thừa tạo thành vòng lặp."))
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _ancestor_ids_of(unit: Unit) -> set[int]:
        ids: set[int] = set()
        current: Unit | None = unit
        while current is not None and current.pk not in ids:
            ids.add(current.pk)
            current = current.parent
        return ids

    @staticmethod
    def _successor_chain_contains(unit: Unit, target_id: int) -> bool:
        seen: set[int] = set()
        current: Unit | None = unit
        while current is not None and current.pk not in seen:
            if current.pk == target_id:
                return True
            seen.add(current.pk)
            current = current.successor
        return False


@pghistory.track(model_name="StaffHistory")
class Staff(Tracked):
    """A person working in THADS; postings to units are `Membership` rows with dates."""

    class Title(models.TextChoices):
        CHV_SO_CAP = "chap_hanh_vien_so_cap", _("Chấp hành viên sơ cấp")
        CHV_TRUNG_CAP = "chap_hanh_vien_trung_cap", _("Chấp hành viên trung cấp")
        CHV_CAO_CAP = "chap_hanh_vien_cao_cap", _("Chấp hành viên cao cấp")
        THAM_TRA_VIEN = "tham_tra_vien", _("Thẩm tra viên")
        THAM_TRA_VIEN_CHINH = "tham_tra_vien_chinh", _("Thẩm tra viên chính")
        THAM_TRA_VIEN_CAO_CAP = "tham_tra_vien_cao_cap", _("Thẩm tra viên cao cấp")
        THU_KY = "thu_ky", _("Thư ký thi hành án")
        THU_KY_TRUNG_CAP = "thu_ky_trung_cap", _("Thư ký trung cấp thi hành án")
        KE_TOAN = "ke_toan", _("Kế toán nghiệp vụ")
        LANH_DAO = "lanh_dao", _("Lãnh đạo")
        KHAC = "khac", _("Khác")

    code = models.CharField(_("Mã cán bộ"), max_length=40, unique=True)
    full_name = models.CharField(_("Họ và tên"), max_length=255)
    title = models.CharField(_("Chức danh"), max_length=40, choices=Title.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # Set when an administrator gives a temporary password: the account must choose its own
    # at the next sign-in (web.middleware sends it to the password change until it does).
    must_change_password = models.BooleanField(_("Phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("Cán bộ")
        verbose_name_plural = _("Cán bộ")
        ordering = ["full_name", "code"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_officer(self) -> bool:
        """Chấp hành viên of any grade (Luật THADS, Điều 17)."""
        return self.title.startswith("chap_hanh_vien")


class Role(models.TextChoices):
    OFFICER = "officer", _("Chấp hành viên")
    CLERK = "clerk", _("Thư ký / Kế toán")
    HEAD = "head", _("Thủ trưởng đơn vị")
    DEPUTY = "deputy", _("Phó Thủ trưởng đơn vị")
    PROVINCIAL_LEADER = "provincial_leader", _("Lãnh đạo THADS tỉnh")
    NATIONAL = "national", _("Cục Quản lý THADS")
    INSPECTOR = "inspector", _("Kiểm tra viên (chỉ xem)")
    # The provincial inspection office (Phòng Kiểm tra, giải quyết khiếu nại, tố cáo): reads the
    # units it inspects and records inspections; never acts on a case (QĐ 196/QĐ-TCTHADS).
    INSPECTION_OFFICE = "inspection_office", _("Phòng Kiểm tra (tỉnh)")
    ADMIN = "admin", _("Quản trị hệ thống")


@pghistory.track(model_name="MembershipHistory")
class Membership(Tracked):
    """A staff member's posting to a unit for a period, with the role it gives."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("Cán bộ"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices)
    is_head = models.BooleanField(_("Là thủ trưởng"), default=False)
    valid_from = models.DateField(_("Từ ngày"))
    valid_to = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Công tác tại đơn vị")
        verbose_name_plural = _("Quá trình công tác")
        ordering = ["staff", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
            ),
            models.UniqueConstraint(fields=["staff", "valid_from"], name="membership_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.unit} ({self.get_role_display()})"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.valid_to and self.valid_to < self.valid_from:
            errors.setdefault("valid_to", []).append(
                _("Ngày kết thúc không được trước ngày bắt đầu.")
            )
        if self.unit_id:
            unit = self.unit
            if self.valid_from < unit.valid_from or (
                unit.valid_to and (self.valid_to is None or self.valid_to > unit.valid_to)
            ):
                errors.setdefault("valid_from", []).append(
                    _("Thời gian công tác phải nằm trong thời gian hiệu lực của đơn vị %(unit)s.")
                    % {"unit": unit.name}
                )
        if self.staff_id:
            overlapping = Membership.objects.filter(staff_id=self.staff_id).exclude(pk=self.pk)
            end = self.valid_to or dt.date.max
            overlapping = overlapping.filter(valid_from__lte=end).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
            )
            if overlapping.exists():
                errors.setdefault("valid_from", []).append(
                    _("Cán bộ đã có quá trình công tác khác trùng thời gian này.")
                )
        if errors:
            raise ValidationError(errors)


class AdminAction(models.TextChoices):
    ACCOUNT_CREATE = "tao_tai_khoan", _("Tạo tài khoản")
    ACCOUNT_DEACTIVATE = "ngung_tai_khoan", _("Ngừng tài khoản")
    ACCOUNT_REACTIVATE = "mo_lai_tai_khoan", _("Mở lại tài khoản")
    PASSWORD_RESET = "dat_lai_mat_khau", _("Đặt lại mật khẩu")
    UNLOCK = "mo_khoa_dang_nhap", _("Mở khóa đăng nhập")
    POSTING_ADD = "them_cong_tac", _("Phân công công tác, vai trò")
    POSTING_END = "ket_thuc_cong_tac", _("Kết thúc công tác")


class AdminLogEntry(AppendOnly):
    """Nhật ký quản trị: one row per change an administrator makes to an account, a role or a
    posting, written in the change's transaction (who, when, what, where). Append-only: the
    model refuses updates and deletes, and so does the database (pgtrigger on PostgreSQL,
    triggers created by migration 0005 on SQLite)."""

    at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("Thao tác"), max_length=30, choices=AdminAction.choices)
    staff = models.ForeignKey(
        Staff, verbose_name=_("Cán bộ"), on_delete=models.PROTECT, related_name="admin_log"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="admin_log"
    )
    detail = models.CharField(_("Nội dung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Nhật ký quản trị")
        verbose_name_plural = _("Nhật ký quản trị")
        ordering = ["-at", "-id"]
        triggers = [
            pgtrigger.Protect(
                name="admin_log_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.staff}"
