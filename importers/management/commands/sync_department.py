"""manage.py sync_department <file> [--attachments files.zip] [--department …] [--dry-run]
[--publish | --batch …]"""

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from tqdm import tqdm

from importers.access import find_department
from importers.batches import find_batch
from importers.departments import may_import as may_import_departments
from importers.header_maps import MappingError, parse_option
from importers.models import STATUS_LABELS, ImportRun
from importers.report import error_report
from importers.runs import execute, new_run

SHOWN_ROWS = 40


class Command(BaseCommand):
    help = gettext(
        "按部门表格同步政务服务事项：新增的建草稿、变更的存新版本、未变的跳过、"
        "文件中没有的列为“疑似撤销”（不删除）。有错误时什么也不写，退出码非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext(".xlsx、.xls 或 .csv 文件"))
        parser.add_argument(
            "--attachments",
            metavar=gettext("压缩包.zip"),
            help=gettext(
                "表格中【空白表格】【示例样表】【结果样本】列所写文件的 zip 压缩包"
                "（按文件名查找，不看文件夹）"
            ),
        )
        parser.add_argument("--department", help=gettext("只导入这个部门（名称、简称或页面 slug）"))
        parser.add_argument("--dry-run", action="store_true", help=gettext("只预览，不写入"))
        parser.add_argument(
            "--publish", action="store_true", help=gettext("直接发布（需有发布权限）")
        )
        parser.add_argument(
            "--batch",
            help=gettext(
                "新增和变更事项的草稿加入这个改革批次（页面 ID、批次序号或标题），"
                "随批次发布，不单独发布"
            ),
        )
        parser.add_argument(
            "--apply-valid-rows", action="store_true", help=gettext("有错误行时仍导入其余无误的行")
        )
        parser.add_argument(
            "--map",
            action="append",
            metavar=gettext("表头=列名"),
            help=gettext(
                "把未识别的表头对应到导入模板的列（列名写“忽略”则忽略该列），"
                "可多次使用；会为该部门记住，下次不必再写"
            ),
        )
        parser.add_argument(
            "--create-departments",
            action="store_true",
            help=gettext("新建表中“实施主体”尚未建立的部门（仅审改办）"),
        )
        parser.add_argument("--user", help=gettext("以该后台用户的身份和权限导入"))
        parser.add_argument("--report", help=gettext("把错误报告另存为 .xlsx 或 .csv"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(gettext("找不到文件：%(path)s") % {"path": path})
        if options["batch"] and options["publish"]:
            raise CommandError(
                gettext("--batch 与 --publish 不能同时使用：加入改革批次的事项随批次发布。")
            )
        attachments = None
        if options["attachments"]:
            zip_path = Path(options["attachments"])
            if not zip_path.is_file():
                raise CommandError(gettext("找不到附件压缩包：%(path)s") % {"path": zip_path})
            attachments = zip_path.read_bytes()
        user = self._user(options["user"])
        try:
            header_map = parse_option(options["map"])
        except MappingError as error:
            raise CommandError(str(error)) from None
        if options["create_departments"] and not may_import_departments(user):
            raise CommandError(gettext("只有审改办可以在导入时新建部门（--create-departments）。"))
        command_line = gettext("命令行（%(user)s）") % {"user": getpass.getuser()}
        run = new_run(
            path.read_bytes(), path.name, user=user, source="cli",
            operator=user.get_username() if user else command_line,
            department=find_department(options["department"]),
            dry_run=options["dry_run"], publish=options["publish"],
            apply_valid=options["apply_valid_rows"], batch=find_batch(options["batch"]),
            header_map=header_map, create_departments=options["create_departments"],
            attachments=attachments,
            attachments_name=Path(options["attachments"]).name if attachments is not None else "",
        )  # fmt: skip
        if options["verbosity"] and self.stderr.isatty():
            with tqdm(total=0, unit=gettext("行")) as bar:

                def progress(phase, done, total):
                    bar.set_description(phase)
                    if total and bar.total != total:
                        bar.reset(total=total)
                    bar.n = done
                    bar.refresh()

                execute(run, path.read_bytes(), progress, attachments=attachments)
        else:
            progress = self._plain_progress(options["verbosity"])
            execute(run, path.read_bytes(), progress, attachments=attachments)
        self._print(run)
        if options["report"]:
            data, _, _ = error_report(run, options["report"].rsplit(".", 1)[-1])
            Path(options["report"]).write_bytes(data)
        if run.status in (ImportRun.REJECTED, ImportRun.FAILED) or (
            run.dry_run and any(r["status"] == "error" for r in run.report.get("rows", []))
        ):
            raise CommandError(run.message)

    def _plain_progress(self, verbosity):
        """Progress for logs (cron, CI): a line when a phase starts and when it ends."""
        last = [None]

        def progress(phase, done, total):
            if not verbosity:
                return
            if phase != last[0]:
                last[0] = phase
                self.stderr.write(f"{phase}……")
            if total and done >= total:
                self.stderr.write(f"{phase}：{done}/{total}")

        return progress

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(
                gettext("没有用户“%(username)s”。") % {"username": username}
            ) from None

    def _print(self, run):
        write = self.stdout.write
        write(f"{run.file_name}  SHA-256 {run.file_sha256[:16]}…  {run.get_status_display()}")
        if run.message:
            write(run.message)
        if run.counts:
            write("  ".join(f"{STATUS_LABELS[k]} {run.counts.get(k, 0)}" for k in STATUS_LABELS))
        batch = run.report.get("batch")
        if batch and run.dry_run:
            write(
                gettext("确认导入后，%(pending)s 个新增或变更事项的草稿将加入改革批次“%(title)s”。")
                % {"pending": batch["pending"], "title": batch["title"]}
            )
        report = run.report
        if report.get("attachments"):
            write(
                gettext("附件压缩包：%(name)s（%(files)s个文件）")
                % {"name": report["attachments"]["name"], "files": report["attachments"]["files"]}
            )
        for header, column, how in report.get("mapped_columns", []):
            source = gettext("已记住的对应") if how == "remembered" else gettext("本次指定")
            write(
                gettext("表头“%(header)s” → %(column)s（%(source)s）")
                % {"header": header, "column": column or gettext("忽略"), "source": source}
            )
        if report.get("unknown_columns"):
            write(
                gettext('未识别的列（已忽略）：%(columns)s；可用 --map "表头=列名" 对应到模板的列')
                % {"columns": "、".join(report["unknown_columns"])}
            )
        for line, reason in report.get("skipped", [])[:SHOWN_ROWS]:
            write(gettext("  跳过第%(line)s行：%(reason)s") % {"line": line, "reason": reason})
        problems = [r for r in report.get("rows", [])
                    if r["messages"] or r["notes"] or r["status"] == "conflict"]  # fmt: skip
        for row in problems[:SHOWN_ROWS]:
            for column, message in row["messages"]:
                write(
                    self.style.ERROR(
                        gettext("  第%(line)s行【%(column)s】%(message)s")
                        % {"line": row["line"], "column": column, "message": message}
                    )
                )
            for note in row["notes"] if row["status"] != "conflict" else row["notes"][1:]:
                write(
                    self.style.WARNING(
                        gettext("  第%(line)s行 提示：%(note)s")
                        % {"line": row["line"], "note": note}
                    )
                )
            if row["status"] == "conflict":
                write(
                    self.style.WARNING(
                        gettext("  第%(line)s行 冲突：%(value)s")
                        % {"line": row["line"], "value": row["notes"][0]}
                    )
                )
        if len(problems) > SHOWN_ROWS:
            write(
                gettext("  ……另有%(n)s行，见 --report 导出的错误报告。")
                % {"n": len(problems) - SHOWN_ROWS}
            )
        if report.get("new_departments"):
            verb = gettext("将新建") if run.dry_run else gettext("已新建")
            write(
                gettext("%(verb)s部门：%(new_departments)s")
                % {"verb": verb, "new_departments": "、".join(report["new_departments"])}
            )
        for item in report.get("withdrawn", [])[:SHOWN_ROWS]:
            write(
                gettext("  疑似撤销：%(code)s %(title)s（%(department)s）")
                % {"code": item["code"], "title": item["title"], "department": item["department"]}
            )
        write(
            gettext("耗时 %(duration)s 秒，导入记录 #%(pk)s")
            % {"duration": format(run.duration, ".1f"), "pk": run.pk}
        )
