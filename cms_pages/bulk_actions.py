"""Submitting editors' drafts to review in one action: from a page listing (bulk action) and
from an import's result (importers). Each page goes to its own workflow, as the editor's
提交审核 button would send it; pages that cannot go are named with the reason."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import WorkflowState


def submission_problem(page, user):
    """Why `page` cannot be submitted to review by `user` now, or None."""
    tester = page.permissions_for_user(user)
    if not tester.can_edit():
        return _("没有编辑权限")
    if tester.page_locked():
        return _("已被锁定")
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("已在审核中")
    if not page.has_unpublished_changes:
        return _("没有待审核的修改")
    if page.get_workflow() is None:
        return _("没有审核流程")
    return None


def submit_for_review(pages, user):
    """Start (or resume, after 退回修改) each page's workflow; returns (submitted pages,
    [(page, reason)] of those not submitted)."""
    submitted, refused = [], []
    for page in pages:
        page = page.specific
        problem = submission_problem(page, user)
        if problem:
            refused.append((page, problem))
            continue
        with transaction.atomic():
            state = page.current_workflow_state
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(user)
            else:
                page.get_workflow().start(page, user)
        submitted.append(page)
    return submitted, refused


def refused_message(refused, shown=10):
    listed = "；".join(
        f"{page.get_admin_display_title()}（{reason}）" for page, reason in refused[:shown]
    )
    more = len(refused) - shown
    if more > 0:
        listed += _("；另有 %(n)d 个") % {"n": more}
    return _("未提交 %(n)d 个：%(listed)s") % {"n": len(refused), "listed": listed}


class SubmitForReviewBulkAction(PageBulkAction):
    display_name = gettext_lazy("提交审核")
    action_type = "submit_for_review"
    aria_label = gettext_lazy("把所选页面的草稿提交审核")
    template_name = "cms_pages/admin/confirm_bulk_submit.html"
    action_priority = 30

    def check_perm(self, page):
        return submission_problem(page.specific, self.request.user) is None

    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, **kwargs):
        submitted, _refused = submit_for_review(objects, user)
        return len(submitted), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "已把 %(n)d 个页面的草稿提交审核。",
            "已把 %(n)d 个页面的草稿提交审核。",
            num_parent_objects,
        ) % {"n": num_parent_objects}
