"""The complaint and rating figures on the 数据公开 page, as /complaints/figures/ computes them."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.calendar import today
from complaints.models import Case

pytestmark = pytest.mark.django_db


def test_statistics_page_shows_complaint_figures_per_department(site_client, category, gongan):
    for n, on_time in enumerate((True, True, False)):
        Case.objects.create(
            code=f"ST{n}", text="x", category=category, department=gongan,
            due_on=today() + timedelta(days=10), status=Case.CLOSED,
            replied_at=timezone.now(), answered_on_time=on_time, reply_working_days=n + 1,
        )  # fmt: skip
    page = site_client.get("/statistics/").content.decode()
    assert '<h2 id="complaints-title">投诉与评价</h2>' in page
    assert '<dt>受理投诉</dt><dd><a href="/complaints/figures/">3 <small>件</small>' in page
    assert "<dt>按期答复率</dt><dd>66.7 <small>%</small>" in page
    response = site_client.get("/opendata/tables/complaints-by-department.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:6] == [gongan.title, "3", "3", "2", "66.7", "2"]
