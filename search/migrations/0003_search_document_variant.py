"""Which member of a family of matters each indexed title names (新办, 变更, 补领, 注销…)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from search.wording import title_act

    SearchDocument = apps.get_model("matter_search", "SearchDocument")
    for document in SearchDocument.objects.only("pk", "title").iterator(chunk_size=2000):
        variant = title_act(document.title)
        if variant:
            SearchDocument.objects.filter(pk=document.pk).update(variant=variant)


class Migration(migrations.Migration):
    dependencies = [("matter_search", "0002_seed_base_synonyms")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="variant",
            field=models.CharField(blank=True, default="", max_length=10),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
