"""Print a batch of posters to a PDF file from the command line, with a progress bar."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from posters.batches import BatchError, resolve
from posters.content import posters_for
from posters.rendering import SIZES, render_pdf
from posters.sources import all_sources


class Command(BaseCommand):
    help = _("把一个部门、主题、办事窗口（或改革批次）的全部已发布事项海报生成为一个多页 PDF。")

    def add_arguments(self, parser):
        kinds = ", ".join(source.kind for source in all_sources())
        parser.add_argument("source", help=_("范围类型：%(kinds)s") % {"kinds": kinds})
        parser.add_argument("pick", help=_("范围的编号或名称，如“青山市公安局”"))
        parser.add_argument("output", help=_("输出的 PDF 文件"))
        parser.add_argument("--size", default="A4", choices=list(SIZES), help=_("纸张，默认 A4"))

    def handle(self, *args, **options):
        try:
            source, source_id, name = resolve(options["source"], options["pick"])
        except BatchError as error:
            raise CommandError(str(error)) from None
        posters = posters_for(source.matters(source_id))
        with tqdm(
            total=len(posters),
            desc=_("生成海报 %(name)s") % {"name": name},
            unit=_("张"),
            disable=None,
        ) as bar:
            data = render_pdf(posters, options["size"], lambda done: bar.update(done - bar.n))
        Path(options["output"]).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                _("已生成 %(n_posters)s 张海报：%(output)s")
                % {"n_posters": len(posters), "output": options["output"]}
            )
        )
