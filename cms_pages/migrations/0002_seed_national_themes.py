from django.db import migrations

from cms_pages.taxonomy import THEMES_BY_AUDIENCE


def seed_themes(apps, schema_editor):
    Theme = apps.get_model("cms_pages", "Theme")
    for audience, names in THEMES_BY_AUDIENCE.items():
        for order, name in enumerate(names):
            Theme.objects.update_or_create(
                audience=audience, name=name, defaults={"sort_order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("cms_pages", "0001_initial")]

    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]
