"""部门人员: from a department's admin page the reform office adds and removes the
department's editors and reviewers. People are Wagtail users; a role is membership of the
department's editor or reviewer group (departments.py), so no Django admin is needed."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from .departments import department_problems, department_staff, is_reform_office, onboard_department
from .models import DepartmentPage

ROLES = [("editors", gettext_lazy("编辑（起草、导入、提交审核）")),
         ("reviewers", gettext_lazy("审核（部门审核环节）"))]  # fmt: skip
ROLE_NAMES = {"editors": gettext_lazy("编辑"), "reviewers": gettext_lazy("审核")}
ADDED, REMOVED = "cms_pages.staff.add", "cms_pages.staff.remove"


class AddStaffForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("身份"), choices=ROLES, widget=forms.RadioSelect)
    username = forms.CharField(
        label=gettext_lazy("用户名"), max_length=150,
        help_text=gettext_lazy("已有用户填用户名即可；新用户还需填写姓名和初始密码。"),
    )  # fmt: skip
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)
    password = forms.CharField(
        label=gettext_lazy("初始密码"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("请告知本人首次登录后修改。"),
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        username = (cleaned.get("username") or "").strip()
        User = get_user_model()
        self.existing = User.objects.filter(username=username).first()
        if self.existing is None and username:
            if not cleaned.get("name"):
                self.add_error("name", _("新用户请填写姓名。"))
            if not cleaned.get("password"):
                self.add_error("password", _("新用户请设置初始密码。"))
            else:
                try:
                    validate_password(cleaned["password"], User(username=username))
                except ValidationError as error:
                    self.add_error("password", error)
        elif self.existing is not None and not self.existing.is_active:
            self.add_error("username", _("该用户已停用。"))
        return cleaned

    def person(self):
        if self.existing is not None:
            return self.existing
        data = self.cleaned_data
        return get_user_model().objects.create_user(
            data["username"].strip(), data["email"], data["password"], first_name=data["name"]
        )


class DepartmentStaffView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms_pages/admin/department_staff.html"
    page_title = gettext_lazy("部门人员")
    header_icon = "group"

    def dispatch(self, request, pk, *args, **kwargs):
        self.department = get_object_or_404(DepartmentPage, pk=pk)
        if not is_reform_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_subtitle(self):
        return self.department.title

    def staff(self):
        if department_problems(self.department):
            onboard_department(self.department)
        return department_staff(self.department)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = self.staff()
        context.update(
            department=self.department,
            roles=[
                (role, ROLE_NAMES[role], group, group.user_set.order_by("username"))
                for role, group in (("editors", staff.editors), ("reviewers", staff.reviewers))
            ],
            form=kwargs.get("form") or AddStaffForm(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.department.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        staff = self.staff()
        groups = {"editors": staff.editors, "reviewers": staff.reviewers}
        if "remove" in request.POST:
            self.remove(request.POST["remove"], groups)
            return redirect("department_staff", self.department.pk)
        form = AddStaffForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            person = form.person()
            group = groups[form.cleaned_data["role"]]
            group.user_set.add(person)
            self.log(ADDED, person, form.cleaned_data["role"])
        messages.success(request, _("已将 %(user)s 加入“%(group)s”。")
                         % {"user": person.get_username(), "group": group.name})  # fmt: skip
        return redirect("department_staff", self.department.pk)

    def remove(self, choice, groups):
        role, _sep, user_id = choice.partition(":")
        group = groups.get(role)
        person = (
            get_user_model().objects.filter(pk=int(user_id)).first() if user_id.isdigit() else None
        )
        if group is None or person is None:
            messages.error(self.request, _("没有找到要移除的人员。"))
            return
        with transaction.atomic():
            group.user_set.remove(person)
            self.log(REMOVED, person, role)
        message = _("已将 %(user)s 移出“%(group)s”。")
        messages.success(
            self.request, message % {"user": person.get_username(), "group": group.name}
        )

    def log(self, action, person, role):
        log(instance=self.department, action=action, user=self.request.user,
            data={"username": person.get_username(), "role": str(ROLE_NAMES[role])})  # fmt: skip


class StaffMenuItem(PageMenuItem):
    label = gettext_lazy("部门人员")
    icon_name = "group"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.url = reverse("department_staff", args=[self.page.pk])

    def is_shown(self, user):
        return is_reform_office(user)


def staff_buttons(page, priority):
    if page.specific_class is DepartmentPage:
        yield StaffMenuItem(page=page, priority=priority)
