from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from complaints.retention import purge, purgeable


class Command(BaseCommand):
    help = _(
        "清除办结超过保存期限的投诉与整改工单中的个人信息（联系方式、投诉内容、附件、内部备注）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("保存天数，默认 COMPLAINTS_RETENTION_DAYS（%(complaints_retention_days)s）。")
            % {"complaints_retention_days": settings.COMPLAINTS_RETENTION_DAYS},
        )
        parser.add_argument("--dry-run", action="store_true", help=_("只统计，不清除。"))

    def handle(self, *args, days=None, dry_run=False, **options):
        cases = purgeable(days)
        if dry_run:
            self.stdout.write(
                _("将清除 %(value)s 件工单的个人信息（未执行）。") % {"value": cases.count()}
            )
            return
        count = purge(cases)
        self.stdout.write(
            self.style.SUCCESS(_("已清除 %(count)s 件工单的个人信息。") % {"count": count})
        )
