from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanCount(models.Model):
    """Poster scans of one matter on one day.

    Deliberately nothing about who scanned: no address, no device, no cookie. A count per
    matter per day is all the statistics need."""

    matter = models.ForeignKey(
        "cms_pages.MatterPage", verbose_name=_("事项"), on_delete=models.CASCADE,
        related_name="poster_scans",
    )  # fmt: skip
    day = models.DateField(_("日期"))
    scans = models.PositiveIntegerField(_("扫码次数"), default=0)
    outdated_scans = models.PositiveIntegerField(
        _("扫过期海报次数"), default=0, help_text=_("扫码的海报早于事项当前版本，需要重新打印。")
    )

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "day"], name="one_scan_count_per_matter_day")
        ]
        verbose_name = _("海报扫码次数")
        verbose_name_plural = _("海报扫码次数")

    def __str__(self):
        return f"{self.matter_id} {self.day}: {self.scans}"


class PosterBatch(models.Model):
    """One multi-page PDF for a set of matters (a department, a theme, a hall window, …).

    `key` fingerprints the source, the paper size and every member's poster content, so a
    batch is reused until any member changes, and a changed set gets a new batch."""

    PENDING, BUILDING, READY, FAILED = "pending", "building", "ready", "failed"
    STATUS_CHOICES = [
        (PENDING, _("排队中")),
        (BUILDING, _("正在生成")),
        (READY, _("已生成")),
        (FAILED, _("生成失败")),
    ]

    key = models.CharField(max_length=64, unique=True, editable=False)
    source = models.CharField(_("来源类型"), max_length=30)
    source_id = models.CharField(_("来源"), max_length=64)
    title = models.CharField(_("名称"), max_length=200)
    size = models.CharField(_("纸张"), max_length=2)
    status = models.CharField(_("状态"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    total = models.PositiveIntegerField(_("海报数"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    file = models.FileField(_("文件"), upload_to="posters/batches/", blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    task_id = models.CharField(_("后台任务"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("海报批次")
        verbose_name_plural = _("海报批次")

    def __str__(self):
        return f"{self.title}（{self.size}）"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100
