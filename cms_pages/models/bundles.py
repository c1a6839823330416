"""One-thing bundles (一件事): several matters applied for together."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..bundles import BundlePlan
from ..page_cache import SharedPageMixin
from .listings import ListingPage
from .matter import GuideRoutes, MatterPage
from .panels import PROMOTE_PANELS


class BundleIndexPage(SharedPageMixin, ListingPage):
    subpage_types = ["cms_pages.BundlePage"]

    class Meta:
        verbose_name = _("一件事列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = [
            BundlePlan(b) for b in BundlePage.objects.child_of(self).live().public()
        ]
        return context


class BundlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        seen = set()
        for form in self.formsets["members"].forms:
            # The page form is cleaned before its formsets; clean each member form first.
            data = form.cleaned_data if form.is_valid() else {}
            matter = data.get("matter")
            if matter is None or data.get("DELETE"):
                continue
            if matter.pk in seen:
                form.add_error(
                    "matter",
                    _("事项“%(title)s”已在本一件事中，请勿重复添加。") % {"title": matter.title},
                )
            seen.add(matter.pk)
        return cleaned_data


class BundlePage(GuideRoutes, Page):
    """A life event (一件事) that takes several matters, applied for together."""

    intro = models.TextField(
        _("说明"),
        blank=True,
        help_text=_("这件事包括哪些事项、怎样一次办好；显示在页面和告知单顶部。"),
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "members", heading=_("包含事项"), label=_("事项"), min_num=1,
            help_text=_("办理顺序相同的事项同时（并联）办理；顺序靠后的事项在前一步办结后开始。"),
        ),
    ]  # fmt: skip
    promote_panels = PROMOTE_PANELS
    base_form_class = BundlePageForm
    parent_page_types = ["cms_pages.BundleIndexPage"]
    subpage_types = []
    print_template = "cms_pages/bundle_page_print.html"

    class Meta:
        verbose_name = _("一件事")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plan"] = self.plan
        return context

    @cached_property
    def plan(self):
        return BundlePlan(self)

    @property
    def flowchart(self):
        return self.plan.flowchart


class BundleMember(Orderable):
    bundle = ParentalKey(BundlePage, on_delete=models.CASCADE, related_name="members")
    matter = models.ForeignKey(MatterPage, verbose_name=_("事项"), on_delete=models.CASCADE,
                               related_name="bundle_memberships")  # fmt: skip
    stage = models.PositiveSmallIntegerField(
        _("办理顺序"), default=1, validators=[MinValueValidator(1)],
        help_text=_("从1开始。顺序相同的事项同时办理。"),
    )  # fmt: skip

    panels = [FieldRowPanel([FieldPanel("matter"), FieldPanel("stage")])]

    class Meta(Orderable.Meta):
        verbose_name = _("一件事包含的事项")
