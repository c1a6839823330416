"""Load a synthetic catalogue straight into the page tree (live, no revisions): the quickest
way to get 12,000 matters for page-serving benchmarks. Run with Django settings in the env."""

import sys

import django

django.setup()

from django.db import transaction  # noqa: E402
from tqdm import tqdm  # noqa: E402

from cms_pages.models import DepartmentIndexPage, DepartmentPage, MatterPage  # noqa: E402
from cms_pages.slugs import pinyin_slug  # noqa: E402
from importers.resources import MatterResource, apply_values  # noqa: E402
from spreadsheets.reader import read_sheet  # noqa: E402


def main(path):
    sheet = read_sheet(path)
    index = DepartmentIndexPage.objects.get()
    departments = {d.title: d for d in DepartmentPage.objects.all()}
    known = set(MatterPage.objects.values_list("code", flat=True))
    slugs = set(MatterPage.objects.values_list("slug", flat=True))
    resource = MatterResource()
    with transaction.atomic():
        for row in tqdm(sheet.rows, desc="载入事项", unit="项"):
            fields = resource.matter_values(row.values)
            body = row.values["实施主体"]
            if fields["code"] in known:
                continue
            department = departments.get(body)
            if department is None:
                slug = f"{pinyin_slug(body, 60)}-{len(departments)}"
                department = index.add_child(instance=DepartmentPage(title=body, slug=slug))
                departments[body] = department
            slug = pinyin_slug(fields["title"], 60) + "-" + fields["code"][-19:-5].lower()
            while slug in slugs:
                slug += "-x"
            slugs.add(slug)
            matter = MatterPage(slug=slug)
            apply_values(matter, fields)
            department.add_child(instance=matter)


if __name__ == "__main__":
    main(sys.argv[1])
