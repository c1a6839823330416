"""Reform batches (改革批次): a batch of matter revisions reviewed and released as one.

The batch page carries its members (matter + the revision that joined) as ParentalKey
children, so the revision a moderator approves pins exactly which matter revisions will go
live. What a release did is kept apart from the page (BatchRelease, ReleasedMatter): a page
revision is content, a release is history, and rollback needs the history.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import GroupApprovalTask, Orderable, Page

from cms_pages.models import PROMOTE_PANELS, ListingPage
from cms_pages.page_cache import SharedPageMixin
from cms_pages.service_rules import AT_MOST_ONCE, FULLY_ONLINE, IMMEDIATE, ServiceRulesMixin

from .figures import FIGURE_FIELDS
from .panels import BatchMattersPanel
from .routes import BatchArchiveMixin

KIND_CHOICES = [
    (AT_MOST_ONCE.name, AT_MOST_ONCE.label),
    (FULLY_ONLINE.name, FULLY_ONLINE.label),
    (IMMEDIATE.name, IMMEDIATE.label),
    ("licence", _("证照通办")),
    ("fewer_certificates", _("减证便民")),
    ("other", _("其他")),
]


class BatchIndexPage(SharedPageMixin, BatchArchiveMixin, ListingPage):
    """改革批次: the batch archive (newest first) with its Atom feed, the live reform lists
    and batch comparisons; the routes live in reform.routes."""

    subpage_types = ["reform.ReformBatchPage"]

    class Meta:
        verbose_name = _("改革批次列表")

    def get_cached_paths(self):
        from .lists import LIVE_LISTS

        return super().get_cached_paths() + [f"/lists/{lst.slug}/" for lst in LIVE_LISTS]


class ReformBatchPage(SharedPageMixin, RoutablePageMixin, Page):
    """第N批“最多跑一次”事项清单. Its planned release time is Wagtail's go-live date: an
    approval before that time schedules the release, `publish_scheduled` performs it."""

    number = models.PositiveSmallIntegerField(_("批次序号"), help_text=_("第几批，如 3。"))
    kind = models.CharField(_("改革类型"), max_length=20, choices=KIND_CHOICES,
                            default="at_most_once")  # fmt: skip
    announcement = RichTextField(
        _("公告正文"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
        FieldPanel("announcement"),
        HelpPanel(
            _("计划发布时间：在右上角“状态”面板点“设置计划”，填写“上线日期/时间”。审核通过后，"
              "批次及其全部事项在该时间一次性发布；未设置则在审核通过时立即发布。")
        ),
        BatchMattersPanel(heading=_("批次事项")),
    ]  # fmt: skip
    promote_panels = PROMOTE_PANELS
    parent_page_types = ["reform.BatchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("改革批次")
        verbose_name_plural = _("改革批次")

    @property
    def planned_release_at(self):
        return self.go_live_at

    @cached_property
    def active_release(self):
        return self.releases.filter(rolled_back_at__isnull=True).order_by("-released_at").first()

    def publish(self, revision, user=None, changed=True, log_action=True,
                previous_revision=None, skip_permission_checks=False):  # fmt: skip
        """Every publish path that goes through Revision.publish (workflow approval,
        `publish_scheduled`, the create view) releases the members with the batch."""
        from .release import publish_batch_revision

        return publish_batch_revision(
            revision, user=user, changed=changed, log_action=log_action,
            previous_revision=previous_revision, skip_permission_checks=skip_permission_checks,
        )  # fmt: skip

    def get_context(self, request, *args, **kwargs):
        from .public import batch_context

        context = super().get_context(request, *args, **kwargs)
        context.update(batch_context(self, request))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("download/<str:fmt>/")
    def download(self, request, fmt):
        from .public import batch_download

        return batch_download(self, fmt)


class BatchMember(Orderable):
    """A matter in a batch, with the revision that joined; a newer revision makes it stale."""

    batch = ParentalKey(ReformBatchPage, on_delete=models.CASCADE, related_name="members")
    matter = models.ForeignKey("cms_pages.MatterPage", verbose_name=_("事项"),
                               on_delete=models.CASCADE,
                               related_name="batch_memberships")  # fmt: skip
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("加入批次的版本"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # Pre-reform figures the batch list states ({"visits": 2, "promised_days": 20, …}); they
    # win over the ones the member's revision states and over what was live.
    baseline = models.JSONField(_("改革前数据"), default=dict, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("批次事项")


class BatchRelease(models.Model):
    """One release of a batch: when, by whom, and whether it was rolled back."""

    batch = models.ForeignKey(ReformBatchPage, on_delete=models.CASCADE, related_name="releases")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL,
                                 related_name="+")  # fmt: skip
    released_at = models.DateTimeField(_("发布时间"))
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    rolled_back_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("批次发布记录")
        ordering = ["-released_at"]

    def __str__(self):
        return f"{self.batch.title} @ {self.released_at:%Y-%m-%d %H:%M}"


class ReleasedMatter(ServiceRulesMixin, models.Model):
    """A matter as a release published it, with its before → after figures captured then.
    Code, title and department are kept so the list survives later renames and deletions."""

    release = models.ForeignKey(BatchRelease, on_delete=models.CASCADE, related_name="matters")
    sort_order = models.PositiveIntegerField(default=0)
    matter = models.ForeignKey("cms_pages.MatterPage", null=True, on_delete=models.SET_NULL,
                               related_name="reform_releases")  # fmt: skip
    code = models.CharField(_("实施编码"), max_length=64)
    title = models.CharField(_("事项名称"), max_length=255)
    department = models.ForeignKey("cms_pages.DepartmentPage", null=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    department_title = models.CharField(_("实施主体"), max_length=255)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL,
                                 related_name="+")  # fmt: skip
    previous_revision = models.ForeignKey("wagtailcore.Revision", null=True,
                                          on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    time_unit = models.CharField(_("时限单位"), max_length=5, blank=True)
    before_visits = models.PositiveSmallIntegerField(null=True)
    after_visits = models.PositiveSmallIntegerField()
    before_steps = models.PositiveSmallIntegerField(null=True)
    after_steps = models.PositiveSmallIntegerField()
    before_materials = models.PositiveSmallIntegerField(null=True)
    after_materials = models.PositiveSmallIntegerField()
    before_statutory_days = models.PositiveIntegerField(null=True)
    after_statutory_days = models.PositiveIntegerField()
    before_promised_days = models.PositiveIntegerField(null=True)
    after_promised_days = models.PositiveIntegerField()
    before_online_depth = models.PositiveSmallIntegerField(null=True)
    after_online_depth = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["release", "sort_order"]
        verbose_name = _("批次发布的事项")

    def __str__(self):
        return f"{self.title}（{self.code}）"

    def before(self, name):
        return getattr(self, f"before_{name}")

    def after(self, name):
        return getattr(self, f"after_{name}")

    @property
    def changes(self):
        """(label, before, after, unit) for each figure the release changed."""
        return [
            (label, self.before(name), self.after(name), unit or self.time_unit)
            for name, label, unit in FIGURE_FIELDS
            if self.before(name) is not None and self.before(name) != self.after(name)
        ]

    @property
    def is_new(self):
        return self.previous_revision_id is None and self.before_visits is None

    def rule_figure(self, figure):
        return self.after(figure)


class BatchApprovalTask(GroupApprovalTask):
    """Approval by a group where approving releases the batch. A refused release (stale or
    failing matter) keeps the task open and sends the reviewer to the batch's release page
    with the reason, instead of an error page."""

    class Meta:
        verbose_name = _("改革批次审核（通过即发布）")
        verbose_name_plural = _("改革批次审核（通过即发布）")

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        from .release import approve_and_release

        return approve_and_release(
            lambda: super(BatchApprovalTask, self).on_action(
                task_state, user, action_name, **kwargs
            ),
            task_state,
            user,
        )
