"""Build the demo site for the fictional city 青山市 from the sample catalogue."""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from cms_pages.centre import Centre, setup_centre
from cms_pages.departments import REFORM_OFFICE as REFORM_OFFICE_GROUP
from cms_pages.departments import editor_group_name, reviewer_group_name
from cms_pages.models import (
    BundleIndexPage,
    BundleMember,
    BundlePage,
    DepartmentIndexPage,
    DepartmentPage,
    Hall,
    MatterPage,
    ServiceWindow,
)
from cms_pages.slugs import pinyin_slug
from complaints.demo import create_demo_channels
from importers.resources import MatterResource, apply_values
from reform.demo import create_demo_batches
from reform.models import BatchIndexPage
from spreadsheets.reader import read_sheet

DEMO_DATA = Path(settings.BASE_DIR) / "demo_data"
DEMO_ADMIN = ("admin", "onevisit-demo")
DEMO_CENTRE = Centre(
    name="青山市政务服务中心", hall="青山市政务服务中心", base_url="http://localhost",
    site_name="青山市政务服务网", address="青山市文昌路188号",
    hours="周一至周五 9:00-12:00、13:30-17:00；周六 9:00-12:00",
    supervision_phone="0536-5550100", intro="一次告知、一网通办，群众和企业办事最多跑一次。",
)  # fmt: skip
# The demo's groups, by the names tests and other apps know them.
__all__ = ["DEMO_ADMIN", "REFORM_OFFICE_GROUP", "editor_group_name", "reviewer_group_name"]
# Order of the members of each demo bundle (bundles.csv order); equal numbers run in parallel.
# The later matters need the first one's result (营业执照, 户口), except at retirement.
DEMO_BUNDLE_STAGES = {
    "开办餐饮店一件事": (1, 2, 2),
    "新生儿出生一件事": (1, 2, 2),
    "企业开办一件事": (1, 2, 2),
    "退休一件事": (1, 1),
}


class Command(BaseCommand):
    help = (
        "载入青山市示例内容：页面树、部门、主题、大厅窗口、38个事项、一件事、用户组、审核流程"
        "和三个改革批次。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库中已有事项时什么也不做。"
        )
        parser.add_argument(
            "--demo", action="store_true",
            help="在非调试配置（DEBUG=False）下也载入：示例内容带有密码公开的管理员 admin。",
        )  # fmt: skip

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["demo"]:
            raise CommandError(
                "当前不是调试配置（DEBUG=False），示例内容不会载入：它会建立密码公开的管理员"
                f"“{DEMO_ADMIN[0]}”和虚构的青山市事项。建立真实中心请用 manage.py create_centre；"
                "确需在此配置下载入示例，请加 --demo。"
            )
        if options["if_empty"] and MatterPage.objects.exists():
            self.stdout.write("已有事项，跳过示例内容。")
            return
        if MatterPage.objects.exists():
            raise CommandError("数据库中已有事项；示例内容只能载入空站点（可加 --if-empty）。")
        cache.clear()
        with transaction.atomic():
            home = setup_centre(DEMO_CENTRE)
            self.create_matters(home)
            self.create_bundles(home)
            create_demo_batches(BatchIndexPage.objects.get())
            create_demo_channels()
            self.create_admin()
        self.stdout.write(
            self.style.SUCCESS(f"示例内容已载入：{MatterPage.objects.count()} 个事项。")
        )

    def create_matters(self, home):
        departments_index = DepartmentIndexPage.objects.get()
        hall = Hall.objects.get(name=DEMO_CENTRE.hall)
        hall.hours, hall.phone = "周一至周五 9:00-12:00、13:30-17:00", "0536-5550000"
        hall.save()
        files = sorted(p for p in (DEMO_DATA / "departments").glob("*.xlsx"))
        resource = MatterResource()
        for path in tqdm(files, desc="载入部门事项", unit="部门", disable=None):
            sheet = read_sheet(path)
            department = None
            for row in sheet.rows:
                fields = resource.matter_values(row.values)
                department_name = row.values["实施主体"]
                if department is None:
                    department = departments_index.add_child(
                        instance=DepartmentPage(
                            title=department_name, slug=path.stem,
                            short_name=department_name.removeprefix("青山市"),
                            credit_code=fields["code"][:18],
                            phone=fields["enquiry_phone"],
                            complaint_phone=fields["complaint_phones"],
                            address=fields["place"].split("；")[0], hours=fields["hours"],
                        )
                    )  # fmt: skip
                window = None
                if fields["window_text"]:
                    window, _ = ServiceWindow.objects.get_or_create(
                        hall=hall, name=fields["window_text"],
                        defaults={"department": department, "hours": fields["hours"]},
                    )  # fmt: skip
                matter = MatterPage(slug=self.unique_slug(department, fields["title"]),
                                    window=window)  # fmt: skip
                apply_values(matter, fields)
                department.add_child(instance=matter)
                matter.save_revision(log_action=False).publish()

    @staticmethod
    def unique_slug(parent, title):
        slug = pinyin_slug(title)
        taken = set(parent.get_children().values_list("slug", flat=True))
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def create_bundles(self, home):
        index = BundleIndexPage.objects.get()
        with open(DEMO_DATA / "bundles.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                codes = [c.strip() for c in row["包含事项实施编码"].split(";") if c.strip()]
                bundle = BundlePage(title=row["一件事名称"], intro=row["说明"],
                                    slug=pinyin_slug(row["一件事名称"]))  # fmt: skip
                stages = DEMO_BUNDLE_STAGES.get(row["一件事名称"], ())
                bundle.members = [
                    BundleMember(matter=MatterPage.objects.get(code=code), sort_order=i,
                                 stage=stages[i] if i < len(stages) else 1)
                    for i, code in enumerate(codes)
                ]  # fmt: skip
                index.add_child(instance=bundle)
                bundle.save_revision(log_action=False).publish()

    def create_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, "admin@example.invalid", password)
