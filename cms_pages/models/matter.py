"""The matter page (政务服务事项) with its orderables, and the routes it shares with bundles."""

import copy
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageLogEntry, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .. import extensions
from ..blocks import ProcedureBlock
from ..bundles import bundles_for_matter
from ..flowchart_svg import matter_flowchart, svg_response
from ..forms import MatterPageForm
from ..normalise import normalise_page
from ..page_cache import SharedPageMixin, any_view_restriction, in_batch, remembered
from ..params import is_code, validate_code
from ..prepared import NO_ID, PreparedQuery
from ..service_rules import ServiceRulesMixin, ServiceRulesQuerySetMixin
from ..taxonomy import (
    LEGAL_PERSON,
    LEVELS,
    MATERIAL_SOURCES,
    MATTER_TYPES,
    NATURAL_PERSON,
    NECESSITIES,
    ONLINE_DEPTHS,
    RESULT_TYPES,
    TIME_UNITS,
)
from ..taxonomy import choices as catalogue_choices
from .api_fields import MATTER_API_FIELDS, child_api_fields
from .cards import card_before_publish
from .english import EnglishFields
from .guide import NationalGuideFields
from .panels import PROMOTE_PANELS
from .snippets import CareTag, ServiceWindow, Theme

WEB_ADDRESS = re.compile(r"https?://[^\s]+$", re.IGNORECASE)
ATTACHMENT_REF_HELP = _(
    "导入表格中填写的文件名或 http(s) 网址，导出时原样写回；上传了文件时以文件为准。"
)
CHANNELS_HELP = _("多个用“；”分隔，可注明渠道：电话：…；窗口：…；网上：https://…；信函：…；邮箱：…")


AUDIENCE_CHOICES = [(NATURAL_PERSON, _("个人办事")), (LEGAL_PERSON, _("法人办事"))]
SERVICE_OBJECT_CHOICES = [
    (NATURAL_PERSON, _("自然人")),
    (LEGAL_PERSON, _("法人")),
    ("both", _("自然人、法人")),
]


class GuideRoutes(SharedPageMixin, RoutablePageMixin):
    """The routes a matter and a bundle share: the guide, its A4 notice, its flowchart alone."""

    print_template = None

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("print/")
    def print_view(self, request):
        return render(request, self.print_template, self.get_context(request))

    @path("flowchart.svg/")
    def flowchart_svg(self, request):
        return svg_response(self.flowchart)

    @classmethod
    def get_subpage_urls(cls):
        return super().get_subpage_urls() + extensions.routes(cls)


def attachment_link(document, ref):
    """Where the page links a blank form, sample or result sample: the uploaded file, else a
    web address the sheet gave (http/https only: any other scheme is never a link)."""
    if document is not None:
        return document.url
    return ref if WEB_ADDRESS.match(ref or "") else ""


class MatterPageQuerySet(ServiceRulesQuerySetMixin, PageQuerySet):
    def public(self):
        # Wagtail reads every view restriction to build the exclusion, a query per call (a
        # poster scan, a short link); while no page is private there is nothing to exclude.
        if not any_view_restriction():
            return self.all()
        return super().public()


