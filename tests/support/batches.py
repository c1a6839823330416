"""Reform batches tests make."""

from reform.models import BatchIndexPage, ReformBatchPage


def draft_batch(number=4, **fields):
    """A draft batch under 改革批次, saved as a first revision like the admin would (the
    `new_batch` fixture; importable for a build that outlives a test)."""
    fields.setdefault("title", f"青山市第{number}批“最多跑一次”事项清单")
    batch = BatchIndexPage.objects.get().add_child(
        instance=ReformBatchPage(slug=f"test-{number}", number=number, live=False, **fields)
    )
    batch.save_revision()
    return ReformBatchPage.objects.get(pk=batch.pk)
