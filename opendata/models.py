from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueFile(models.Model):
    """The current whole-catalogue download in one format, rebuilt after publishing and
    served as a stored file (never built per request)."""

    FORMATS = [("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON")]

    format = models.CharField(_("格式"), max_length=4, choices=FORMATS, unique=True)
    file = models.FileField(_("文件"), upload_to="opendata/")
    # Named here rather than found by a storage-name rule: a download then needs no storage
    # lookup to know whether the companion exists, and a row only ever points at a companion
    # written in full before the row was saved. Empty for xlsx (already a zip) and for files
    # built before companions existed.
    gzip_file = models.FileField(_("gzip 压缩文件"), upload_to="opendata/", blank=True)
    matters = models.PositiveIntegerField(_("事项数"))
    size = models.PositiveBigIntegerField(_("字节数"))
    built_at = models.DateTimeField(_("生成时间"))
    seconds = models.FloatField(_("生成用时（秒）"), default=0)

    class Meta:
        verbose_name = _("全量事项目录下载")
        verbose_name_plural = _("全量事项目录下载")

    def __str__(self):
        return f"{self.format} {self.built_at:%Y-%m-%d %H:%M}"
