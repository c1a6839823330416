"""Default complaint categories, the complaint-handler group and the reform office's right to
decide appeals. Categories and deadlines stay editable in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORIES = [
    ("服务态度", 5),
    ("办事效率", 5),
    ("办事指南与材料要求", 5),
    ("办不成事", 3),
    ("违规收费、吃拿卡要", 5),
    ("网上办事平台", 5),
    ("其他", 5),
]
HANDLER_GROUP = "投诉处理"
REFORM_OFFICE_GROUP = "审改办"


def forwards(apps, schema_editor):
    Category = apps.get_model("complaints", "Category")
    for order, (name, days) in enumerate(CATEGORIES):
        Category.objects.get_or_create(name=name, defaults={"reply_days": days, "sort_order": order})
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin",
                                          codename="access_admin")
    handle = Permission.objects.get(content_type__app_label="complaints", codename="handle_cases")
    decide = Permission.objects.get(content_type__app_label="complaints", codename="decide_appeals")
    handlers, _ = Group.objects.get_or_create(name=HANDLER_GROUP)
    handlers.permissions.add(access_admin, handle)
    # The handlers keep the lists the queue depends on: categories, calendar, channels, policy.
    handlers.permissions.add(*Permission.objects.filter(
        content_type__app_label="complaints",
        codename__regex=r"^(add|change|delete|view)_(category|calendarday|complaintchannel)$",
    ))
    handlers.permissions.add(*Permission.objects.filter(
        content_type__app_label="complaints", codename="change_complaintsettings"))
    reform_office, _ = Group.objects.get_or_create(name=REFORM_OFFICE_GROUP)
    reform_office.permissions.add(access_admin, decide)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_cases_ratings_and_channels"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
