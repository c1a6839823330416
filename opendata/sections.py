"""Sections of the statistics page (数据公开), in order.

Other apps add a section from their AppConfig.ready() with `register(Section(...))`, e.g.
complaint and rating figures; a section's `build()` returns a SectionContent computed from
the data, never typed in. Sections whose figures change without a publish (scans, ratings)
give `max_age` in seconds; the others are recomputed after every publish.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_sections = {}


@dataclass(frozen=True)
class Figure:
    """A headline figure: "最多跑一次 · 30 · 78.9%", linking to the matters behind it."""

    label: str
    value: object
    unit: str = ""
    share: object = None
    url: object = ""  # a str or a MatterLink
    note: str = ""


@dataclass
class SectionContent:
    figures: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    build: Callable[[], SectionContent]
    order: int = 100
    max_age: int | None = None


def register(section):
    _sections[section.key] = section


def sections():
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
