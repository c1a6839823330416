"""The demo admin's password is published (README, `make run`): a production server refuses
to start while any account still logs in with it, and `manage.py check --deploy` says so."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.models import Q
from django.utils.translation import gettext as _

from .management.commands.load_demo_content import DEMO_ADMIN

logger = logging.getLogger(__name__)


def known_password_accounts():
    """Active accounts that log in with the demo admin's published password."""
    username, password = DEMO_ADMIN
    candidates = get_user_model().objects.filter(
        Q(username=username) | Q(is_superuser=True) | Q(is_staff=True), is_active=True
    )
    return [user.get_username() for user in candidates if user.check_password(password)]


def message(accounts):
    return _(
        "账户 %(accounts)s 仍在使用示例内容公开的密码。"
        "请先修改密码（manage.py changepassword <用户名>）或停用该账户，再启动生产服务。"
    ) % {"accounts": "、".join(accounts)}


def refuse_known_passwords():
    """Called by portal.wsgi when the settings ask for it (production)."""
    if not getattr(settings, "REFUSE_KNOWN_PASSWORDS", False):
        return
    try:
        accounts = known_password_accounts()
    except DatabaseError as error:
        logger.error("could not check for the demo password at start-up: %s", error)
        return
    if accounts:
        raise ImproperlyConfigured(message(accounts))


@checks.register(checks.Tags.security, deploy=True)
def demo_password_in_use(app_configs=None, **kwargs):
    try:
        accounts = known_password_accounts()
    except DatabaseError:
        return []
    if not accounts:
        return []
    return [checks.Error(message(accounts), id="demo.E001")]
