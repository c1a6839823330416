from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from complaints.tasks import send_case_reminders


class Command(BaseCommand):
    help = _("把每日临期提醒和超期升级督办交给后台任务（django-tasks）；请每天由 cron 运行一次。")

    def handle(self, *args, **options):
        result = send_case_reminders.enqueue()
        self.stdout.write(
            _("已提交后台任务 %(id)s（%(status)s）。") % {"id": result.id, "status": result.status}
        )
