"""What the centre configures: categories with their deadlines, the working calendar,
complaint channels and the 好差评 policy."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_REPLY_DAYS = 5
DEFAULT_RECTIFICATION_DAYS = 15


class Category(models.Model):
    """What a complaint is about; each category promises its own reply time."""

    name = models.CharField(_("类别名称"), max_length=50, unique=True)
    reply_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"),
        default=DEFAULT_REPLY_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("在投诉表单中显示"), default=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("reply_days"), FieldPanel("sort_order")]),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("投诉类别")
        verbose_name_plural = _("投诉类别")

    def __str__(self):
        return self.name


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday week: a public holiday on a weekday, or an
    official make-up working day (调休) on a weekend."""

    HOLIDAY, WORKDAY = "holiday", "workday"
    KIND_CHOICES = [(HOLIDAY, _("法定节假日（休息）")), (WORKDAY, _("调休上班日"))]

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=KIND_CHOICES, default=HOLIDAY)
    name = models.CharField(
        _("说明"), max_length=50, blank=True, help_text=_("如：春节、国庆节调休。")
    )

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("kind")]), FieldPanel("name")]

    class Meta:
        ordering = ["-day"]
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


class ComplaintChannel(models.Model):
    """One way to complain (a phone line, a room, a window, a mailbox…), for the centre or for
    one department; matter pages show their department's channels, else the centre's."""

    KIND_CHOICES = [
        ("hotline", _("热线电话")),
        ("phone", _("监督电话")),
        ("window", _("投诉窗口")),
        ("room", _("投诉室")),
        ("email", _("电子邮箱")),
        ("letter", _("信件")),
        ("online", _("网上投诉")),
    ]
    department = models.ForeignKey(
        "cms_pages.DepartmentPage",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("留空表示政务服务中心的渠道；部门没有自己的渠道时，事项页显示中心的渠道。"),
    )
    kind = models.CharField(_("渠道类型"), max_length=10, choices=KIND_CHOICES)
    label = models.CharField(_("名称"), max_length=60)
    value = models.CharField(_("号码、地址或位置"), max_length=200)
    note = models.CharField(_("说明"), max_length=200, blank=True, help_text=_("如：受理时间。"))
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldPanel("value"),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["department_id", "sort_order", "id"]
        verbose_name = _("投诉渠道")
        verbose_name_plural = _("投诉渠道")

    def __str__(self):
        return f"{self.label}：{self.value}"

    @property
    def href(self):
        if self.kind in ("hotline", "phone"):
            return "tel:" + "".join(c for c in self.value if c.isdigit() or c in "+-")
        if self.kind == "email":
            return "mailto:" + self.value
        return ""


@register_setting(icon="warning")
class ComplaintSettings(BaseGenericSetting):
    rectification_days = models.PositiveSmallIntegerField(
        _("差评整改时限（工作日）"),
        default=DEFAULT_RECTIFICATION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("各地常用5、7或15个工作日。"),
    )
    warning_days = models.PositiveSmallIntegerField(
        _("黄灯提前量（工作日）"),
        default=1,
        validators=[MaxValueValidator(10)],
        help_text=_("距答复期限不超过该工作日数时亮黄灯，超期亮红灯。"),
    )
    supervision_email = models.EmailField(
        _("督办通知邮箱"),
        blank=True,
        help_text=_("超期工单的升级通知发往此邮箱（如中心督查科）。"),
    )

    panels = [
        FieldPanel("rectification_days"),
        FieldPanel("warning_days"),
        FieldPanel("supervision_email"),
    ]

    class Meta:
        verbose_name = _("投诉与评价设置")
