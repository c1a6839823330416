"""`manage.py load_search_vocabulary`: add the shipped base vocabulary to the synonym list."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ...models import Synonym
from ...vocabulary_file import PATH, load


class Command(BaseCommand):
    help = _("把基础词库（search/data/vocabulary.tsv）中的说法加入搜索同义词；只新增，不删除。")

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(PATH), help=_("词库文件（默认为随站点发布的）"))

    def handle(self, *args, file, **options):
        created, extended = load(Synonym, Path(file))
        self.stdout.write(
            _("新增 %(created)s 条同义词，补充 %(extended)s 条已有同义词的规范用语。")
            % {"created": created, "extended": extended}
        )
