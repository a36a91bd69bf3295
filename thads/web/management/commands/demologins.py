"""`thads demologins`: print the demo accounts, one per role."""

from django.core.management.base import BaseCommand

from thads.org import demo as org_demo


class Command(BaseCommand):
    help = "In các tài khoản dùng thử của tỉnh mẫu."

    def handle(self, *args, **options):
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {org_demo.DEMO_PASSWORD}):")
        for login in org_demo.demo_logins():
            self.stdout.write(f"  {login.username:<12} {login.role} — {login.name} ({login.unit})")
