"""Submit a Wagtail admin form the way a browser would: every field with its current value."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.values.append(
                [attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")]
            )
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
            self.values.append(self._textarea)
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append([self._select, attrs.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_data(html, form_id="page-edit-form"):
    parser = _FormParser(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.values:
        if name.endswith("themes") or name in data and isinstance(data[name], list):
            data.setdefault(name, []).append(value)
        else:
            data[name] = value.lstrip("\n") if isinstance(value, str) else value
    return data


def _struct(value):
    return {
        k: _list(v) if isinstance(v, list) else ("" if v is None else v) for k, v in value.items()
    }


def _list(items):
    data = {"count": len(items)}
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            # A list item stored with its id, which the browser posts back.
            data[f"{i}-id"] = item.get("id") or ""
            item = item["value"]
        data.update({f"{i}-value": _struct(item), f"{i}-deleted": "", f"{i}-order": i})
    return data


def streamfield_data(name, raw_blocks):
    """Form data for a StreamField, which the admin renders client-side."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data(
        {name: streamfield([(block["type"], _struct(block["value"])) for block in raw_blocks])}
    )
    for i, block in enumerate(raw_blocks):
        if block.get("id"):
            data[f"{name}-{i}-id"] = block["id"]
    return data


def page_edit_data(html, page, streamfields=("procedure",)):
    data = form_data(html)
    for name in streamfields:
        data.update(streamfield_data(name, list(getattr(page, name).raw_data)))
    return data
