"""The demo province's published contact details (`thads demo`): every unit in force gets an
address, a phone, office hours and reception days, so the portal's unit directory reads like a
real one (Luật Tiếp công dân 2013, Điều 24: the reception place and schedule are public).
Invented but plausible: addresses name wards and communes of Thái Nguyên after 01/07/2025."""

from __future__ import annotations

from thads.org.models import Unit
from thads.portal.services import unit_contact_save

HOURS = "Sáng 7:30–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"

# code → (address, phone, e-mail, reception days)
# fmt: off
DEMO_CONTACTS: dict[str, tuple[str, str, str, str]] = {
    "TW": ("Số 60 Trần Phú, phường Ba Đình, thành phố Hà Nội", "024 6273 9540",
           "cucqlthads@moj.gov.vn", "Thứ Tư hằng tuần"),
    "TNG": ("Số 16 đường Đội Cấn, phường Phan Đình Phùng, tỉnh Thái Nguyên", "0208 3855 286",
            "thads.thainguyen@moj.gov.vn", "Thứ Hai và thứ Năm hằng tuần; ngày 15 hằng tháng "
            "Thủ trưởng tiếp công dân"),
    "TNG-KV1": ("Số 2 đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên",
                "0208 3856 120", "", "Thứ Ba và thứ Sáu hằng tuần"),
    "TNG-KV2": ("Số 5 đường Cách Mạng Tháng Mười, phường Sông Công, tỉnh Thái Nguyên",
                "0208 3862 455", "", "Thứ Ba và thứ Năm hằng tuần"),
    "TNG-KV3": ("Tổ dân phố Đình, xã Đại Từ, tỉnh Thái Nguyên", "0208 3824 310", "",
                "Thứ Hai và thứ Tư hằng tuần"),
    "TNG-KV4": ("Tổ dân phố Bắc Sơn, xã Phú Lương, tỉnh Thái Nguyên", "0208 3878 602", "",
                "Thứ Tư và thứ Sáu hằng tuần"),
    "TNG-KV5": ("Tổ dân phố Đồng Tiến, xã Phú Bình, tỉnh Thái Nguyên", "0208 3867 219", "",
                "Thứ Hai và thứ Năm hằng tuần"),
}
# fmt: on


def load_contacts() -> int:
    """Publish the demo units' contacts through the portal's service; the number published."""
    count = 0
    for unit in Unit.objects.filter(code__in=DEMO_CONTACTS, valid_to__isnull=True):
        address, phone, email, reception_days = DEMO_CONTACTS[unit.code]
        unit_contact_save(
            unit,
            address=address,
            phone=phone,
            email=email,
            hours=HOURS,
            reception_days=reception_days,
        )
        count += 1
    return count
