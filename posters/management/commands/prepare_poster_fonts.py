"""Reduce the poster fonts to the common set ahead of the first poster (posters/fonts.py)."""

from concurrent.futures import ProcessPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from posters.fonts import FontUnavailable, configured_faces, reduced


class Command(BaseCommand):
    help = _("预先生成海报字体的常用字子集，首张海报不必等待（部署时运行一次）。")

    def handle(self, *args, **options):
        try:
            faces = list(configured_faces().values())
        except FontUnavailable as error:
            raise CommandError(str(error)) from None
        # One process per weight: the reduction is CPU-bound Python.
        with ProcessPoolExecutor(max_workers=len(faces)) as pool:
            for path in pool.map(reduced, faces):
                self.stdout.write(_("海报字体已就绪：%(path)s") % {"path": path})
