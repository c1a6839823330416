"""manage.py create_centre --name … --hall … --base-url …: a real centre from an empty database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms_pages.centre import Centre, setup_centre, site_address
from cms_pages.departments import REFORM_OFFICE, REFORM_OFFICE_TASK


class Command(BaseCommand):
    help = _(
        "建立政务服务中心站点：首页及部门、主题（个人、法人两套国家主题）、一件事、改革批次、"
        "投诉与评价、数据公开栏目，中心信息，大厅，审改办用户组及其审核任务，改革批次发布流程。"
        "不建事项，不建用户，没有已知密码。重复运行不改变任何内容。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help=_("中心名称，如“某某市政务服务中心”"))
        parser.add_argument("--hall", required=True, help=_("服务大厅名称"))
        parser.add_argument(
            "--base-url", required=True, help=_("公开网址（协议+主机），如 https://zwfw.example.cn")
        )
        parser.add_argument("--site-name", default="", help=_("网站名称，默认同中心名称"))
        parser.add_argument("--address", default="", help=_("中心地址"))
        parser.add_argument("--hours", default="", help=_("办公时间"))
        parser.add_argument("--hotline", default="", help=_("政务服务便民热线，默认 12345"))
        parser.add_argument("--supervision-phone", default="", help=_("监督投诉电话"))
        parser.add_argument("--intro", default="", help=_("首页导语"))

    def handle(self, *args, **options):
        fields = ("name", "hall", "base_url", "site_name", "address", "hours", "hotline",
                  "supervision_phone", "intro")  # fmt: skip
        centre = Centre(**{field: options[field].strip() for field in fields})
        if not (centre.name and centre.hall):
            raise CommandError(_("--name 和 --hall 不能为空。"))
        try:
            site_address(centre.base_url)
        except ValueError as error:
            raise CommandError(str(error)) from None
        home = setup_centre(centre)
        self.stdout.write(
            self.style.SUCCESS(
                _("中心站点已就绪：%(title)s（%(base_url)s）")
                % {"title": home.title, "base_url": centre.base_url}
            )
        )
        self.stdout.write(
            _(
                "下一步：1) manage.py createsuperuser 建立管理员；"
                "2) 在后台“设置 → 用户”建立审改办人员并加入“%(reform_office)s”用户组"
                "（负责“%(reform_office_task)s”和发布）；"
                "3) 在后台“表格导入 → 导入部门”上传部门表，或在“部门办事”下新建部门；"
                "4) 在各部门页面“部门人员”中添加编辑和审核人员。"
            )
            % {"reform_office": REFORM_OFFICE, "reform_office_task": REFORM_OFFICE_TASK}
        )
        if settings.PUBLIC_BASE_URL.rstrip("/") != centre.base_url.rstrip("/"):
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "注意：PUBLIC_BASE_URL 当前为 %(public_base_url)s，"
                        "海报二维码和导出链接用它；生产环境请设为同一网址。"
                    )
                    % {"public_base_url": settings.PUBLIC_BASE_URL}
                )
            )
