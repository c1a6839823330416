"""manage.py repair_permissions: restore every department's groups, permissions and review."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from cms_pages.departments import audit_departments, onboard_department
from cms_pages.models import DepartmentPage


class Command(BaseCommand):
    help = _(
        "为每个部门恢复编辑组、审核组、本部门页面权限和“部门审核 → 审改办审核”两步流程，"
        "收回审改办以外用户组的发布权限，并按部门名称重命名。可重复运行。"
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("只列出问题，不修改。"))

    def handle(self, *args, **options):
        departments = list(DepartmentPage.objects.order_by("path"))
        before = audit_departments(departments)
        broken = [d for d in departments if before[d.pk]]
        for department in broken:
            self.stdout.write(f"{department.title}：{'；'.join(before[department.pk])}")
        if options["dry_run"]:
            self.stdout.write(
                _("共 %(n_broken)s 个部门需要修复（未修改）。") % {"n_broken": len(broken)}
            )
            return
        with transaction.atomic():
            for department in departments:
                onboard_department(department)
        after = audit_departments(departments)
        left = [d for d in departments if after[d.pk]]
        for department in left:
            self.stderr.write(
                _("仍有问题：%(title)s：%(value)s")
                % {"title": department.title, "value": "；".join(after[department.pk])}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("已检查 %(n_departments)s 个部门，修复 %(n_broken)s 个。")
                % {"n_departments": len(departments), "n_broken": len(broken)}
            )
        )
