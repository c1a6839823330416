"""What a locked-out sign-in sees (django-axes calls this instead of its English default)."""

from django.conf import settings
from django.shortcuts import render


def cooloff_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, credentials, *args, **kwargs):
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": cooloff_minutes(), "failures": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
