"""Admin forms of the matter guide."""

from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from .normalise import stream_content, unix_newlines


class MatterPageForm(WagtailAdminPageForm):
    """What the browser posts, read so that an untouched field is not a change (approving
    from the editor then saves no empty revision): text areas come back with CRLF line ends,
    and a flowchart comes back with "" for an empty number and new ids for list items."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and any("\r" in v for v in data.values() if isinstance(v, str)):
            data = data.copy()
            for key, values in data.lists():
                data.setlist(key, [unix_newlines(v) if isinstance(v, str) else v for v in values])
        super().__init__(data, *args, **kwargs)

    @cached_property
    def changed_data(self):
        changed = super().changed_data
        cleaned = getattr(self, "cleaned_data", {})
        return [
            name
            for name in changed
            if not (
                isinstance(self.fields[name], BlockField)
                and name in cleaned
                and stream_content(self.fields[name].block.get_prep_value(self[name].initial))
                == stream_content(self.fields[name].block.get_prep_value(cleaned[name]))
            )
        ]
