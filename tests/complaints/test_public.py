"""A citizen files a complaint on the public form, keeps the code and secret, looks it up."""

import re

import pytest
from django.test import Client

from complaints import flow
from complaints.models import Attachment, Case, Rating
from tests.complaints import uploads

pytestmark = pytest.mark.django_db
TEXT = "窗口工作人员要求提供办事指南上没有列出的材料，来回跑了两趟。"


def form_data(category, matter, **extra):
    data = {
        "category": category.pk,
        "matter": f"{matter.title}（{matter.code}）",
        "place": "",
        "text": TEXT,
        "contact_name": "李四",
        "contact_phone": "13812345678",
        "contact_email": "",
        "website": "",
    }
    data.update(extra)
    return data


def submit(client, data):
    client.get("/complaints/new/")
    return client.post("/complaints/new/", data)


def code_and_secret(client):
    page = client.get("/complaints/new/done/").content.decode()
    code = re.search(r'data-testid="code">([^<]+)<', page).group(1)
    secret = re.search(r'data-testid="secret">([^<]+)<', page).group(1)
    return code, secret


def test_submit_shows_code_and_secret_once_and_stores_only_a_hash(site_client, category, matter):
    response = submit(site_client, form_data(category, matter))
    assert response.status_code == 302 and response["Location"] == "/complaints/new/done/"
    code, secret = code_and_secret(site_client)
    case = Case.objects.get(code=code)
    assert case.matter == matter and case.status == Case.SUBMITTED
    assert case.contact_phone == "13812345678"
    assert secret.replace("-", "") not in case.secret_hash
    again = site_client.get("/complaints/new/done/")
    assert again.status_code == 302  # shown once: a reload does not show the secret again


def test_status_lookup_with_right_secret_shows_progress_and_reply(
    site_client, category, matter, handler, gongan
):
    submit(site_client, form_data(category, matter))
    code, secret = code_and_secret(site_client)
    case = Case.objects.get(code=code)
    case = flow.apply(case, "accept", handler)
    case = flow.apply(case, "dispatch", handler, department=gongan)
    case = flow.apply(case, "start", handler)
    flow.apply(case, "reply", handler, reply="已核实，指南已补充该材料说明。<b>谢谢</b>")
    response = site_client.post("/complaints/status/", {"code": code.lower(), "secret": secret})
    page = response.content.decode()
    assert response.status_code == 200
    assert "已回复" in page and "指南已补充该材料说明" in page
    assert "&lt;b&gt;谢谢&lt;/b&gt;" in page  # escaped
    assert "13812345678" not in page and "李四" not in page
    assert "no-store" in response["Cache-Control"]


def without_values(response):
    """The page without what the visitor typed back into the form (and the CSRF token)."""
    return re.sub(r'value="[^"]*"', "", response.content.decode())


def test_wrong_secret_and_unknown_code_get_the_same_answer(site_client, category, matter):
    submit(site_client, form_data(category, matter))
    code, secret = code_and_secret(site_client)
    wrong = site_client.post("/complaints/status/", {"code": code, "secret": "AAAAA-AAAAA"})
    unknown = site_client.post("/complaints/status/", {"code": "TS000000XXXXXX", "secret": secret})
    assert wrong.status_code == unknown.status_code == 404
    assert without_values(wrong) == without_values(unknown)
    assert "查询码或查询密码不正确" in wrong.content.decode()


def test_complainant_rates_a_closed_complaint_with_code_and_secret(
    site_client, category, matter, handler, gongan
):
    submit(site_client, form_data(category, matter))
    code, secret = code_and_secret(site_client)
    case = Case.objects.get(code=code)
    for step, data in (
        ("accept", {}),
        ("dispatch", {"department": gongan}),
        ("start", {}),
        ("reply", {"reply": "已处理"}),
        ("close", {}),
    ):
        case = flow.apply(case, step, handler, **data)
    page = site_client.post("/complaints/status/", {"code": code, "secret": secret})
    assert "评价本次投诉办理" in page.content.decode()
    response = site_client.post(
        "/complaints/status/rate/",
        {"code": code, "secret": secret, "dim_overall": "2", "comment": "答复敷衍"},
    )
    assert response.status_code == 200
    rating = Rating.objects.get(complaint=case)
    assert rating.grade == 2 and rating.channel == Rating.COMPLAINT
    assert rating.rectification.department == gongan  # a 差评 opens a rectification
    wrong = site_client.post(
        "/complaints/status/rate/", {"code": code, "secret": "x" * 10, "dim_overall": "5"}
    )
    assert wrong.status_code == 404 and Rating.objects.filter(complaint=case).count() == 1


def test_form_requires_csrf(category, matter):
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    response = client.post("/complaints/new/", form_data(category, matter))
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_honeypot_drops_the_submission(site_client, category, matter):
    response = submit(site_client, form_data(category, matter, website="http://spam.example"))
    assert response.status_code == 400
    assert "提交未被接受" in response.content.decode()
    assert not Case.objects.exists()


