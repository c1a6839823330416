from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from . import views
from .models import ReformBatchPage
from .release import REFUSED, BatchReleaseError, publish_batch_revision, record_refusal

admin_urls = [
    path("", views.StatusView.as_view(), name="status"),
    path("add/", views.AddMattersView.as_view(), name="add"),
    path("import/", views.ImportSheetView.as_view(), name="import"),
    path("remove/", views.RemoveMattersView.as_view(), name="remove"),
    path("rollback/", views.RollbackView.as_view(), name="rollback"),
]


@hooks.register("register_admin_urls")
def register_reform_urls():
    return [path("reform/batches/<int:pk>/", include((admin_urls, "reform_admin")))]


@hooks.register("register_log_actions")
def register_reform_log_actions(actions):
    @actions.register_action(REFUSED)
    class ReleaseRefused(LogFormatter):
        label = gettext_lazy("改革批次发布被拒绝")

        def format_message(self, log_entry):
            return log_entry.data.get("message", "")


class BatchReleaseMenuItem(PageMenuItem):
    label = gettext_lazy("批次事项与发布")
    icon_name = "list-ul"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.url = reverse("reform_admin:status", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


def _batch_buttons(page, priority):
    if page.specific_class is ReformBatchPage:
        yield BatchReleaseMenuItem(page=page, priority=priority)


@hooks.register("register_page_header_buttons")
def batch_header_buttons(page, user, view_name, next_url=None):
    yield from _batch_buttons(page, 12)


@hooks.register("register_page_listing_more_buttons")
def batch_listing_buttons(page, user, next_url=None):
    yield from _batch_buttons(page, 3)


@hooks.register("before_publish_page")
def release_from_editor(request, page):
    """The editor's 发布 button publishes through Wagtail's action directly; a batch goes the
    release way instead, all or nothing, and a refusal comes back as a message."""
    if not isinstance(page, ReformBatchPage):
        return None
    revision = page.get_latest_revision()
    try:
        publish_batch_revision(revision, user=request.user, skip_permission_checks=True)
    except BatchReleaseError as error:
        record_refusal(page, error, user=request.user)
        messages.error(request, error.message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.refresh_from_db()
    if page.live:
        messages.success(request, _("“%(title)s”已发布，批次中的全部事项同时发布。")
                         % {"title": page.title})  # fmt: skip
    else:
        messages.success(request, _("“%(title)s”已安排在 %(at)s 发布。")
                         % {"title": page.title, "at": page.go_live_at})  # fmt: skip
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("construct_homepage_panels")
def batches_in_progress_panel(request, panels):
    """批次进行中, on the reform office's admin home: each unreleased batch, its size, whether
    it waits in review, and how many members no department reviewed."""
    from cms_pages.dashboard import SummaryPanel
    from cms_pages.departments import is_reform_office

    from .admin_summary import batch_summary
    from .release import latest_draft

    if not is_reform_office(request.user):
        return
    rows = []
    for batch in ReformBatchPage.objects.order_by("-number", "-pk")[:20]:
        if batch.active_release is not None:
            continue
        summary = batch_summary(latest_draft(batch))
        state = _("审核中") if summary["in_moderation"] else _("组建中")
        figures = _("%(state)s，%(n)d 个事项") % {"state": state, "n": summary["member_count"]}
        if summary["unreviewed"]:
            figures += _("，%(n)d 个未经部门审核") % {"n": len(summary["unreviewed"])}
        rows.append((batch.title, figures, reverse("reform_admin:status", args=[batch.pk])))
    empty = gettext_lazy("没有正在组建或审核的批次。")
    heading = gettext_lazy("改革批次进行中")
    panels.append(SummaryPanel("batches-in-progress", heading, rows[:8], 140, empty))
