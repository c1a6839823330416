"""The home page and the index, department, theme, complaint and statistics pages."""

from django.db import models, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import extensions
from ..bundles import bundles_for_theme
from ..figures import share
from ..filters import MatterFilter
from ..page_cache import SharedPageMixin
from ..prepared import PreparedQuery
from ..service_rules import RULE_NAMES
from ..taxonomy import LEGAL_PERSON, LEVELS, NATURAL_PERSON
from ..validators import validate_credit_code
from .english import EnglishFields
from .matter import MatterPage
from .panels import PROMOTE_PANELS
from .snippets import CareTag, Theme


def matter_by_path(slug, url_path):
    return MatterPage.objects.filter(slug=slug, url_path=url_path).order_by("pk")[:1]


# Texts no slug or path can be: where the prepared query puts the routed ones.
MATTER_BY_PATH = PreparedQuery(matter_by_path, "\x00slug", "\x00url_path")


class HomePage(SharedPageMixin, Page):
    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.DepartmentIndexPage",
        "cms_pages.ThemeIndexPage",
        "cms_pages.BundleIndexPage",
        "cms_pages.ComplaintChannelsPage",
        "cms_pages.StatisticsPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def route(self, request, path_components):
        # Matter pages are the deepest and most requested URLs; one query by url_path finds
        # them instead of walking department index → department → matter.
        if len(path_components) >= 3:
            url_path = f"{self.url_path}{'/'.join(path_components[:3])}/"
            found = MATTER_BY_PATH.run(path_components[2], url_path)
            if found:
                return found[0].route(request, path_components[3:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = catalogue_figures()
        context["themes_natural"] = Theme.objects.filter(audience=NATURAL_PERSON)
        context["themes_legal"] = Theme.objects.filter(audience=LEGAL_PERSON)
        context["theme_pages"] = {
            tp.theme_id: tp
            for tp in ThemePage.objects.live().public().only("id", "url_path", "theme_id")
        }
        context["theme_counts"] = theme_matter_counts()
        context["departments"] = DepartmentPage.objects.live().public().order_by("path")
        return context


def theme_matter_counts():
    """{theme id: public matters filed under it}; themes without any are absent."""
    return dict(
        MatterPage.objects.live()
        .public()
        .filter(themes__isnull=False)
        .values_list("themes")
        .annotate(n=Count("id", distinct=True))
        .values_list("themes", "n")
        .order_by()
    )


def catalogue_figures():
    """Counts shown on the home and statistics pages, always computed from live matters."""
    figures = MatterPage.objects.live().public().rule_counts()
    total = figures["total"] or 0
    for name in RULE_NAMES:
        figures[f"{name}_share"] = share(figures[name], total)
    return figures


class ListingPage(Page):
    """Abstract base for index pages that only introduce their children."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link", "ol", "ul"])
    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["cms_pages.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class DepartmentIndexPage(SharedPageMixin, ListingPage):
    subpage_types = ["cms_pages.DepartmentPage"]

    class Meta:
        verbose_name = _("部门列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = list(DepartmentPage.objects.child_of(self).live().public())
        counts = dict(
            MatterPage.objects.live()
            .public()
            .values_list("department_id")
            .annotate(n=Count("id"))
            .values_list("department_id", "n")
            .order_by()  # the pages' default ordering would split each department's group
        )
        for dept in context["departments"]:
            dept.matter_count = counts.get(dept.id, 0)
        return context


class DepartmentPage(EnglishFields, SharedPageMixin, Page):
    """An implementing body (实施主体). Its matters live beneath it, so page permissions
    granted on this subtree are exactly what its editors may touch. However a department comes
    to exist, saving it gives it its staff groups and two-step review (departments.py) in the
    same transaction, and a rename renames them."""

    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code],
        help_text=_("18位；部门名称变更时据此识别，事项实施编码以此开头。"),
    )  # fmt: skip
    description = models.TextField(_("部门职责简介"), blank=True)
    chinese_summary_field = "description"
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=100, blank=True)
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("credit_code"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("complaint_phone"),
                FieldPanel("hours"),
            ],
            heading=_("联系方式"),
        ),  # fmt: skip
        *EnglishFields.english_panels,
    ]
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["cms_pages.DepartmentIndexPage"]
    subpage_types = ["cms_pages.MatterPage"]

    class Meta:
        verbose_name = _("部门")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""),
                name="unique_department_credit_code",
                violation_error_message=_("该统一社会信用代码已属于另一个部门。"),
            ),
        ]  # fmt: skip

    def save(self, *args, **kwargs):
        from ..departments import onboard_department

        renamed = kwargs.get("update_fields") is None or bool(
            {"title", "short_name"} & set(kwargs["update_fields"])
        )
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if renamed:
                onboard_department(self)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        matter_filter = MatterFilter(
            request.GET, MatterPage.objects.child_of(self).live().public(), with_theme=True
        )
        context["filter"] = matter_filter
        context["page_obj"] = matter_filter.page(request.GET.get("page"))
        context["windows"] = self.windows.select_related("hall")
        return context


class ThemeIndexPage(SharedPageMixin, ListingPage):
    subpage_types = ["cms_pages.ThemePage"]

    class Meta:
        verbose_name = _("主题列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = list(ThemePage.objects.child_of(self).live().public().select_related("theme"))
        counts = theme_matter_counts()
        for theme_page in pages:
            theme_page.matter_count = counts.get(theme_page.theme_id, 0)
        context["natural_pages"] = [p for p in pages if p.theme.audience == NATURAL_PERSON]
        context["legal_pages"] = [p for p in pages if p.theme.audience == LEGAL_PERSON]
        public = MatterPage.objects.live().public()
        levels = dict(public.values_list("level").annotate(n=Count("id")).order_by())
        context["level_counts"] = [(level, levels.get(level, 0)) for level in LEVELS]
        context["care_counts"] = list(
            CareTag.objects.annotate(
                n=Count("matters", filter=Q(matters__in=public), distinct=True)
            )
            .order_by("sort_order")
            .values_list("name", "n")
        )
        return context


class ThemePage(EnglishFields, SharedPageMixin, Page):
    theme = models.OneToOneField(Theme, verbose_name=_("主题"), on_delete=models.PROTECT,
                                 related_name="page")  # fmt: skip
    intro = models.TextField(_("导语"), blank=True)
    chinese_summary_field = "intro"

    content_panels = Page.content_panels + [
        FieldPanel("theme"), FieldPanel("intro"), *EnglishFields.english_panels,
    ]  # fmt: skip
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["cms_pages.ThemeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("主题")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        matters = MatterPage.objects.live().public().filter(themes=self.theme)
        matter_filter = MatterFilter(request.GET, matters, with_department=True)
        context["has_matters"] = matters.exists()
        context["filter"] = matter_filter
        context["page_obj"] = matter_filter.page(request.GET.get("page"))
        context["bundles"] = bundles_for_theme(self.theme)
        return context


class ComplaintChannelsPage(SharedPageMixin, ListingPage):
    class Meta:
        verbose_name = _("投诉与评价")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = DepartmentPage.objects.live().public().order_by("path")
        context["page_sections"] = extensions.sections(self)
        return context


class StatisticsPage(SharedPageMixin, ListingPage):
    # Its sections refresh on their own schedules (opendata.sections), not only on publish.
    shared_until_publish = False

    class Meta:
        verbose_name = _("数据公开")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_sections"] = extensions.sections(self)
        return context
