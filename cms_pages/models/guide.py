"""Elements of the national 办事指南 beyond the eight disclosures: how and where one may apply,
the scope of 通办, limits, intermediary services, where the power comes from, the consultation
and complaint channels, and the main item (主项) a matter is a variant (办理项) of."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from ..channels import parse_channels
from ..service_rules import FULLY_ONLINE, handling_kind
from ..taxonomy import HANDLING_KINDS, choices


class NationalGuideFields(models.Model):
    online_url = models.URLField(_("网上办理地址"), max_length=500, blank=True,
                                 help_text=_("全程网办的事项，群众从这里在线申请。"))  # fmt: skip
    handling_forms = models.CharField(_("办理形式"), max_length=60, blank=True,
                                      help_text=_("窗口办理、网上办理、快递申请、预约办理，"
                                                  "多个用“、”分隔。"))  # fmt: skip
    service_scope = models.CharField(_("通办范围"), max_length=60, blank=True,
                                     help_text=_("如：全市通办、跨省通办。"))  # fmt: skip
    quantity_limit = models.TextField(_("数量限制"), blank=True)
    power_source = models.CharField(
        _("权力来源"), max_length=60, blank=True, help_text=_("如：法定本级行使、上级下放。")
    )
    handling_kind = models.CharField(
        _("办件类型"), max_length=5, blank=True, choices=choices(HANDLING_KINDS),
        help_text=_("按部门公布的填写；即办件指当场办结。留空时按承诺时限推算。"),
    )  # fmt: skip
    main_item = models.ForeignKey(
        "cms_pages.MainItem", verbose_name=_("所属主项"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="variants",
        help_text=_("同一主项的办理项（新办、变更、延续……）在主项页并列对比。"),
    )  # fmt: skip

    class Meta:
        abstract = True

    @property
    def handling_kind_label(self):
        """办件类型 as stated, else as the promised time limit suggests."""
        return self.handling_kind or handling_kind(self.promised_days)

    @property
    def handling_form_list(self):
        return [f for f in self.handling_forms.replace("；", "、").split("、") if f.strip()]

    @property
    def enquiry_channels(self):
        return parse_channels(self.enquiry_phone)

    @property
    def enquiry_phone_number(self):
        """The first phone among the consultation channels, for a tel: link."""
        return next((c for c in self.enquiry_channels if c.kind == "phone"), None)

    @property
    def complaint_channels(self):
        return parse_channels(self.complaint_phones)

    @property
    def needs_no_visit_at_all(self):
        """无需到现场，全程网上办理: no visit and online from application to result."""
        return self.visits == 0 and FULLY_ONLINE.holds(self.online_depth)


class MatterIntermediaryService(Orderable):
    matter = ParentalKey("cms_pages.MatterPage", on_delete=models.CASCADE,
                         related_name="intermediary_services")  # fmt: skip
    name = models.CharField(_("中介服务名称"), max_length=200)
    required = models.BooleanField(_("必须办理"), default=True)
    fee = models.CharField(_("收费"), max_length=200, blank=True,
                           help_text=_("如：不收费；按市场价格收费。"))  # fmt: skip

    panels = [FieldPanel("name"), FieldPanel("required"), FieldPanel("fee")]

    class Meta(Orderable.Meta):
        verbose_name = _("中介服务")


class MainItem(models.Model):
    """A main item (主项) of the catalogue, e.g. 烟草专卖零售许可证; its variants (办理项:
    新办、变更、延续 …) are matters that point to it."""

    code = models.CharField(_("基本编码"), max_length=60, blank=True, db_index=True)
    name = models.CharField(_("主项名称"), max_length=200)

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta:
        verbose_name = _("主项")
        verbose_name_plural = _("主项")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("main-item", args=[self.pk])
