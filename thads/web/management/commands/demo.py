"""`thads demo`: build the demo province (deterministic)."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.common.money import group_thousands
from thads.interchange import (
    demo_cases,
    demo_complaints,
    demo_documents,
    demo_office,
    demo_oversight,
)
from thads.org import demo as org_demo
from thads.org.models import Staff


class Command(BaseCommand):
    help = "Tạo dữ liệu tỉnh mẫu (Thái Nguyên trước và sau 01/07/2025)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ tạo khi cơ sở dữ liệu chưa có đơn vị nào.",
        )

    def handle(self, *args, **options):
        if not org_demo.is_empty():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; bỏ qua việc tạo tỉnh mẫu.")
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu. Dùng cơ sở dữ liệu trống để tạo tỉnh mẫu."
            )
        units = org_demo.build_org()
        staff = Staff.objects.count()
        # Apps that add their own demo data (the portal: the units' contacts) say so with a
        # `load_demo()` on their AppConfig (web may not import them: they are its siblings).
        contacts = sum(
            config.load_demo() for config in apps.get_app_configs() if hasattr(config, "load_demo")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tỉnh mẫu: {len(units)} đơn vị, {staff} cán bộ "
                f"({contacts} đơn vị có địa chỉ, lịch tiếp công dân trên cổng công khai)."
            )
        )
        result = demo_cases.load(timezone.localdate())
        self.stdout.write(self.style.SUCCESS(cases_summary(result)))
        office = demo_office.load(timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sổ sách và báo cáo: {group_thousands(office.receipts)} biên lai, "
                f"{group_thousands(office.payouts)} khoản chi trả, {group_thousands(office.held)} "
                f"khoản tạm thu, tạm giữ, {group_thousands(office.reports_approved)} báo cáo tháng "
                "đã gửi và được duyệt."
            )
        )
        self.stdout.write(self.style.SUCCESS(activity_summary(timezone.localdate())))


def cases_summary(result) -> str:
    """What the demo cases added (the units and staff were created above, not imported)."""
    return (
        f"Đã nạp dữ liệu mẫu: {group_thousands(result.cases)} việc thi hành án "
        f"({group_thousands(result.events)} sự kiện) từ {group_thousands(result.judgments)} "
        f"bản án, {group_thousands(result.targets)} chỉ tiêu, "
        f"{group_thousands(result.complaints)} đơn thư."
    )


def activity_summary(today) -> str:
    """Complaints, oversight and documents of the demo province, through the apps' services."""
    letters = demo_complaints.load(today)
    oversight = demo_oversight.load(today)
    documents = demo_documents.load(today)
    n = group_thousands
    return (
        f"Đơn thư, giám sát, văn bản: {n(letters.letters)} đơn ({n(letters.matters)} vụ việc "
        f"thụ lý), {n(letters.sessions)} buổi tiếp công dân, {n(oversight.judgments)} việc theo "
        f"dõi thi hành án hành chính, {n(oversight.inspections)} cuộc kiểm tra, "
        f"{n(oversight.procuracy_acts)} văn bản của Viện kiểm sát, {n(oversight.dossiers)} hồ "
        f"sơ miễn, giảm, {n(documents.issued)} văn bản đã ban hành và {n(documents.drafts)} dự "
        "thảo chờ ký."
    )
