"""What an import leaves behind: a record of every run, and per matter the fingerprint of
the row it was last synced from (so an unchanged row is recognised without loading the page)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NEW, CHANGED, UNCHANGED, WITHDRAWN, ERROR, CONFLICT = (
    "new", "changed", "unchanged", "withdrawn", "error", "conflict"
)  # fmt: skip
STATUS_LABELS = {
    NEW: _("新增"),
    CHANGED: _("变更"),
    UNCHANGED: _("未变"),
    WITHDRAWN: _("疑似撤销"),
    ERROR: _("错误"),
    CONFLICT: _("冲突"),
}


class ImportRun(models.Model):
    QUEUED, RUNNING, PREVIEWED, APPLIED, REJECTED, FAILED = (
        "queued", "running", "previewed", "applied", "rejected", "failed"
    )  # fmt: skip
    STATES = [
        (QUEUED, _("排队中")),
        (RUNNING, _("处理中")),
        (PREVIEWED, _("已预览")),
        (APPLIED, _("已导入")),
        (REJECTED, _("有错误，未写入")),
        (FAILED, _("失败")),
    ]
    SOURCES = [("admin", _("后台上传")), ("cli", _("命令行"))]
    MATTERS, DEPARTMENTS = "matters", "departments"
    KINDS = [(MATTERS, _("事项表")), (DEPARTMENTS, _("部门表"))]

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    duration = models.FloatField(_("耗时（秒）"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    operator = models.CharField(_("操作人名称"), max_length=150, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=SOURCES, default="admin")
    kind = models.CharField(_("表格类型"), max_length=12, choices=KINDS, default=MATTERS)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件SHA-256"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    stored_file = models.CharField(_("存档文件"), max_length=255, blank=True, editable=False)
    department = models.ForeignKey(
        "cms_pages.DepartmentPage", verbose_name=_("限定部门"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Set when the run's new and changed matters join a reform batch instead of being
    # published one by one (importers.batches).
    batch = models.ForeignKey(
        "reform.ReformBatchPage", verbose_name=_("加入改革批次"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # The zip of blank forms and samples sent beside the sheet (importers.archive), if any.
    attachments_name = models.CharField(_("附件压缩包"), max_length=255, blank=True)
    attachments_sha256 = models.CharField(_("附件压缩包SHA-256"), max_length=64, blank=True)
    attachments_file = models.CharField(_("存档的附件压缩包"), max_length=255, blank=True,
                                        editable=False)  # fmt: skip
    dry_run = models.BooleanField(_("仅预览"), default=True)
    publish = models.BooleanField(_("直接发布"), default=False)
    apply_valid = models.BooleanField(_("只导入无误的行"), default=False)
    # Unknown headers the editor mapped for this run: {cleaned header: column, "" = ignore}.
    header_map = models.JSONField(_("表头对应"), default=dict, blank=True)
    create_departments = models.BooleanField(_("新建表中尚未建立的部门"), default=False)
    preview_of = models.ForeignKey(
        "self", verbose_name=_("对应的预览"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="applications",
    )  # fmt: skip
    status = models.CharField(_("状态"), max_length=10, choices=STATES, default=QUEUED)
    counts = models.JSONField(_("各状态数量"), default=dict, blank=True)
    report = models.JSONField(_("逐行结果"), default=dict, blank=True)
    message = models.TextField(_("说明"), blank=True)
    # The django-tasks task running an admin upload (cms_pages.background tells if it died).
    task_id = models.CharField(_("后台任务"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self):
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def finished(self):
        return self.status not in (self.QUEUED, self.RUNNING)

    @property
    def wrote(self):
        return self.status == self.APPLIED

    def count_list(self):
        return [(key, STATUS_LABELS[key], self.counts.get(key, 0)) for key in STATUS_LABELS]

    def problem_rows(self):
        return [r for r in self.report.get("rows", []) if r["status"] in (ERROR, CONFLICT)]


class MatterSyncState(models.Model):
    matter = models.OneToOneField(
        "cms_pages.MatterPage", primary_key=True, on_delete=models.CASCADE,
        related_name="sync_state", verbose_name=_("事项"),
    )  # fmt: skip
    content_hash = models.CharField(_("内容指纹"), max_length=64)
    row_hash = models.CharField(_("原始行指纹"), max_length=64, blank=True)
    # The revision the last sync produced or confirmed; any later revision means the matter
    # was edited since, and the row must be compared field by field.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")  # fmt: skip
    synced_at = models.DateTimeField(_("同步时间"), auto_now=True)

    class Meta:
        verbose_name = _("同步状态")
        verbose_name_plural = _("同步状态")

    def __str__(self):
        return f"{self.matter_id}: {self.content_hash[:12]}"


class HeaderMapping(models.Model):
    """A header the importer does not know, mapped to a column by an editor once and used
    again for the department's next file (importers.header_maps)."""

    department = models.ForeignKey(
        "cms_pages.DepartmentPage", verbose_name=_("部门"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    header = models.CharField(_("表头"), max_length=100)
    column = models.CharField(_("对应的列"), max_length=30, blank=True,
                              help_text=_("留空表示忽略此列。"))  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("设定人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("设定时间"), auto_now=True)

    class Meta:
        verbose_name = _("表头对应")
        verbose_name_plural = _("表头对应")
        constraints = [
            models.UniqueConstraint(fields=["department", "header"], name="one_mapping_per_header")
        ]

    def __str__(self):
        return f"{self.header} → {self.column or _('（忽略）')}"
