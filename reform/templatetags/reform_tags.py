from django import template

register = template.Library()


@register.simple_tag
def matter_batches(matter):
    """Released, live batches that changed this matter, oldest first."""
    from reform.models import ReleasedMatter

    return (
        ReleasedMatter.objects.filter(
            matter_id=matter.pk, release__rolled_back_at__isnull=True, release__batch__live=True
        )
        .select_related("release__batch")
        .order_by("release__released_at")
    )


@register.simple_tag
def figure_change(before, after):
    """“2 → 1” when the figure changed, else just the figure."""
    if before is None or before == after:
        return f"{after}"
    return f"{before} → {after}"
