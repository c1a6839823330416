from django import template

from cms_pages.prepared import NO_ID, PreparedQuery

register = template.Library()


def batches_of(matter_id):
    from reform.models import ReleasedMatter

    return (
        ReleasedMatter.objects.filter(
            matter_id=matter_id, release__rolled_back_at__isnull=True, release__batch__live=True
        )
        .select_related("release__batch")
        .order_by("release__released_at")
    )


# Every matter page asks, most for nothing: its SQL is compiled once.
BATCHES_OF = PreparedQuery(batches_of, NO_ID)


@register.simple_tag
def matter_batches(matter):
    """Released, live batches that changed this matter, oldest first."""
    return BATCHES_OF.run(matter.pk)


@register.simple_tag
def figure_change(before, after):
    """“2 → 1” when the figure changed, else just the figure."""
    if before is None or before == after:
        return f"{after}"
    return f"{before} → {after}"
