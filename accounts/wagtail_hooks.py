from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import two_factor, unlock


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("2fa/verify/", two_factor.verify, name="accounts_2fa_verify"),
        path("2fa/setup/", two_factor.setup, name="accounts_2fa_setup"),
        path("2fa/disable/", two_factor.disable, name="accounts_2fa_disable"),
        path("lockouts/", unlock.lockouts, name="accounts_lockouts"),
        path("lockouts/<int:pk>/unlock/", unlock.unlock, name="accounts_unlock"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return unlock.may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("登录锁定"), reverse("accounts_lockouts"), name="lockouts",
                            icon_name="lock", order=900)  # fmt: skip


@hooks.register("register_account_menu_item")
def register_two_factor_item(request):
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("两步验证"),
        "help_text": _("登录时除密码外再输入手机身份验证器上的验证码。"),
    }
