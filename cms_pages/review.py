"""Telling a reviewer what approving did: passed on to the next step, or published."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import Page


def approval_message(page):
    page = Page.objects.get(pk=page.pk).specific
    task = page.current_workflow_task
    if task is not None:
        return _("“%(title)s”已通过审核，已转交“%(task)s”。") % {
            "title": page.get_admin_display_title(),
            "task": task.name,
        }
    if page.live and not page.has_unpublished_changes:
        return _("“%(title)s”已通过全部审核并发布。") % {"title": page.get_admin_display_title()}
    if page.go_live_at:
        return _("“%(title)s”已通过全部审核，将于 %(at)s 发布。") % {
            "title": page.get_admin_display_title(),
            "at": page.go_live_at,
        }
    return _("“%(title)s”已通过审核。") % {"title": page.get_admin_display_title()}


def after_approval_in_editor(request, page):
    """after_edit_page: the editor's approve action only says 已更新; say what happened."""
    if request.method == "POST" and request.POST.get("workflow-action-name") == "approve":
        messages.success(request, approval_message(page))
