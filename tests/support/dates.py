from django.utils import timezone


def at(day, hour=10):
    """An aware datetime on a local day."""
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))
