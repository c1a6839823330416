"""How a cell's text is read: exactly as typed, except numbers and codes, where what Chinese
input methods do to digits and letters is undone."""

import string

# Full-width digits and Latin letters (as typed with a Chinese input method) to ASCII, and
# the ideographic space to a plain one. Only for numbers and codes: text is kept as typed.
_FULL_WIDTH = str.maketrans(
    {chr(ord(ch) + 0xFEE0): ch for ch in string.digits + string.ascii_letters} | {"\u3000": " "}
)


def normalise(value):
    """A cell as text, exactly as typed but for line ends and stray surrounding spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def number_text(value):
    """A numeric cell or a code: full-width digits and letters folded to ASCII."""
    text = normalise(value)
    return text if text.isascii() else text.translate(_FULL_WIDTH).strip()


OPENING, CLOSING = "（(", "）)"


def last_bracket_group(text):
    """(start index, inner text) of a bracket group closing the text, or None."""
    if not text or text[-1] not in CLOSING:
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in CLOSING:
            depth += 1
        elif text[index] in OPENING:
            depth -= 1
            if depth == 0:
                return index, text[index + 1 : -1]
    return None
