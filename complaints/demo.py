"""Demo complaint channels and working calendar for 青山市 (called by demo's
load_demo_content): the centre's channels, each department's supervision line, and one
holiday week with its make-up working day."""

from datetime import date

from cms_pages.models import CentreSettings, DepartmentPage

from .models import CalendarDay, ComplaintChannel

# Demo only: a centre keeps the real dates from the State Council's yearly notice.
DEMO_CALENDAR = [(date(2026, 10, d), CalendarDay.HOLIDAY, "国庆节") for d in range(1, 8)] + [
    (date(2026, 10, 10), CalendarDay.WORKDAY, "国庆节调休上班"),
]


def create_demo_channels():
    centre = CentreSettings.load()
    rows = [
        ("hotline", "政务服务便民热线", centre.hotline or "12345", "7×24小时"),
        (
            "phone",
            "中心监督投诉电话",
            centre.supervision_phone or "0536-5550100",
            "工作日 9:00-17:00",
        ),
        ("window", "“办不成事”反映窗口", "中心一楼综合服务区 A01", "工作时间内现场受理"),
        ("room", "投诉室", "中心二楼 205 室", "工作日 9:00-17:00"),
        ("email", "投诉邮箱", "tousu@qingshan.example.invalid", ""),
    ]
    for order, (kind, label, value, note) in enumerate(rows):
        ComplaintChannel.objects.get_or_create(
            department=None,
            kind=kind,
            label=label,
            defaults={"value": value, "note": note, "sort_order": order},
        )
    for department in DepartmentPage.objects.exclude(complaint_phone=""):
        phones = [p.strip() for p in department.complaint_phone.replace(";", "；").split("；")]
        for order, phone in enumerate(p for p in phones if p and p != centre.hotline):
            ComplaintChannel.objects.get_or_create(
                department=department,
                kind="phone",
                value=phone,
                defaults={"label": "部门监督电话", "sort_order": order},
            )
    for day, kind, name in DEMO_CALENDAR:
        CalendarDay.objects.get_or_create(day=day, defaults={"kind": kind, "name": name})
