"""Staff two-factor sign-in with a TOTP authenticator app (django-otp): set up, verify, turn off."""

import base64
import io

import django_otp
import qrcode
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm
from .middleware import must_set_up

# i18n: data
DEVICE_NAME = "身份验证器"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "/admin/"


def _confirmed(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    """The second step after the password: a code from the user's authenticator app."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    device = _confirmed(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return redirect(_next(request))
    return render(request, "accounts/two_factor_verify.html",
                  {"form": form, "next": _next(request)})  # fmt: skip


def _qr_data_uri(url):
    image = qrcode.make(url, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@never_cache
@sensitive_post_parameters("token")
def setup(request):
    """Pair an authenticator app: scan the QR code (or type the key), confirm with a code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    user = request.user
    if _confirmed(user) is not None and not user.is_verified():
        return redirect("accounts_2fa_verify")
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is None or request.method == "GET":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        pending = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        django_otp.login(request, pending)
        messages.success(request, _("两步验证已开启：以后登录时，输入密码后还要输入验证码。"))
        return redirect(_next(request))
    secret = base64.b32encode(pending.bin_key).decode()
    context = {
        "form": form,
        "next": _next(request),
        "qr": _qr_data_uri(pending.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "enabled": _confirmed(user) is not None,
        "required": must_set_up(user)
        or (user.is_superuser and getattr(settings, "ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS", False)),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
def disable(request):
    """Turn two-factor sign-in off (only after signing in with it); not for superusers who
    must use it."""
    user = request.user
    if user.is_superuser and getattr(settings, "ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS", False):
        messages.error(request, _("超级管理员必须使用两步验证，不能关闭；可以重新绑定新手机。"))
    else:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, _("两步验证已关闭。"))
    return redirect("accounts_2fa_setup")
