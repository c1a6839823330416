"""Users in the groups the demo site sets up (departments' editors and reviewers, 审改办…)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms_pages.models import DepartmentPage
from demo.management.commands.load_demo_content import editor_group_name, reviewer_group_name


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def department_user(slug, reviewer=False, username=None):
    department = DepartmentPage.objects.get(slug=slug)
    username = username or f"{slug}-{'reviewer' if reviewer else 'editor'}"
    user = get_user_model().objects.create_user(username, password="pw")
    name = reviewer_group_name(department) if reviewer else editor_group_name(department)
    user.groups.add(Group.objects.get(name=name))
    return user
