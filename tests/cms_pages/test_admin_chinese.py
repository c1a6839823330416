"""The admin in Chinese for a department's editor: Wagtail's own zh_Hans catalogue leaves a few
hundred strings in English; the project's locale/zh_Hans supplies them."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation.trans_real import DjangoTranslation

from cms_pages.models import DepartmentPage, MatterPage
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

# Reported by a new editor, each seen in the admin in English.
REPORTED = [
    "Search all pages", "Your pages and snippets in a workflow", "Anyone can edit this",
    "Page types usage", "could not be created due to validation errors", "Autosave is paused",
    "Saved", "Keyboard shortcuts", "None", "domain.com", "在用",
]  # fmt: skip
# Words that stay as they are in a Chinese interface: names and technical terms.
KEPT = {
    "Wagtail", "API", "URL", "ID", "JSON", "CSV", "XLSX", "Excel", "SVG", "PDF", "QR", "TOTP",
    "HTML", "JavaScript", "Ctrl", "Alt", "Shift", "Enter", "Esc", "Cmd", "Tab",
}  # fmt: skip


def english_words(text):
    """Words of an English sentence in `text`, leaving out placeholders and KEPT terms."""
    text = re.sub(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in KEPT]


def catalogue_entries(domain):
    """Every msgid of the Wagtail apps this site installs (their English source catalogues)."""
    for app in apps.get_app_configs():
        po = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if app.name.startswith("wagtail") and po.exists():
            for entry in polib.pofile(str(po)):
                if not entry.obsolete:
                    yield app.label, entry


def untranslated(catalogue, entries):
    missing = []
    for app, entry in entries:
        if entry.msgid_plural:
            text = catalogue.ngettext(entry.msgid, entry.msgid_plural, 2)
            english = entry.msgid_plural
        elif entry.msgctxt:
            text = catalogue.pgettext(entry.msgctxt, entry.msgid)
            english = entry.msgid
        else:
            text = english = entry.msgid
            text = catalogue.gettext(entry.msgid)
        if text == english and english_words(english):
            missing.append(f"{app}: {english}")
    return missing


@pytest.mark.db_independent  # catalogues only
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_a_chinese_translation(domain):
    catalogue = DjangoTranslation("zh-hans", domain=domain)
    missing = untranslated(catalogue, catalogue_entries(domain))
    assert not missing, f"{len(missing)} untranslated:\n" + "\n".join(missing)


class _VisibleText(HTMLParser):
    """What an editor reads: text outside scripts, styles and hidden elements, plus
    placeholders, titles and the labels a screen reader speaks."""

    SPOKEN = ("placeholder", "title", "aria-label", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.open, self.hidden_at = [], [], None

    def handle_starttag(self, tag, attrs):
        if self.hidden_at is None:
            self.parts += [value for name, value in attrs if name in self.SPOKEN and value]
        if tag in self.VOID:
            return
        self.open.append(tag)
        if self.hidden_at is None and (tag in ("script", "style") or "hidden" in dict(attrs)):
            self.hidden_at = len(self.open)

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass
        if self.hidden_at is not None and len(self.open) < self.hidden_at:
            self.hidden_at = None

    def handle_data(self, data):
        if self.hidden_at is None and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def single_word_msgids():
    return {
        entry.msgid
        for _, entry in catalogue_entries("django")
        if re.fullmatch(r"[A-Z][a-z]{2,}", entry.msgid) and entry.msgid not in KEPT
    }


def english_on(html, words):
    """Visible English: any run of two English words, or one word Wagtail would translate."""
    found = []
    for text in visible_text(html):
        found += [m for m in re.findall(r"[A-Za-z]{2,}(?:[,.]? +[A-Za-z]{2,})+", text)
                  if english_words(m)]  # fmt: skip
        found += [word for word in re.findall(r"[A-Za-z]+", text) if word in words]
        found += [phrase for phrase in REPORTED if phrase in text]
    return sorted(set(found))


@pytest.fixture
def editor_screens(gongan_editor):
    """The screens a department's editor meets on a working day, one of its matters submitted
    for review so the dashboard lists it."""
    department = DepartmentPage.objects.get(slug="gongan")
    matter = MatterPage.objects.child_of(department).first()
    matter.get_workflow().start(matter, get_user_model().objects.get(username="gongan-editor"))
    create = f"/admin/pages/add/cms_pages/matterpage/{department.id}/"
    untitled = {**form_data(gongan_editor.get(create).content.decode()), "title": "",
                "procedure-count": 0}  # fmt: skip
    invalid = gongan_editor.post(create, untitled)
    return {
        "dashboard": gongan_editor.get("/admin/"),
        "explorer": gongan_editor.get(f"/admin/pages/{department.id}/"),
        "search": gongan_editor.get("/admin/pages/search/", {"q": "出生"}),
        "editor": gongan_editor.get(f"/admin/pages/{matter.id}/edit/"),
        "create, invalid": invalid,
        "page types usage": gongan_editor.get("/admin/reports/page-types-usage/"),
    }


def test_an_editors_screens_have_no_english(editor_screens):
    words = single_word_msgids()
    english = {}
    for name, response in editor_screens.items():
        assert response.status_code == 200, name
        if found := english_on(response.content.decode(), words):
            english[name] = found
    assert not english, english
