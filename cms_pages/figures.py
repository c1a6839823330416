def share(part, whole):
    """A percentage with one decimal, as catalogue statistics are published."""
    return round(100 * part / whole, 1) if whole else 0
