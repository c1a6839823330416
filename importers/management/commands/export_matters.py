"""manage.py export_matters <file.xlsx|file.csv> [--department …] [--theme …] [--batch …]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms_pages.models import Theme
from importers.access import find_department
from importers.batches import find_batch
from importers.exports import export_matters, matters_for


class Command(BaseCommand):
    help = _(
        "导出政务服务事项（全部、某部门、某主题或某改革批次）为与导入模板相同列的 .xlsx 或 .csv。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("输出文件，扩展名 .xlsx 或 .csv"))
        parser.add_argument("--department", help=_("部门名称、简称或页面 slug"))
        parser.add_argument("--theme", help=_("主题名称，如“生育收养”（个人、法人同名主题都算）"))
        parser.add_argument("--batch", help=_("改革批次（页面 ID、批次序号或标题）的事项"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in ("xlsx", "csv"):
            raise CommandError(_("输出文件的扩展名应为 .xlsx 或 .csv。"))
        matters = matters_for(department=find_department(options["department"]),
                              batch=find_batch(options["batch"]))  # fmt: skip
        if options["theme"]:
            themes = Theme.objects.filter(name=options["theme"])
            if not themes:
                raise CommandError(_("没有主题“%(theme)s”。") % {"theme": options["theme"]})
            matters = matters.filter(themes__in=themes).distinct()
        path.write_bytes(export_matters(matters, file_format))
        self.stdout.write(
            _("已导出 %(value)s 个事项到 %(path)s") % {"value": matters.count(), "path": path}
        )
