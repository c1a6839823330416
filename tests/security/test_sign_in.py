"""Sign-in protection: lockout per user name and address, unlocking, two-factor sign-in."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ATTACKER = "203.0.113.9"
COLLEAGUE = "198.51.100.4"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("chen", "chen@example.invalid", PASSWORD)


def sign_in(client, password, address=ATTACKER, username="chen"):
    return client.post("/admin/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)  # fmt: skip


def test_five_wrong_passwords_lock_that_user_from_that_address(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "已被锁定 30 分钟" in locked.content.decode()
    right_password = sign_in(client, PASSWORD)
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_user_from_another_address_can_still_sign_in(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    response = sign_in(client, PASSWORD, address=COLLEAGUE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_an_administrator_sees_and_unlocks_a_lockout(client, admin_client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    listing = admin_client.get("/admin/lockouts/").content.decode()
    assert "chen" in listing and ATTACKER in listing
    attempt = AccessAttempt.objects.get(username="chen")
    response = admin_client.post(f"/admin/lockouts/{attempt.pk}/unlock/", follow=True)
    assert "已解锁" in response.content.decode()
    assert sign_in(client, PASSWORD).status_code == 302


def test_an_editor_cannot_see_the_lockouts(gongan_editor):
    response = gongan_editor.get("/admin/lockouts/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # "no permission"


def test_password_reset_is_throttled_per_address(client, settings):
    settings.RATE_LIMITS = {"password_reset": (2, 3600)}
    for _ in range(2):
        response = client.post("/admin/password_reset/", {"email": "x@example.invalid"},
                               REMOTE_ADDR="192.0.2.50")  # fmt: skip
        assert response.status_code in (200, 302)
    response = client.post("/admin/password_reset/", {"email": "x@example.invalid"},
                           REMOTE_ADDR="192.0.2.50")  # fmt: skip
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_user_with_an_authenticator_needs_its_code_after_the_password(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="手机", confirmed=True)
    assert sign_in(client, PASSWORD).status_code == 302
    admin = client.get("/admin/pages/")
    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/2fa/verify/?next=")
    wrong = client.post("/admin/2fa/verify/", {"token": "000000", "next": "/admin/pages/"})
    assert "验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above slowed this device down
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(
        "/admin/2fa/verify/", {"token": current_code(device), "next": "/admin/pages/"}
    )
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_the_verify_page_sends_nobody_elsewhere(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="手机", confirmed=True)
    sign_in(client, PASSWORD)
    response = client.post("/admin/2fa/verify/", {"token": current_code(device),
                                                  "next": "https://evil.example/"})  # fmt: skip
    assert response["Location"] == "/admin/"


def test_two_factor_is_optional_for_staff_by_default(client, staff):
    sign_in(client, PASSWORD)
    assert client.get("/admin/pages/").status_code == 200


def test_a_superuser_without_a_device_must_set_one_up_when_required(client, staff, settings):
    settings.ACCOUNTS_2FA_REQUIRED_FOR_SUPERUSERS = True
    sign_in(client, PASSWORD)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/2fa/setup/")
    page = client.get(response["Location"]).content.decode()
    assert "超级管理员必须使用两步验证" in page
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    done = client.post(
        "/admin/2fa/setup/", {"token": current_code(device), "next": "/admin/pages/"}
    )
    assert done["Location"] == "/admin/pages/"
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/admin/pages/").status_code == 200
    refused = client.post("/admin/2fa/disable/", follow=True).content.decode()
    assert "超级管理员必须使用两步验证，不能关闭" in refused
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_an_editor_may_set_up_and_turn_off_two_factor(gongan_editor):
    from django.contrib.auth import get_user_model as users

    user = users().objects.get(username="gongan-editor")
    gongan_editor.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    gongan_editor.post("/admin/2fa/setup/", {"token": current_code(device)})
    assert TOTPDevice.objects.get(user=user).confirmed
    gongan_editor.post("/admin/2fa/disable/")
    assert not TOTPDevice.objects.filter(user=user).exists()
