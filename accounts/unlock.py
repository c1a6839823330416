"""登录锁定: the user name + address pairs django-axes has locked out, and unlocking them."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .lockout import cooloff_minutes


def may_unlock(user):
    return user.is_superuser or user.has_perm("axes.delete_accessattempt")


def locked_attempts():
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def lockouts(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    return render(request, "accounts/lockouts.html", {
        "attempts": locked_attempts(), "minutes": cooloff_minutes(),
        "failures": settings.AXES_FAILURE_LIMIT,
    })  # fmt: skip


@require_POST
def unlock(request, pk):
    if not may_unlock(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    reset(ip=attempt.ip_address, username=attempt.username)
    messages.success(
        request,
        _("已解锁：用户名“%(username)s”，地址 %(ip)s。")
        % {"username": attempt.username, "ip": attempt.ip_address},
    )
    return redirect("accounts_lockouts")