class MatterPage(ServiceRulesMixin, GuideRoutes, NationalGuideFields, EnglishFields, Page):
    """One administrative matter (政务服务事项) with its eight disclosures; the reform rules it
    meets are properties from service_rules (is_at_most_once, rule_badges, …)."""

    objects = PageManager.from_queryset(MatterPageQuerySet)()

    code = models.CharField(
        _("实施编码"), max_length=64, unique=True, validators=[validate_code],
        help_text=_("事项的稳定标识，用于短链接、导入和二维码，发布后不要修改。"),
        error_messages={"unique": _("实施编码已被其他事项使用，请检查。")},
    )  # fmt: skip
    common_names = models.CharField(_("别名、俗称"), max_length=200, blank=True,
                               help_text=_("群众常用的叫法，用逗号分隔，便于搜索。"))  # fmt: skip
    matter_type = models.CharField(_("事项类型"), max_length=10,
                                   choices=catalogue_choices(MATTER_TYPES))  # fmt: skip
    service_object = models.CharField(_("服务对象"), max_length=10, choices=SERVICE_OBJECT_CHOICES)
    themes = ParentalManyToManyField(Theme, verbose_name=_("所属主题"), blank=True,
                                     related_name="matters")  # fmt: skip
    care_tags = ParentalManyToManyField(CareTag, verbose_name=_("特别关爱"), blank=True,
                                        related_name="matters")  # fmt: skip
    level = models.CharField(_("行使层级"), max_length=10, choices=catalogue_choices(LEVELS))
    # Mirrors the parent page so listings can filter and count by department without
    # walking the tree; kept in step by save(), which Wagtail also calls after a move.
    department = models.ForeignKey(
        "cms_pages.DepartmentPage", verbose_name=_("实施主体"), null=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    handling_office = models.CharField(_("承办机构"), max_length=200)
    joint_bodies = models.CharField(_("委托或联办机构"), max_length=300, blank=True)
    conditions = models.TextField(_("受理条件"), help_text=_("每行一条。"))
    prohibitions = models.TextField(_("禁止性要求"), blank=True, help_text=_("每行一条。"))
    procedure = StreamField(ProcedureBlock(), verbose_name=_("办理流程"), blank=True)
    statutory_days = models.PositiveIntegerField(_("法定办结时限"))
    promised_days = models.PositiveIntegerField(_("承诺办结时限"))
    time_unit = models.CharField(_("时限单位"), max_length=5,
                                 choices=catalogue_choices(TIME_UNITS),
                                 default=TIME_UNITS[0])  # fmt: skip
    fee_charged = models.BooleanField(_("是否收费"), default=False)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    fee_waiver = models.TextField(_("减免政策"), blank=True)
    # i18n: data
    result_type = models.CharField(_("结果类型"), max_length=5,
                                   choices=catalogue_choices(RESULT_TYPES),
                                   default="证照")  # fmt: skip
    result_name = models.CharField(_("结果名称"), max_length=200, blank=True)
    result_description = models.TextField(_("办理结果"), blank=True)
    result_sample = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("结果样本"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # What the department's sheet names (a file in the zip beside it, or a web address);
    # written back on export. The document above is the file itself.
    result_sample_ref = models.CharField(_("结果样本（表格中的文件名或网址）"), max_length=300,
                                         blank=True, help_text=ATTACHMENT_REF_HELP)  # fmt: skip
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), default=0,
                                              validators=[MaxValueValidator(9)])  # fmt: skip
    visit_reason = models.TextField(_("必须现场办理原因"), blank=True)
    online_depth = models.PositiveSmallIntegerField(_("网办深度"),
                                                    choices=catalogue_choices(ONLINE_DEPTHS),
                                                    default=4)  # fmt: skip
    place = models.TextField(_("办理地点"), blank=True)
    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("受理窗口"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="matters",
    )  # fmt: skip
    window_text = models.CharField(_("办理窗口"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    # Named for what most departments write there; any channel may be listed (channels.py).
    enquiry_phone = models.CharField(_("咨询方式"), max_length=300, blank=True,
                                     help_text=CHANNELS_HELP)  # fmt: skip
    complaint_phones = models.CharField(_("监督投诉方式"), max_length=300, blank=True,
                                        help_text=CHANNELS_HELP)  # fmt: skip
    notes = models.TextField(_("备注"), blank=True)
    # Figures before the reform, for the statistics (empty = not known). Steps and
    # materials are counted as reform.figures counts them now: procedure blocks, checklist rows.
    before_visits = models.PositiveSmallIntegerField(_("改革前到现场次数"), null=True, blank=True,
                                                     validators=[MaxValueValidator(9)])  # fmt: skip
    before_steps = models.PositiveSmallIntegerField(_("改革前环节数"), null=True, blank=True)
    before_materials = models.PositiveSmallIntegerField(_("改革前材料数"), null=True, blank=True)
    before_statutory_days = models.PositiveIntegerField(_("改革前法定办结时限"), null=True,
                                                        blank=True)  # fmt: skip
    before_promised_days = models.PositiveIntegerField(_("改革前承诺办结时限"), null=True,
                                                       blank=True)  # fmt: skip
    change_summary = models.CharField(_("本次更新说明"), max_length=200, blank=True,
                                      help_text=_("公开在事项页的更新记录中。"))  # fmt: skip

    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.SearchField("common_names"),
        index.SearchField("handling_office"),
        index.FilterField("visits"),
        index.FilterField("online_depth"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("common_names"),
             FieldRowPanel([FieldPanel("matter_type"), FieldPanel("service_object"),
                            FieldPanel("level")]),
             FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
             FieldPanel("care_tags", widget=forms.CheckboxSelectMultiple)],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("handling_office"), FieldPanel("joint_bodies")],
            heading=_("办理主体"),
        ),
        InlinePanel("legal_bases", heading=_("办理依据"), label=_("法律法规")),
        MultiFieldPanel(
            [FieldPanel("conditions"), FieldPanel("prohibitions")], heading=_("办理条件")
        ),
        InlinePanel("materials", heading=_("申请材料"), label=_("材料")),
        FieldPanel("procedure"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("statutory_days"), FieldPanel("promised_days"),
                            FieldPanel("time_unit")])],
            heading=_("办理时限"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("result_type"), FieldPanel("result_name")]),
             FieldPanel("result_description"),
             FieldRowPanel([FieldPanel("result_sample"), FieldPanel("result_sample_ref")])],
            heading=_("办理结果"),
        ),
        MultiFieldPanel(
            [FieldPanel("fee_charged"), FieldPanel("fee_standard"), FieldPanel("fee_basis"),
             FieldPanel("fee_waiver")],
            heading=_("收费"),
        ),
        InlinePanel("fee_items", heading=_("收费项目"), label=_("收费项目")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("handling_kind"), FieldPanel("handling_forms")]),
             FieldPanel("online_url"),
             FieldRowPanel([FieldPanel("service_scope"), FieldPanel("power_source")]),
             FieldPanel("quantity_limit"), FieldPanel("main_item")],
            heading=_("办理方式与范围"),
        ),
        InlinePanel("intermediary_services", heading=_("中介服务"), label=_("中介服务")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("visits"), FieldPanel("online_depth")]),
             FieldPanel("visit_reason"), FieldPanel("place"), FieldPanel("window"),
             FieldPanel("window_text"), FieldPanel("hours"),
             FieldRowPanel([FieldPanel("enquiry_phone"), FieldPanel("complaint_phones")])],
            heading=_("办理地点与渠道"),
        ),
        InlinePanel("faqs", heading=_("常见问题"), label=_("问答")),
        FieldPanel("notes"),
        *EnglishFields.english_panels,
        # Last on the tab the editor is working in, just above 保存: read before publishing.
        FieldPanel("change_summary"),
    ]  # fmt: skip
    reform_panels = [
        FieldRowPanel([FieldPanel("before_visits"), FieldPanel("before_steps"),
                       FieldPanel("before_materials")], heading=_("改革前")),
        FieldRowPanel([FieldPanel("before_statutory_days"), FieldPanel("before_promised_days")],
                      heading=_("改革前时限（按本事项的时限单位）")),
    ]  # fmt: skip
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("事项内容")),
            ObjectList(reform_panels, heading=_("改革对比")),
            ObjectList(PROMOTE_PANELS, heading=_("发布设置")),
        ]
    )  # fmt: skip

    base_form_class = MatterPageForm
    parent_page_types = ["cms_pages.DepartmentPage"]
    subpage_types = []
    print_template = "cms_pages/matter_page_print.html"
    api_fields = MATTER_API_FIELDS

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")

    def clean(self):
        super().clean()
        errors = {}
        if not (self.code or "").strip():
            errors["code"] = _("请填写实施编码。")
        if (
            self.promised_days is not None
            and self.statutory_days is not None
            and self.promised_days > self.statutory_days
        ):
            errors["promised_days"] = _("承诺办结时限（%(p)s）不能超过法定办结时限（%(s)s）。") % {
                "p": self.promised_days,
                "s": self.statutory_days,
            }
        if (self.visits or 0) >= 1 and not (self.visit_reason or "").strip():
            errors["visit_reason"] = _("到办事现场次数不为0时，须说明必须现场办理的原因。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.code = (self.code or "").strip()
        if kwargs.get("update_fields") is None:
            normalise_page(self, stored_children=False)
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.department_id = parent.id
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        normalise_page(self)
        return super().save_revision(*args, **kwargs)

    def publish(self, revision, *args, **kwargs):
        """Every publish through Wagtail (editor, workflow, schedule, revert) comes here; the
        card as it was lets a republish that keeps it retire only this page (signals.py).
        Inside a batch the advance is broad anyway: no card is read."""
        if in_batch():
            return super().publish(revision, *args, **kwargs)
        with card_before_publish(self.pk):
            return super().publish(revision, *args, **kwargs)

    @property
    def saved_days(self):
        return max(self.statutory_days - self.promised_days, 0)

    @property
    def service_object_labels(self):
        if self.service_object == "both":
            return [str(label) for value, label in SERVICE_OBJECT_CHOICES[:2]]
        return [self.get_service_object_display()]

    @property
    def complaint_phone_list(self):
        return [
            p.strip() for p in self.complaint_phones.replace(";", "；").split("；") if p.strip()
        ]

    @property
    def condition_lines(self):
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    @property
    def prohibition_lines(self):
        return [line.strip() for line in self.prohibitions.splitlines() if line.strip()]

    @property
    def short_url(self):
        """`/m/<code>/`; the page's own URL for a code saved before codes were checked
        (cms_pages.W002 names those), which no URL can carry."""
        if not is_code(self.code):
            return self.url
        return reverse("matter-short-link", args=[self.code])

    @cached_property
    def implementing_body(self):
        # The department mirror is the parent (save() keeps it so). Hundreds of matters show
        # the same department, whose every change is a publish: one copy per generation.
        if department_id := self.department_id:
            departments = self._meta.get_field("department").related_model._base_manager
            found = remembered(
                f"department:{department_id}", lambda: departments.get(pk=department_id)
            )
            return copy.copy(found)
        return self.get_parent().specific

    @cached_property
    def flowchart(self):
        return matter_flowchart(self)

    @property
    def result_sample_link(self):
        return attachment_link(self.result_sample, self.result_sample_ref)

    def public_history(self):
        """Published revisions, newest first, with the editor's note for each."""
        entries = PUBLIC_HISTORY.run(self.pk)
        return [
            {"timestamp": timestamp, "summary": summary or _("更新事项信息")}
            for timestamp, summary in entries
        ]

    def children(self, relation):
        """A child list (materials, legal bases …) or the themes, as the guide shows them."""
        if relation in getattr(self, "_cluster_related_objects", {}):
            # A preview or a revision: the rows it carries, not the published ones.
            return list(getattr(self, relation).select_related(*CHILD_RELATED.get(relation, ())))
        rows = CHILD_QUERIES[relation].run(self.pk)
        if relation != "themes":
            for row in rows:
                row.matter = self
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for relation in CHILD_QUERIES:
            context[relation] = self.children(relation)
        context["history"] = self.public_history()
        context["flowchart"] = self.flowchart
        context["bundles"] = bundles_for_matter(self)
        context["page_sections"] = extensions.sections(self)
        return context


def history_entries(matter_id):
    """The page's latest publications: when, and the editor's note (only the note is read from
    each revision, whose whole content is a copy of the page)."""
    return (
        PageLogEntry.objects.filter(page_id=matter_id, action="wagtail.publish")
        .order_by("-timestamp")
        .values_list("timestamp", "revision__content__change_summary")[:HISTORY_LENGTH]
    )


def child_rows(relation):
    def build(matter_id):
        model = MatterPage._meta.get_field(relation).related_model
        related = CHILD_RELATED.get(relation, ())
        if relation == "themes":
            return model.objects.filter(matters=matter_id).select_related(*related)
        return model.objects.filter(matter_id=matter_id).select_related(*related)

    return PreparedQuery(build, NO_ID)


HISTORY_LENGTH = 5
CHILD_RELATED = {"materials": ("blank_form", "sample"), "themes": ("page",)}
CHILD_QUERIES = {
    relation: child_rows(relation)
    for relation in ("materials", "legal_bases", "fee_items", "faqs", "intermediary_services",
                     "themes")
}  # fmt: skip
PUBLIC_HISTORY = PreparedQuery(history_entries, NO_ID)


def live_by_code(code):
    return MatterPage.objects.live().filter(code=code).only("id", "url_path", "live_revision_id")


# A text no code can be (params.is_code): where the prepared query puts the scanned one.
LIVE_BY_CODE = PreparedQuery(live_by_code, "\x00code")


def public_matter_by_code(code):
    """The live, public matter a poster or a short link names (its id, path and live
    revision), or None. Each scan and short link asks this and nothing else of the database;
    while no page is private it runs compiled once, not through the ORM each time."""
    if any_view_restriction():
        return live_by_code(code).public().first()
    found = LIVE_BY_CODE.run(code)
    return found[0] if found else None


class MatterLegalBasis(Orderable):
    matter = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="legal_bases")
    name = models.CharField(_("法律法规名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=200, blank=True)
    excerpt = models.TextField(_("条款内容"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("article"), FieldPanel("excerpt")]

    api_fields = child_api_fields("name", "article", "excerpt")

    class Meta(Orderable.Meta):
        verbose_name = _("办理依据")


class MatterMaterial(Orderable):
    matter = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    form = models.CharField(_("份数与形式"), max_length=100, blank=True,
                            help_text=_("如：原件1份，复印件1份；电子证照。"))  # fmt: skip
    originals = models.PositiveSmallIntegerField(_("原件份数"), default=0)
    copies = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    is_electronic = models.BooleanField(_("电子材料"), default=False)
    # i18n: data
    necessity = models.CharField(_("必要性"), max_length=5,
                                 choices=catalogue_choices(NECESSITIES),
                                 default="必要")  # fmt: skip
    # i18n: data
    source = models.CharField(_("来源渠道"), max_length=30,
                              help_text=format_lazy(_("国家规定的来源渠道：{}"),
                                                    "、".join(MATERIAL_SOURCES)),
                              default="申请人自备")  # fmt: skip
    blank_form = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("空白表格"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    sample = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("示例样表"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    blank_form_ref = models.CharField(_("空白表格（表格中的文件名或网址）"), max_length=300,
                                      blank=True, help_text=ATTACHMENT_REF_HELP)  # fmt: skip
    sample_ref = models.CharField(_("示例样表（表格中的文件名或网址）"), max_length=300,
                                  blank=True, help_text=ATTACHMENT_REF_HELP)  # fmt: skip
    notes = models.CharField(_("备注"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("form"), FieldPanel("originals"), FieldPanel("copies"),
                       FieldPanel("is_electronic")]),
        FieldRowPanel([FieldPanel("necessity"), FieldPanel("source")]),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("sample")]),
        FieldRowPanel([FieldPanel("blank_form_ref"), FieldPanel("sample_ref")]),
        FieldPanel("notes"),
    ]  # fmt: skip

    api_fields = child_api_fields(
        "name", "form", "originals", "copies", "is_electronic", "necessity", "source", "notes"
    )

    @property
    def blank_form_link(self):
        return attachment_link(self.blank_form, self.blank_form_ref)

    @property
    def sample_link(self):
        return attachment_link(self.sample, self.sample_ref)

    class Meta(Orderable.Meta):
        verbose_name = _("申请材料")


class MatterFeeItem(Orderable):
    matter = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="fee_items")
    name = models.CharField(_("收费项目"), max_length=200)
    amount = models.CharField(_("收费标准"), max_length=200)
    basis = models.CharField(_("收费依据"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("amount"), FieldPanel("basis")]

    api_fields = child_api_fields("name", "amount", "basis")

    class Meta(Orderable.Meta):
        verbose_name = _("收费项目")


class MatterFAQ(Orderable):
    matter = ParentalKey(MatterPage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("常见问题")
