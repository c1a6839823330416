"""Demo batches for 青山市: the three released lists in demo_data/batches (the batch workflow
itself comes with every centre, reform.setup)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .assembly import add_matters
from .batch_sheet import member_baselines, read_batch_sheet, resolve
from .models import BatchRelease, ReformBatchPage

BATCHES = Path(settings.BASE_DIR) / "demo_data" / "batches"
RELEASE_HOUR = 9
ANNOUNCEMENT = (
    "<p>为深化“放管服”改革、推进政务服务“一次办好”，经市审改办审核，现将{title}予以公布，"
    "共 {count} 个事项，自公布之日起施行。清单内事项到办事现场不超过一次，"
    "群众和企业可在政务服务网查询办事指南。</p>"
)


def create_demo_batches(index):
    for number, path in enumerate(sorted(BATCHES.glob("batch-*.xlsx")), start=1):
        sheet = read_batch_sheet(path)
        entries = resolve(sheet)
        title = sheet.title or f"第{number}批“最多跑一次”事项清单"
        batch = index.add_child(
            instance=ReformBatchPage(
                title=title, slug=f"di-{number}-pi", number=number, kind="at_most_once",
                announcement=ANNOUNCEMENT.format(title=title, count=len(entries)),
            )
        )  # fmt: skip
        add_matters(batch, [matter_id for matter_id, _note in entries],
                    notes=dict(entries), baselines=member_baselines(sheet, entries))  # fmt: skip
        ReformBatchPage.objects.get(pk=batch.pk).get_latest_revision().publish()
        if sheet.published:
            released = timezone.make_aware(
                datetime.datetime.combine(sheet.published, datetime.time(RELEASE_HOUR))
            )
            BatchRelease.objects.filter(batch=batch).update(released_at=released)
            ReformBatchPage.objects.filter(pk=batch.pk).update(
                first_published_at=released, last_published_at=released
            )
