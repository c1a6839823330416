"""Every interface string is marked for translation and has an English entry.

Three checks, so a new string cannot slip through: the catalogue `makemessages` would build
now matches the committed locale/en one entry for entry, every entry translated and none
fuzzy, and the compiled .mo matches the .po; no template shows Chinese outside
{% translate %}/{% blocktranslate %}; no Python module has a Chinese string literal outside
gettext, except in the modules in DATA_MODULES and in statements marked `# i18n: data`,
whose Chinese is data (spreadsheet column names, the national catalogue's values), not
interface.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.db_independent  # reads source files only
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The same list as `make messages`; benchmarks, tools, scripts and loadtest print for whoever
# runs them.
NOT_SCANNED = (".venv", "node_modules", "var", "tests", "benchmarks", "tools", "scripts",
               "loadtest")  # fmt: skip
# Chinese characters; full-width punctuation around placeholders is left to the templates.
CJK = re.compile(r"[\u3400-\u9fff]")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
           "pgettext_lazy", "npgettext", "npgettext_lazy", "gettext_noop"}  # fmt: skip

# Chinese that is data, never interface text; translating it would break what it matches.
DATA_MODULES = {
    # Language names are written in their own language: each labels the switch to it.
    "portal/settings/base.py": "LANGUAGES",
    # `manage.py` is the command-line entry, not an interface.
    "manage.py": "entry point",
    # The national catalogue's values (事项类型, 行使层级, 时限单位…): stored, imported and
    # exported as written; pages show them as content.
    "cms_pages/taxonomy.py": "national catalogue values",
    # The department template's Chinese column names and their accepted spellings.
    "spreadsheets/columns.py": "spreadsheet column names",
    # Everyday Chinese wording search understands (办, 补办, 丢了…).
    "search/wording.py": "search vocabulary",
    # The demo centre's content (青山市): Chinese like every centre's content.
    "demo/management/commands/load_demo_content.py": "demo content",
    "complaints/demo.py": "demo content",
    "reform/demo.py": "demo content",
}

DATA_MARK = "# i18n: data"
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}


def _pairs(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural): e for e in catalogue if not e.obsolete}


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """What `make messages` would collect now. It runs on a copy of the sources: in the
    project itself makemessages writes into the project's own locale/ directory."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is missing: make system-packages installs it")
    work = tmp_path_factory.mktemp("messages")
    skipped = {*NOT_SCANNED, ".git", "locale", "node_modules", "__pycache__"}
    shutil.copytree(ROOT, work / "src", ignore=lambda folder, names: [
        name for name in names if name in skipped or (
            (Path(folder) / name).is_file() and not name.endswith((".py", ".html", ".txt")))
    ])  # fmt: skip
    code = (
        "import django; from django.conf import settings; django.setup();"
        f"settings.LOCALE_PATHS = [{str(work / 'locale')!r}];"
        "from django.core.management import call_command;"
        "call_command('makemessages', locale=['en'], verbosity=0, add_location='file')"
    )
    subprocess.run([sys.executable, "-c", code], cwd=work / "src", check=True,
                   env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                        "PYTHONPATH": str(ROOT)})  # fmt: skip
    return polib.pofile(str(work / "locale" / "en" / "LC_MESSAGES" / "django.po"))


def test_every_marked_string_has_an_english_entry(fresh_catalogue):
    committed = _pairs(polib.pofile(str(CATALOGUE)))
    fresh = _pairs(fresh_catalogue)
    missing = [key[1] for key in fresh if key not in committed]
    assert not missing, f"not in locale/en (run `make messages`, then translate): {missing[:20]}"
    stale = [key[1] for key in committed if key not in fresh]
    assert not stale, f"in locale/en but no longer in the code (run `make messages`): {stale[:20]}"
    untranslated = [e.msgid for e in committed.values() if not e.translated()]
    assert not untranslated, f"no English yet (or fuzzy): {untranslated[:20]}"


def test_compiled_catalogue_matches_its_source():
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
              for e in polib.pofile(str(CATALOGUE)) if e.translated()}  # fmt: skip
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
                for e in polib.mofile(str(CATALOGUE.with_suffix(".mo"))) if e.msgid}  # fmt: skip
    assert compiled == source, "locale/en .mo is out of date: run `make messages`"


def _sources(pattern):
    for path in sorted(ROOT.rglob(pattern)):
        rel = path.relative_to(ROOT)
        if rel.parts[0] not in NOT_SCANNED and "migrations" not in rel.parts:
            yield rel.as_posix(), path.read_text(encoding="utf-8")


TRANSLATED_IN_TEMPLATE = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{%\s*trans(?:late)?\s+(?:\"[^\"]*\"|'[^']*').*?%}"
    r"|_\(\"[^\"]*\"\)|_\('[^']*'\)"
    r"|{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    # Not shown as interface text: conditions compare stored values, links and <code> carry
    # the catalogue's own (Chinese) values, e.g. an API filter.
    r"|{%\s*(?:el)?if\b.*?%}|href=\"[^\"]*\"|<code>.*?</code>",
    re.S,
)


def test_templates_show_no_chinese_outside_translate_tags():
    found = []
    for name, text in _sources("templates/**/*.html"):
        rest = TRANSLATED_IN_TEMPLATE.sub(lambda m: "\n" * m.group().count("\n"), text)
        found += [f"{name}:{n}: {line.strip()[:80]}"
                  for n, line in enumerate(rest.splitlines(), 1) if CJK.search(line)]  # fmt: skip
    assert not found, "Chinese outside {% translate %}:\n" + "\n".join(found)


def _untranslated_literals(text):
    tree = ast.parse(text)
    lines = text.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CJK.search(node.value) or _marked_as_data(node, parents, lines):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):  # a docstring
            continue
        if isinstance(parent, ast.JoinedStr):  # an f-string can never be translated
            yield node.lineno, ast.unparse(parent)
            continue
        if isinstance(parent, ast.Call) and _called_name(parent) in GETTEXT:
            continue
        if isinstance(parent, ast.Call) and _is_log_call(parent):  # for operators, not users
            continue
        yield node.lineno, repr(node.value)


def _marked_as_data(node, parents, lines):
    """`# i18n: data (why)` says the Chinese is data: on the literal's statement or in the
    comment just above it, or above an enclosing class (its attributes, not its methods) or
    function (all of it)."""
    statement = parents.get(node)
    while statement is not None:
        if isinstance(statement, ast.stmt) and _has_mark(statement, lines):
            return True
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        statement = parents.get(statement)
    return False


def _has_mark(statement, lines):
    body = getattr(statement, "body", None)
    last = body[0].lineno - 1 if isinstance(body, list) and body else statement.end_lineno
    numbers = list(range(statement.lineno, max(statement.lineno, last) + 1))
    above = statement.lineno - 1
    while above >= 1 and lines[above - 1].lstrip().startswith("#"):
        numbers.append(above)
        above -= 1
    return any(DATA_MARK in lines[number - 1] for number in numbers)


def _is_log_call(call):
    return (
        isinstance(call.func, ast.Attribute)
        and call.func.attr in LOG_METHODS
        and ("log" in ast.unparse(call.func.value).lower())
    )


def _called_name(call):
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def test_python_modules_show_no_chinese_outside_gettext():
    found = []
    for name, text in _sources("*.py"):
        if name in DATA_MODULES:
            continue
        found += [f"{name}:{line}: {shown[:80]}" for line, shown in _untranslated_literals(text)]
    assert not found, "Chinese string literals outside gettext:\n" + "\n".join(found)


def test_allowances_name_existing_modules():
    assert all((ROOT / name).exists() for name in DATA_MODULES)
