"""How a cell's text is compared: what Chinese input methods and Excel do to it undone."""

import string

# Full-width digits and Latin letters (as typed with a Chinese input method) to ASCII, and
# the ideographic space to a plain one; full-width punctuation is left as written.
_FULL_WIDTH = str.maketrans(
    {chr(ord(ch) + 0xFEE0): ch for ch in string.digits + string.ascii_letters} | {"\u3000": " "}
)


def normalise(value):
    """Full-width digits and letters to ASCII, stray spaces trimmed; None stays ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not text.isascii():
        text = text.translate(_FULL_WIDTH)
    return text.replace("\r\n", "\n").strip()
