"""Telling a reviewer what approving did: passed on to the next step, or published; and what
became of a review that ended before their action arrived."""

from django.contrib import messages
from django.shortcuts import redirect
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


def review_already_ended(request, page):
    """before_edit_page: an approve or reject for a review that has ended meanwhile (a second
    click, a slow request the browser sent again, another reviewer first) finds no task to act
    on, and Wagtail fails on it; the reviewer sees the page as it now stands instead."""
    acting = request.method == "POST" and request.POST.get("workflow-action-name")
    if acting and page.current_workflow_task is None:
        messages.warning(
            request,
            _("“%(title)s”的审核已经结束（可能已由他人处理），这次操作没有执行。")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
