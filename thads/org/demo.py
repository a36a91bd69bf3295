"""The demo province: Thái Nguyên before and after the 01/07/2025 reform. Deterministic.

Before: Cục THADS tỉnh Thái Nguyên and 9 Chi cục (some with 2 Chấp hành viên, some with 3+).
After: THADS tỉnh Thái Nguyên with 5 Phòng THADS khu vực; each Chi cục names its successor.
Staff keep their person (and account) and get a new posting on 01/07/2025.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from thads.org import services
from thads.org.models import Role, Staff, Unit

DEMO_PASSWORD = "thads-demo-2026"
FOUNDED = dt.date(2009, 10, 1)
REFORM = dt.date(2025, 7, 1)
BEFORE_REFORM = REFORM - dt.timedelta(days=1)

# New regional offices (Phòng THADS khu vực) and the Chi cục each continues.
REGIONS = [
    ("TNG-KV1", "Phòng Thi hành án dân sự khu vực 1 – Thái Nguyên", ["TN-TP"]),
    ("TNG-KV2", "Phòng Thi hành án dân sự khu vực 2 – Thái Nguyên", ["TN-SC", "TN-PY"]),
    ("TNG-KV3", "Phòng Thi hành án dân sự khu vực 3 – Thái Nguyên", ["TN-DT", "TN-DH"]),
    ("TNG-KV4", "Phòng Thi hành án dân sự khu vực 4 – Thái Nguyên", ["TN-PL", "TN-VN", "TN-DHY"]),
    ("TNG-KV5", "Phòng Thi hành án dân sự khu vực 5 – Thái Nguyên", ["TN-PB"]),
]

# Chi cục: code, name, staff (head first). Titles: cc = chấp hành viên cao cấp, tc = trung cấp,
# sc = sơ cấp, tk = thư ký, kt = kế toán.
# fmt: off
CHI_CUC = [
    ("TN-TP", "Chi cục Thi hành án dân sự thành phố Thái Nguyên",
     [("Nguyễn Văn Hùng", "tc"), ("Trần Thị Lan", "tc"), ("Lê Minh Tuấn", "sc"),
      ("Phạm Thu Hà", "sc"), ("Đỗ Thị Mai", "tk")]),
    ("TN-SC", "Chi cục Thi hành án dân sự thành phố Sông Công",
     [("Hoàng Văn Nam", "tc"), ("Nguyễn Thị Hoa", "sc"), ("Vũ Đức Thắng", "sc"),
      ("Bùi Thị Hằng", "kt")]),
    ("TN-PY", "Chi cục Thi hành án dân sự thị xã Phổ Yên",
     [("Đặng Quốc Bảo", "tc"), ("Ngô Thị Thu", "sc"), ("Lục Thị Diệu", "tk")]),
    ("TN-DT", "Chi cục Thi hành án dân sự huyện Đại Từ",
     [("Lý Văn Khánh", "tc"), ("Trịnh Thị Ngọc", "sc"), ("Phan Văn Long", "sc"),
      ("Đinh Thị Yến", "tk"), ("Hứa Văn Định", "sc")]),
    ("TN-DH", "Chi cục Thi hành án dân sự huyện Định Hóa",
     [("Ma Văn Tiến", "tc"), ("Hà Thị Nhung", "sc")]),
    ("TN-PL", "Chi cục Thi hành án dân sự huyện Phú Lương",
     [("Dương Văn Sơn", "tc"), ("Lương Thị Thảo", "sc"), ("Triệu Văn Hải", "sc"),
      ("Hoàng Thị Quyên", "tk")]),
    ("TN-VN", "Chi cục Thi hành án dân sự huyện Võ Nhai",
     [("La Văn Dũng", "tc"), ("Nông Thị Hiền", "sc")]),
    ("TN-DHY", "Chi cục Thi hành án dân sự huyện Đồng Hỷ",
     [("Chu Văn Quang", "tc"), ("Mai Thị Linh", "sc"), ("Tạ Văn Cường", "sc"),
      ("Khổng Thị Vân", "kt"), ("Âu Văn Toàn", "sc")]),
    ("TN-PB", "Chi cục Thi hành án dân sự huyện Phú Bình",
     [("Cao Văn Thành", "tc"), ("Kiều Thị Phương", "sc")]),
]
# fmt: on

TITLES = {
    "cc": Staff.Title.CHV_CAO_CAP,
    "tc": Staff.Title.CHV_TRUNG_CAP,
    "sc": Staff.Title.CHV_SO_CAP,
    "tk": Staff.Title.THU_KY,
    "kt": Staff.Title.KE_TOAN,
}

# Province-level staff: code suffix, name, title, role before, role after, head?
PROVINCE_STAFF = [
    ("LD01", "Nguyễn Xuân Tùng", Staff.Title.LANH_DAO, Role.PROVINCIAL_LEADER, True),
    ("LD02", "Phạm Thị Minh Nguyệt", Staff.Title.LANH_DAO, Role.PROVINCIAL_LEADER, False),
    ("CHV01", "Trương Văn Lợi", Staff.Title.CHV_CAO_CAP, Role.OFFICER, False),
    ("CHV02", "Lâm Thị Thanh", Staff.Title.CHV_TRUNG_CAP, Role.OFFICER, False),
    ("KT01", "Võ Thị Hương", Staff.Title.THAM_TRA_VIEN_CHINH, Role.INSPECTOR, False),
    ("KT02", "Đoàn Thị Kim", Staff.Title.KE_TOAN, Role.CLERK, False),
    ("KT03", "Nguyễn Thị Thu Trang", Staff.Title.THAM_TRA_VIEN, Role.INSPECTION_OFFICE, False),
    ("QT01", "Hồ Văn Phúc", Staff.Title.KHAC, Role.ADMIN, False),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    name: str
    unit: str


# The accounts printed for a newcomer, one per role.
DEMO_LOGINS = [
    ("Chấp hành viên", "chv", "TNG-KV2"),
    ("Thư ký / Kế toán", "thuky", "TNG-KV2"),
    ("Thủ trưởng đơn vị (Trưởng phòng khu vực)", "truongphong", "TNG-KV2"),
    ("Phó Thủ trưởng đơn vị (Phó trưởng phòng khu vực)", "phophong", "TNG-KV2"),
    ("Lãnh đạo THADS tỉnh", "lanhdao", "TNG"),
    ("Cục Quản lý THADS (trung ương)", "trunguong", "TW"),
    ("Kiểm tra viên (chỉ xem)", "kiemtra", "TNG"),
    ("Phòng Kiểm tra, giải quyết khiếu nại, tố cáo (tỉnh)", "phongkiemtra", "TNG"),
    ("Quản trị hệ thống", "quantri", "TNG"),
]
# Which demo staff carries each demo username.
DEMO_USERNAMES = {
    "TN-SC-02": "chv",
    "TN-SC-04": "thuky",
    "TN-SC-01": "truongphong",
    "TN-PY-01": "phophong",
    "TN-LD01": "lanhdao",
    "TW-01": "trunguong",
    "TN-KT01": "kiemtra",
    "TN-KT03": "phongkiemtra",
    "TN-QT01": "quantri",
}


def is_empty() -> bool:
    return not Unit.objects.exists()


@transaction.atomic
def build_org() -> dict[str, Unit]:
    """Create the national unit, the province before and after the reform, and ~40 staff."""
    units: dict[str, Unit] = {}
    units["TW"] = services.unit_create(
        code="TW",
        name="Cục Quản lý Thi hành án dân sự – Bộ Tư pháp",
        level=Unit.Level.NATIONAL,
        valid_from=FOUNDED,
    )
    units["TNG"] = services.unit_create(
        code="TNG",
        name="Thi hành án dân sự tỉnh Thái Nguyên",
        level=Unit.Level.PROVINCE,
        parent=units["TW"],
        valid_from=REFORM,
    )
    for code, name, _old in REGIONS:
        units[code] = services.unit_create(
            code=code, name=name, level=Unit.Level.LOCAL, parent=units["TNG"], valid_from=REFORM
        )
    units["TN"] = services.unit_create(
        code="TN",
        name="Cục Thi hành án dân sự tỉnh Thái Nguyên",
        level=Unit.Level.PROVINCE,
        parent=units["TW"],
        valid_from=FOUNDED,
        valid_to=BEFORE_REFORM,
        successor=units["TNG"],
    )
    successor_of = {old: new for new, _n, olds in REGIONS for old in olds}
    for code, name, _staff in CHI_CUC:
        units[code] = services.unit_create(
            code=code,
            name=name,
            level=Unit.Level.LOCAL,
            parent=units["TN"],
            valid_from=FOUNDED,
            valid_to=BEFORE_REFORM,
            successor=units[successor_of[code]],
        )

    def account(code: str) -> str:
        return DEMO_USERNAMES.get(code, code.lower())

    services.staff_create(
        code="TW-01",
        full_name="Nguyễn Thắng Lợi",
        title=Staff.Title.LANH_DAO,
        unit=units["TW"],
        valid_from=dt.date(2015, 1, 1),
        is_head=True,
        role=Role.NATIONAL,
        username=account("TW-01"),
        password=None,
    )
    for suffix, name, title, role, is_head in PROVINCE_STAFF:
        code = f"TN-{suffix}"
        staff = services.staff_create(
            code=code,
            full_name=name,
            title=title,
            unit=units["TN"],
            valid_from=dt.date(2016, 1, 1),
            valid_to=BEFORE_REFORM,
            is_head=is_head,
            role=role,
            username=account(code),
            password=None,
        )
        services.membership_add(
            staff=staff, unit=units["TNG"], valid_from=REFORM, role=role, is_head=is_head
        )
    for code, _name, people in CHI_CUC:
        for index, (full_name, title_key) in enumerate(people, start=1):
            staff_code = f"{code}-{index:02d}"
            is_head = index == 1
            title = TITLES[title_key]
            role = Role.HEAD if is_head else None
            staff = services.staff_create(
                code=staff_code,
                full_name=full_name,
                title=title,
                unit=units[code],
                valid_from=dt.date(2012 + index, 1, 1),
                valid_to=BEFORE_REFORM,
                is_head=is_head,
                role=role,
                username=account(staff_code),
                password=None,
            )
            # From 01/07/2025 the Chi cục's people work in the regional office; only the
            # head of the first Chi cục of a region heads it, the others become deputies.
            new_unit = units[successor_of[code]]
            region_first = next(olds[0] for c, _n, olds in REGIONS if c == new_unit.code)
            if is_head and code == region_first:
                new_role, new_head = Role.HEAD, True
            elif is_head:
                new_role, new_head = Role.DEPUTY, False
            else:
                new_role, new_head = services.default_role(title, False, Unit.Level.LOCAL), False
            services.membership_add(
                staff=staff, unit=new_unit, valid_from=REFORM, role=new_role, is_head=new_head
            )
    # One hash for every demo account (they share the password): hashing ~40 times with
    # PBKDF2 would add half a minute to `thads demo`.
    get_user_model().objects.filter(staff__isnull=False).update(
        password=make_password(DEMO_PASSWORD)
    )
    return units


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(role=role, username=username, name=_staff_name(username), unit=unit)
        for role, username, unit in DEMO_LOGINS
    ]


def _staff_name(username: str) -> str:
    staff = Staff.objects.filter(user__username=username).first()
    return staff.full_name if staff else ""
