from django import template

from ..figures import matter_summary
from ..models import ComplaintChannel

register = template.Library()


@register.simple_tag
def complaint_channels_for(matter):
    """The matter's 监督投诉 channels: its department's, else the centre's."""
    channels = []
    if matter.department_id:
        channels = list(ComplaintChannel.objects.filter(department_id=matter.department_id))
    return channels or list(ComplaintChannel.objects.filter(department=None))


@register.simple_tag
def centre_complaint_channels():
    return list(ComplaintChannel.objects.filter(department=None))


@register.simple_tag
def matter_ratings(matter):
    return matter_summary(matter.pk)
