"""Cases in the complaint queue: citizens' complaints and the rectifications bad ratings open.

Both kinds share one table because they share everything the queue works with: the
department that must act, the working-day deadline and its lights, the timeline, reminders
and the department-only visibility. What differs is the flow (complaints.flow)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..attachments import private_storage
from ..privacy import mask_email, mask_name, mask_phone


class CaseQuerySet(models.QuerySet):
    def complaints(self):
        return self.filter(kind=Case.COMPLAINT)

    def rectifications(self):
        return self.filter(kind=Case.RECTIFICATION)

    def awaiting_answer(self):
        """Cases whose deadline still runs: not yet answered, rejected or closed."""
        return self.filter(status__in=Case.AWAITING_ANSWER)


class Case(models.Model):
    COMPLAINT, RECTIFICATION = "complaint", "rectification"
    KIND_CHOICES = [(COMPLAINT, _("投诉")), (RECTIFICATION, _("差评整改"))]

    SUBMITTED, REJECTED, ACCEPTED = "submitted", "rejected", "accepted"
    DISPATCHED, HANDLING, APPEALING = "dispatched", "handling", "appealing"
    REPLIED, SUPERVISING, CLOSED = "replied", "supervising", "closed"
    REVISITED, RATED = "revisited", "rated"
    STATUS_CHOICES = [
        (SUBMITTED, _("待受理")),
        (REJECTED, _("不予受理")),
        (ACCEPTED, _("已受理")),
        (DISPATCHED, _("已转办")),
        (HANDLING, _("办理中")),
        (APPEALING, _("申诉复核中")),
        (REPLIED, _("已回复")),
        (SUPERVISING, _("督办中")),
        (CLOSED, _("已办结")),
        (REVISITED, _("已回访")),
        (RATED, _("已评价")),
    ]
    AWAITING_ANSWER = (SUBMITTED, ACCEPTED, DISPATCHED, HANDLING, APPEALING, SUPERVISING)
    FINISHED = (REJECTED, CLOSED, REVISITED, RATED)

    RECTIFIED, EXPLAINED, APPEAL_UPHELD = "rectified", "explained", "appeal_upheld"
    RESOLUTION_CHOICES = [
        (RECTIFIED, _("已整改")),
        (EXPLAINED, _("已核实说明")),
        (APPEAL_UPHELD, _("申诉成立，评价不计入")),
    ]

    kind = models.CharField(_("类型"), max_length=15, choices=KIND_CHOICES, default=COMPLAINT)
    code = models.CharField(_("查询码"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, blank=True, editable=False)
    category = models.ForeignKey(
        "complaints.Category",
        verbose_name=_("类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    matter = models.ForeignKey(
        "cms_pages.MatterPage",
        verbose_name=_("涉及事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hall = models.ForeignKey(
        "cms_pages.Hall",
        verbose_name=_("大厅"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    window = models.ForeignKey(
        "cms_pages.ServiceWindow",
        verbose_name=_("窗口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "cms_pages.DepartmentPage",
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("投诉内容"))
    contact_name = models.CharField(_("联系人"), max_length=30, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=STATUS_CHOICES, default=SUBMITTED)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("答复期限"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reply_working_days = models.PositiveIntegerField(_("答复用时（工作日）"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("按时答复"), null=True, blank=True)
    public_reply = models.TextField(_("公开答复"), blank=True)
    resolution = models.CharField(
        _("整改结果"), max_length=15, choices=RESOLUTION_CHOICES, blank=True
    )
    rating = models.OneToOneField(
        "complaints.Rating",
        verbose_name=_("差评"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rectification",
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    purged_at = models.DateTimeField(_("个人信息清除时间"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["kind", "status", "due_on"], name="case_queue"),
            models.Index(fields=["department", "status"], name="case_department"),
            # Everything the published figures count, in the order they group by: the
            # figures read this index alone instead of every case row (4 s → 0.1 s on
            # 100,000 complaints).
            models.Index(
                fields=[
                    "kind",
                    "department",
                    "reply_working_days",
                    "replied_at",
                    "answered_on_time",
                    "due_on",
                    "status",
                ],
                name="case_figures",
            ),
        ]
        permissions = [
            ("handle_cases", _("受理、调度、督办和办结投诉工单")),
            ("decide_appeals", _("复核部门对差评的申诉")),
        ]
        verbose_name = _("工单")
        verbose_name_plural = _("工单")

    def __str__(self):
        # Never personal data: this string reaches logs, admin messages and exports.
        return f"{self.get_kind_display()} {self.code}"

    @property
    def is_complaint(self):
        return self.kind == self.COMPLAINT

    @property
    def awaiting_answer(self):
        return self.status in self.AWAITING_ANSWER

    @property
    def has_contact(self):
        return bool(self.contact_phone or self.contact_email)

    @property
    def masked_contact(self):
        parts = [
            mask_name(self.contact_name),
            mask_phone(self.contact_phone),
            mask_email(self.contact_email),
        ]
        return " ".join(p for p in parts if p) or _("匿名")

    @property
    def place(self):
        """Where it happened, in words: the matter, else the window, else the hall."""
        if self.matter_id:
            return self.matter.title
        if self.window_id:
            return str(self.window)
        if self.hall_id:
            return self.hall.name
        return ""


ACTION_LABELS = {
    "submit": _("提交投诉"),
    "open": _("差评转办整改"),
    "accept": _("受理"),
    "reject": _("不予受理"),
    "dispatch": _("调度（转办）"),
    "start": _("签收办理"),
    "reply": _("答复"),
    "supervise": _("督办"),
    "close": _("办结"),
    "revisit": _("回访"),
    "rate": _("评价"),
    "appeal": _("申诉复核"),
    "uphold": _("申诉成立"),
    "dismiss": _("申诉不成立"),
    "note": _("内部备注"),
    "remind": _("到期提醒"),
    "escalate": _("超期升级督办"),
}


class CaseEvent(models.Model):
    """One line of a case's timeline: a transition or an internal note."""

    NOTE = "note"
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    department = models.ForeignKey(
        "cms_pages.DepartmentPage",
        verbose_name=_("转办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("内部备注"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("工单记录")
        verbose_name_plural = _("工单记录")

    def __str__(self):
        return f"{self.case} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def get_action_label(self):
        return ACTION_LABELS.get(self.action, self.action)


class Attachment(models.Model):
    IMAGE, PDF = "image", "pdf"
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), storage=private_storage, upload_to="complaints/%Y/%m/")
    kind = models.CharField(_("类型"), max_length=5, choices=[(IMAGE, _("图片")), (PDF, "PDF")])
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("投诉附件")
        verbose_name_plural = _("投诉附件")

    def __str__(self):
        return f"{self.case} #{self.pk}"
