"""Safe defaults: the demo does not load on a non-debug configuration unless asked; manage.py
and the WSGI entry point never fall back to development settings in production; production
refuses to start while the demo admin's published password works; no /django-admin/; no
outside avatar service."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from demo.safety import demo_password_in_use, refuse_known_passwords
from tests.support import ROOT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_refuses_without_demo_flag_when_not_debugging(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--demo"):
        call_command("load_demo_content")


def test_production_refuses_to_start_while_the_demo_password_works(settings, django_user_model):
    settings.REFUSE_KNOWN_PASSWORDS = True
    with pytest.raises(ImproperlyConfigured, match="admin"):
        refuse_known_passwords()
    assert [e.id for e in demo_password_in_use()] == ["demo.E001"]
    admin = django_user_model.objects.get(username="admin")
    admin.set_password("a-new-long-secret-2026")
    admin.save()
    refuse_known_passwords()
    assert demo_password_in_use() == []


def test_other_configurations_start_with_the_demo_password(settings):
    settings.REFUSE_KNOWN_PASSWORDS = False
    refuse_known_passwords()


def python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, *code], env=environment, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip


@pytest.mark.db_independent  # settings in a subprocess
def test_manage_py_refuses_development_settings_where_production_variables_are_set():
    done = python([str(ROOT / "manage.py"), "check"], DATABASE_URL="postgres://db/onevisit")
    assert done.returncode != 0
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in done.stderr


@pytest.mark.db_independent  # settings in a subprocess
def test_wsgi_defaults_to_production_settings():
    done = python(["-c", "import portal.wsgi"], DATABASE_URL="sqlite:///:memory:",
                  PUBLIC_BASE_URL="https://zwfw.example")  # fmt: skip
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY is required in production" in done.stderr


def test_no_django_admin(admin_client):
    assert admin_client.get("/django-admin/").status_code == 404


def test_admin_asks_no_outside_avatar_service(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
