"""Build the demo site for the fictional city 青山市 from the sample catalogue."""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms_pages.models import (
    BundleIndexPage,
    BundleMember,
    BundlePage,
    CentreSettings,
    ComplaintChannelsPage,
    DepartmentIndexPage,
    DepartmentPage,
    Hall,
    HomePage,
    MatterPage,
    ServiceWindow,
    StatisticsPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from cms_pages.slugs import pinyin_slug
from complaints.demo import create_demo_channels
from importers.resources import MatterResource, apply_values
from reform.demo import create_demo_batches, setup_batch_workflow
from reform.models import BatchIndexPage
from spreadsheets.reader import read_sheet

DEMO_DATA = Path(settings.BASE_DIR) / "demo_data"
REFORM_OFFICE_GROUP = "审改办"
DEMO_ADMIN = ("admin", "onevisit-demo")
DEPARTMENT_EDITOR_PERMISSIONS = ("add_page", "change_page")
DEPARTMENT_REVIEWER_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Order of the members of each demo bundle (bundles.csv order); equal numbers run in parallel.
# The later matters need the first one's result (营业执照, 户口), except at retirement.
DEMO_BUNDLE_STAGES = {
    "开办餐饮店一件事": (1, 2, 2),
    "新生儿出生一件事": (1, 2, 2),
    "企业开办一件事": (1, 2, 2),
    "退休一件事": (1, 1),
}


def editor_group_name(department):
    return f"{department.short_name or department.title}·编辑"


def reviewer_group_name(department):
    return f"{department.short_name or department.title}·审核"


def grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page,
            permission=Permission.objects.get(codename=codename,
                                              content_type__app_label="wagtailcore"),
        )  # fmt: skip


class Command(BaseCommand):
    help = (
        "载入青山市示例内容：页面树、部门、主题、大厅窗口、38个事项、一件事、用户组、审核流程"
        "和三个改革批次。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库中已有事项时什么也不做。"
        )

    def handle(self, *args, **options):
        if options["if_empty"] and MatterPage.objects.exists():
            self.stdout.write("已有事项，跳过示例内容。")
            return
        if MatterPage.objects.exists():
            raise CommandError("数据库中已有事项；示例内容只能载入空站点（可加 --if-empty）。")
        cache.clear()
        with transaction.atomic():
            home = self.create_tree()
            self.create_matters(home)
            self.create_bundles(home)
            self.create_groups_and_workflow(home)
            self.create_batches()
            create_demo_channels()
            self.create_admin()
        self.stdout.write(
            self.style.SUCCESS(f"示例内容已载入：{MatterPage.objects.count()} 个事项。")
        )

    def create_tree(self):
        root = Page.get_first_root_node()
        for child in root.get_children():
            if not isinstance(child.specific, HomePage):
                Site.objects.filter(root_page=child).delete()
                child.delete()
        home = root.add_child(
            instance=HomePage(title="青山市政务服务网", slug="home",
                              intro="一次告知、一网通办，群众和企业办事最多跑一次。")
        )  # fmt: skip
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home,
                      "site_name": "青山市政务服务网"},
        )  # fmt: skip
        centre = CentreSettings.load()
        centre.name = "青山市政务服务中心"
        centre.address = "青山市文昌路188号"
        centre.hours = "周一至周五 9:00-12:00、13:30-17:00；周六 9:00-12:00"
        centre.supervision_phone = "0536-5550100"
        centre.save()
        sections = [
            (DepartmentIndexPage, "部门办事", "departments"),
            (ThemeIndexPage, "主题服务", "themes"),
            (BundleIndexPage, "一件事", "bundles"),
            (BatchIndexPage, "改革批次", "batches"),
            (ComplaintChannelsPage, "投诉与评价", "complaints"),
            (StatisticsPage, "数据公开", "statistics"),
        ]
        for model, title, slug in sections:
            home.add_child(instance=model(title=title, slug=slug))
        themes_index = ThemeIndexPage.objects.get()
        for theme in Theme.objects.all():
            themes_index.add_child(
                instance=ThemePage(
                    title=theme.name, theme=theme,
                    slug=f"{'geren' if theme.audience == 'natural' else 'faren'}-"
                         f"{pinyin_slug(theme.name)}",
                )
            )  # fmt: skip
        return home

    def create_matters(self, home):
        departments_index = DepartmentIndexPage.objects.get()
        hall = Hall.objects.create(
            name="青山市政务服务中心", address="青山市文昌路188号",
            hours="周一至周五 9:00-12:00、13:30-17:00", phone="0536-5550000",
        )  # fmt: skip
        files = sorted(p for p in (DEMO_DATA / "departments").glob("*.xlsx"))
        resource = MatterResource()
        for path in tqdm(files, desc="载入部门事项", unit="部门"):
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

    def create_groups_and_workflow(self, home):
        admin_access = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        reform_office, _ = Group.objects.get_or_create(name=REFORM_OFFICE_GROUP)
        reform_office.permissions.add(admin_access)
        departments_index = DepartmentIndexPage.objects.get()
        grant_page_permissions(reform_office, departments_index, DEPARTMENT_REVIEWER_PERMISSIONS)
        reform_task = GroupApprovalTask.objects.create(name="审改办审核")
        reform_task.groups.set([reform_office])
        for department in DepartmentPage.objects.all():
            editors, _ = Group.objects.get_or_create(name=editor_group_name(department))
            reviewers, _ = Group.objects.get_or_create(name=reviewer_group_name(department))
            for group, codenames in (
                (editors, DEPARTMENT_EDITOR_PERMISSIONS),
                (reviewers, DEPARTMENT_REVIEWER_PERMISSIONS),
            ):
                group.permissions.add(admin_access)
                grant_page_permissions(group, department, codenames)
            department_task = GroupApprovalTask.objects.create(name=f"{department.short_name}审核")
            department_task.groups.set([reviewers])
            workflow = Workflow.objects.create(name=f"{department.short_name}事项发布流程")
            WorkflowTask.objects.create(workflow=workflow, task=department_task, sort_order=0)
            WorkflowTask.objects.create(workflow=workflow, task=reform_task, sort_order=1)
            WorkflowPage.objects.create(workflow=workflow, page=department)

    def create_batches(self):
        index = BatchIndexPage.objects.get()
        reform_office = Group.objects.get(name=REFORM_OFFICE_GROUP)
        grant_page_permissions(reform_office, index, DEPARTMENT_REVIEWER_PERMISSIONS)
        setup_batch_workflow(reform_office, index)
        create_demo_batches(index)

    def create_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, "admin@example.invalid", password)
