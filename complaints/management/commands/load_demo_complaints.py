"""Demo complaint channels, a working calendar and a few cases and ratings for 青山市."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from cms_pages.models import CentreSettings, DepartmentPage, MatterPage
from complaints import flow
from complaints.intake import file_complaint
from complaints.models import CalendarDay, Case, Category, ComplaintChannel, Rating
from complaints.ratings import submit_rating

# Demo only: a centre maintains the real dates from the State Council's yearly notice.
DEMO_CALENDAR = [(date(2026, 10, d), CalendarDay.HOLIDAY, "国庆节") for d in range(1, 8)] + [
    (date(2026, 10, 10), CalendarDay.WORKDAY, "国庆节调休上班"),
]


class Command(BaseCommand):
    help = "载入示例投诉渠道、工作日历和几件示例投诉与评价（需先载入示例内容）。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="已有投诉渠道时什么也不做。")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and ComplaintChannel.objects.exists():
            self.stdout.write("已有投诉渠道，跳过示例投诉数据。")
            return
        with transaction.atomic():
            self.channels()
            for day, kind, name in DEMO_CALENDAR:
                CalendarDay.objects.get_or_create(day=day, defaults={"kind": kind, "name": name})
            self.cases()
        self.stdout.write(self.style.SUCCESS("示例投诉渠道和工单已载入。"))

    def channels(self):
        centre = CentreSettings.load()
        rows = [
            (None, "hotline", "政务服务便民热线", centre.hotline or "12345", "7×24小时"),
            (
                None,
                "phone",
                "中心监督投诉电话",
                centre.supervision_phone or "0536-5550100",
                "工作日 9:00-17:00",
            ),
            (None, "window", "“办不成事”反映窗口", "中心一楼综合服务区 A01", "工作时间内现场受理"),
            (None, "room", "投诉室", "中心二楼 205 室", "工作日 9:00-17:00"),
            (None, "email", "投诉邮箱", "tousu@qingshan.example.invalid", ""),
        ]
        for order, (department, kind, label, value, note) in enumerate(rows):
            ComplaintChannel.objects.create(
                department=department,
                kind=kind,
                label=label,
                value=value,
                note=note,
                sort_order=order,
            )
        for department in DepartmentPage.objects.exclude(complaint_phone=""):
            ComplaintChannel.objects.create(
                department=department,
                kind="phone",
                label="部门监督电话",
                value=department.complaint_phone,
            )

    def cases(self):
        matters = list(MatterPage.objects.live().order_by("path")[:6])
        if len(matters) < 3:
            return
        category = Category.objects.order_by("sort_order").first()
        texts = [
            "窗口要求提供办事指南上没有的材料，跑了两趟。",
            "网上申报系统上传材料一直失败，电话也打不通。",
            "工作人员态度生硬，问了两遍都不耐烦。",
        ]
        for matter, text in zip(matters, texts, strict=False):
            file_complaint(category=category, matter=matter, text=text)
        admin = _system_user()
        if admin is not None:
            first = Case.objects.complaints().order_by("id").first()
            first = flow.apply(first, "accept", admin)
            flow.apply(first, "dispatch", admin, department=matters[0].department)
        for n, matter in enumerate(matters):
            for grade in (5, 4, 5, 3) if n % 2 == 0 else (5, 2):
                submit_rating(
                    channel=Rating.ONLINE,
                    grade=grade,
                    matter=matter,
                    visitor_token=f"demo-{n}-{grade}-{Rating.objects.count()}",
                )


def _system_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
