"""Snippets and settings the pages refer to: themes, halls and their windows, the centre."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..page_cache import remembered
from ..taxonomy import LEGAL_PERSON, NATURAL_PERSON

AUDIENCE_CHOICES = [(NATURAL_PERSON, _("个人办事")), (LEGAL_PERSON, _("法人办事"))]


class Theme(models.Model):
    """A life-event theme from the national lists; identified by audience + name."""

    audience = models.CharField(_("面向对象"), max_length=10, choices=AUDIENCE_CHOICES)
    name = models.CharField(_("主题名称"), max_length=30)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["audience", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["audience", "name"], name="unique_theme_per_audience")
        ]
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def __str__(self):
        return f"{self.get_audience_display()} · {self.name}"


class CareTag(models.Model):
    """A 特别关爱 tag (妇女, 儿童, 老年人, …): who a matter especially serves."""

    name = models.CharField(_("名称"), max_length=10, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("特别关爱标签")
        verbose_name_plural = _("特别关爱标签")

    def __str__(self):
        return self.name


class Hall(models.Model):
    """A service hall (政务服务大厅) where citizens come in person."""

    name = models.CharField(_("大厅名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("服务电话"), max_length=50, blank=True)
    directions = models.TextField(_("交通指引"), blank=True)

    class Meta:
        verbose_name = _("服务大厅")
        verbose_name_plural = _("服务大厅")

    def __str__(self):
        return self.name


class ServiceWindow(models.Model):
    """A counter in a hall; matters point at the window that accepts them."""

    hall = models.ForeignKey(Hall, verbose_name=_("所在大厅"), on_delete=models.CASCADE,
                             related_name="windows")  # fmt: skip
    name = models.CharField(_("窗口名称"), max_length=100)
    department = models.ForeignKey(
        "cms_pages.DepartmentPage", verbose_name=_("进驻部门"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="windows",
    )  # fmt: skip
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)

    class Meta:
        ordering = ["hall", "name"]
        verbose_name = _("办事窗口")
        verbose_name_plural = _("办事窗口")

    def __str__(self):
        return f"{self.hall.name} {self.name}"


@register_setting(icon="site")
class CentreSettings(BaseGenericSetting):
    # i18n: data
    name = models.CharField(_("中心名称"), max_length=100, default="青山市政务服务中心")
    address = models.CharField(_("中心地址"), max_length=200, blank=True)
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    hotline = models.CharField(_("政务服务便民热线"), max_length=30, default="12345")
    supervision_phone = models.CharField(_("监督投诉电话"), max_length=60, blank=True)
    footer_note = models.CharField(_("页脚说明"), max_length=200, blank=True)

    @classmethod
    def load(cls, request_or_site=None):
        user = getattr(request_or_site, "user", None)
        if user is None or user.is_authenticated:
            return super().load(request_or_site)
        # Every public page reads it; a save advances the generation (signals.py). A copy,
        # so nothing done to one request's instance reaches the next.
        return copy.copy(remembered("centre-settings", cls._get_or_create))

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("hours"),
        FieldRowPanel([FieldPanel("hotline"), FieldPanel("supervision_phone")]),
        FieldPanel("footer_note"),
    ]

    class Meta:
        verbose_name = _("中心信息")
