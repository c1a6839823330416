"""The base vocabulary (search/data/vocabulary.tsv): colloquial ↔ official concepts over the
national theme lists, added to the synonyms seeded by 0002 and those editors keep."""

from django.db import migrations


def load(apps, schema_editor):
    from search.vocabulary_file import load as load_file

    load_file(apps.get_model("matter_search", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("matter_search", "0004_search_document_rule_flags")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
