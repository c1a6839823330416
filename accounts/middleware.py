"""The second sign-in step for staff who use (or, as superusers in production, must use)
two-factor authentication."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware

# Admin URLs an unverified user may reach: signing in and out, and the two-factor pages.
OPEN_URL_NAMES = {"wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog",
                  "wagtailadmin_sprite", "accounts_2fa_verify", "accounts_2fa_setup"}  # fmt: skip


def must_set_up(user):
    return (
        getattr(settings, "ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS", False)
        and user.is_superuser
        and not user_has_device(user)
    )


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified()), plus: in the admin, a user with a
    confirmed device signs in with a code from it; a superuser who must use one sets it up."""

    def __call__(self, request):
        self._install_lazy_accessors(request)
        response = self._second_step(request)
        return response or self.get_response(request)

    def _second_step(self, request):
        if not request.path_info.startswith("/admin/"):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else _url_name(request.path_info)
        if name in OPEN_URL_NAMES:
            return None
        if user_has_device(user):
            target = "accounts_2fa_verify"
        elif must_set_up(user):
            target = "accounts_2fa_setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def _url_name(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).url_name
    except Resolver404:
        return None
