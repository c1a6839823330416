"""manage.py import_departments <file> [--dry-run] [--apply-valid-rows] [--user …]"""

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.models import STATUS_LABELS, ImportRun
from importers.runs import execute, new_run


class Command(BaseCommand):
    help = _(
        "导入部门表（名称、简称、统一社会信用代码、地址、咨询电话、监督投诉电话、办公时间、窗口）："
        "新部门建立并发布，同时建立编辑组、审核组和两步审核流程；已有部门更新并发布。"
        "有错误行时什么也不写，退出码非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_(".xlsx、.xls 或 .csv 文件"))
        parser.add_argument("--dry-run", action="store_true", help=_("只预览，不写入"))
        parser.add_argument("--apply-valid-rows", action="store_true",
                            help=_("有错误行时仍导入其余无误的行"))  # fmt: skip
        parser.add_argument("--user", help=_("以该后台用户的身份和权限导入（须为审改办）"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("找不到文件：%(path)s") % {"path": path})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("没有用户“%(user)s”。") % {"user": options["user"]})
        data = path.read_bytes()
        command_line = _("命令行（%(user)s）") % {"user": getpass.getuser()}
        run = new_run(
            data, path.name, user=user, source="cli", kind=ImportRun.DEPARTMENTS,
            operator=user.get_username() if user else command_line,
            dry_run=options["dry_run"], apply_valid=options["apply_valid_rows"],
        )  # fmt: skip
        execute(run, data)
        self.stdout.write(f"{run.file_name}  {run.get_status_display()}  {run.message}")
        if run.counts:
            self.stdout.write("  ".join(f"{STATUS_LABELS[k]} {n}" for k, n in run.counts.items()))
        for row in run.report.get("rows", []):
            for column, message in row["messages"]:
                self.stdout.write(
                    self.style.ERROR(
                        _("  第%(line)s行【%(column)s】%(message)s")
                        % {"line": row["line"], "column": column, "message": message}
                    )
                )
        if run.status in (ImportRun.REJECTED, ImportRun.FAILED):
            raise CommandError(run.message)