def test_rate_limit_per_session(site_client, category, matter, settings):
    settings.COMPLAINTS_RATE_LIMITS = {
        **settings.COMPLAINTS_RATE_LIMITS,
        "submit": {"address": (100, 3600), "session": (2, 3600)},
    }
    statuses = [submit(site_client, form_data(category, matter)).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Case.objects.count() == 2
    other = Client(HTTP_HOST="localhost")  # a new session from the same address is let through
    assert submit(other, form_data(category, matter)).status_code == 302


def test_rate_limit_per_address_keeps_what_was_typed(site_client, category, matter, settings):
    settings.COMPLAINTS_RATE_LIMITS = {
        **settings.COMPLAINTS_RATE_LIMITS,
        "submit": {"address": (1, 3600), "session": (50, 3600)},
    }
    assert submit(site_client, form_data(category, matter)).status_code == 302
    other = Client(HTTP_HOST="localhost")
    response = submit(other, form_data(category, matter))
    assert response.status_code == 429
    page = response.content.decode()
    assert "提交过于频繁" in page and TEXT in page  # nothing the citizen typed is lost
    assert Case.objects.count() == 1


def test_status_lookups_are_rate_limited(site_client, settings):
    settings.COMPLAINTS_RATE_LIMITS = {
        **settings.COMPLAINTS_RATE_LIMITS,
        "lookup": {"address": (3, 600)},
    }
    codes = [
        site_client.post("/complaints/status/", {"code": "TS1", "secret": "x"}).status_code
        for _ in range(4)
    ]
    assert codes == [404, 404, 404, 429]


def test_image_and_pdf_attachments_are_kept_privately(site_client, category, matter, settings):
    data = form_data(category, matter, attachments=[uploads.png("我的身份证.png"), uploads.pdf()])
    assert submit(site_client, data).status_code == 302
    stored = list(Attachment.objects.order_by("kind"))
    assert [a.kind for a in stored] == ["image", "pdf"]
    assert all("身份证" not in a.file.name for a in stored)  # the uploaded name is not kept
    assert str(settings.COMPLAINTS_FILE_ROOT) in stored[0].file.path
    assert str(settings.MEDIA_ROOT) not in stored[0].file.path


@pytest.mark.parametrize(
    "make_file, message",
    [
        (uploads.disguised_script, "不是图片"),
        (uploads.truncated_png, "已损坏"),
        (lambda: uploads.oversized_pdf(5 * 1024 * 1024), "超过 5 MB"),
    ],
)
def test_bad_attachments_are_refused_and_the_text_kept(
    site_client, category, matter, make_file, message
):
    response = submit(site_client, form_data(category, matter, attachments=[make_file()]))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and TEXT in page
    assert not Case.objects.exists()


def test_too_many_attachments(site_client, category, matter):
    files = [uploads.png(f"p{n}.png") for n in range(4)]
    response = submit(site_client, form_data(category, matter, attachments=files))
    assert response.status_code == 400 and "最多上传 3 个附件" in response.content.decode()


def test_oversized_request_is_refused_before_reading(site_client, category, matter, settings):
    settings.COMPLAINTS_MAX_REQUEST_BYTES = 1000
    response = submit(site_client, form_data(category, matter, text="很长" * 400))
    assert response.status_code == 413 and not Case.objects.exists()


def test_ambiguous_matter_gets_suggestions_and_a_window_is_enough(site_client, category):
    response = submit(
        site_client, form_data(category, type("M", (), {"title": "登记", "code": "x"})())
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "找到多个相近的事项" in page or "没有找到这个事项" in page
    from cms_pages.models import ServiceWindow

    window = ServiceWindow.objects.first()
    data = {
        **form_data(category, type("M", (), {"title": "", "code": ""})()),
        "matter": "",
        "place": f"window:{window.pk}",
    }
    assert submit(site_client, data).status_code == 302
    case = Case.objects.get()
    assert case.window == window and case.hall == window.hall


def test_matter_suggestions_json(site_client, matter):
    results = site_client.get("/complaints/matters.json", {"q": matter.title[:4]}).json()["results"]
    assert matter.code in [r["code"] for r in results]


def test_a_matter_pages_complaint_link_starts_the_form_with_that_matter(site_client, matter):
    page = site_client.get(matter.url).content.decode()
    link = re.search(r'href="(/complaints/new/\?matter=[^"]+)"', page).group(1)
    form = site_client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="{matter.title}（{matter.code}）"' in form
    for hostile in ("no-such-code", "%00", "x" * 5000):
        response = site_client.get("/complaints/new/", {"matter": hostile})
        assert response.status_code == 200
        assert 'name="matter" id="id_matter" value=""' in response.content.decode()
