"""A matter's card: everything other pages show about it, and whether a publish changed it.

Department, theme and home pages, search result cards, reform live lists, their downloads
and comparisons, filters and counts read only these of a matter: its name and address, what
it is and for whom, its figures (visits, online depth, time limits, fee, how many materials
and steps), where it is filed (department, themes, care tags, main item) and its online
link. A republish that leaves them as they were changes no page but the matter's own, so
only those are retired (signals.py). A bundle's pages show nearly all of a member (its
materials, results, places and phones): a member's card is unknown, as is the card of a
page not live, and an unknown card retires everything.
"""

import threading
from contextlib import contextmanager

CARD_FIELDS = (
    "title", "title_en", "summary_en", "slug", "url_path", "code", "matter_type",
    "service_object", "level", "department_id", "visits", "online_depth", "promised_days",
    "statutory_days", "time_unit", "fee_charged", "online_url", "main_item_id",
)  # fmt: skip

_held = threading.local()


def live_card(pk):
    """The card of the live matter `pk` as the database holds it, or None when unknown."""
    from .bundles import BundleMember
    from .matter import MatterMaterial, MatterPage

    fields = [name.removesuffix("_id") for name in CARD_FIELDS]
    matter = MatterPage.objects.filter(pk=pk, live=True).only(*fields, "procedure").first()
    if matter is None or BundleMember.objects.filter(matter_id=pk).exists():
        return None
    themes = MatterPage.themes.through.objects.filter(matterpage_id=pk)
    care_tags = MatterPage.care_tags.through.objects.filter(matterpage_id=pk)
    return (
        tuple(getattr(matter, name) for name in CARD_FIELDS),
        tuple(themes.order_by("theme_id").values_list("theme_id", flat=True)),
        tuple(care_tags.order_by("caretag_id").values_list("caretag_id", flat=True)),
        MatterMaterial.objects.filter(matter_id=pk).count(),
        len(matter.procedure),
    )


def _cards_before():
    if not hasattr(_held, "cards"):
        _held.cards = {}
    return _held.cards


@contextmanager
def card_before_publish(pk):
    """Keeps the matter's card as it is before a publish, for card_unchanged()."""
    held = _cards_before()
    held[pk] = live_card(pk)
    try:
        yield
    finally:
        held.pop(pk, None)


def card_unchanged(pk):
    """True when the publish under way leaves the matter's card as it was; False when either
    card is unknown (the publish did not go through MatterPage.publish: a bulk release)."""
    before = _cards_before().pop(pk, None)
    return before is not None and before == live_card(pk)
