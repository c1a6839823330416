"""Flowcharts from pasted text: control characters and backslashes, failures, many requests."""

import re
import stat
import threading

import pytest
from django.core.cache import cache

from cms_pages.blocks import ProcedureBlock
from cms_pages.flowchart import Flow
from cms_pages.flowchart_svg import Flowchart, escape, label_text, render_svg

pytestmark = pytest.mark.db_independent  # drawings from text; no page is read


def flow(*names):
    procedure = ProcedureBlock().to_python(
        [{"type": "step", "value": {"name": n, "actor": "", "days": 1, "description": ""}}
         for n in names]
    )  # fmt: skip
    return Flow.from_procedure(procedure, "工作日")


def chart(*names):
    return Flowchart(title="测试流程图", flow=flow(*names), description="说明")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_labels_lose_control_characters_and_keep_backslashes_literal():
    assert escape("a\x0bb\x00c\ud800<d>&") == "a b c &lt;d&gt;&amp;"
    assert label_text("a\\N\\G") == "a\\\\N\\\\G"


def test_a_step_pasted_with_control_characters_is_still_drawn():
    svg = chart("受理\x0b审查", "决定\x00送达", "发证\x1f").svg
    assert svg is not None
    text = re.sub(r"<[^>]+>", "", svg)
    assert "受理" in text and "送达" in text and "\x0b" not in svg and "\x00" not in svg


def test_backslash_escapes_are_shown_not_expanded():
    svg = chart("a\\N\\G").svg
    text = re.sub(r"<[^>]+>", "", svg)
    assert "a\\N\\G" in text
    assert "flowchart" not in text  # \G would have printed the graph's name


def fake_dot(tmp_path, body):
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_a_failed_drawing_is_remembered_and_not_retried_at_once(tmp_path, settings):
    calls = tmp_path / "calls"
    settings.FLOWCHART_DOT = fake_dot(tmp_path, f"echo x >> {calls}\necho broken >&2\nexit 1\n")
    for _ in range(10):
        fc = chart("受理", "决定")
        assert fc.svg is None
        assert fc.notice == "流程图暂时无法生成，请参阅下面的文字版办理流程。"
    assert calls.read_text().count("x") == 1


def test_at_most_the_configured_number_of_dot_processes_run_at_once(tmp_path, settings):
    running, peak = tmp_path / "running", tmp_path / "peak"
    running.mkdir()
    settings.FLOWCHART_MAX_PROCESSES = 2
    settings.FLOWCHART_SLOT_DIR = str(tmp_path / "slots")
    settings.FLOWCHART_DOT = fake_dot(
        tmp_path,
        f"""
touch {running}/$$
ls {running} | wc -l >> {peak}
sleep 0.3
rm {running}/$$
cat > /dev/null
echo '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
""",
    )
    errors = []

    def draw(n):
        try:
            render_svg(flow(f"步骤{n}"), f"图{n}", "")
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = [int(line) for line in peak.read_text().split()]
    assert len(counts) == 6
    assert max(counts) <= 2


@pytest.fixture
def demo():
    """Drawings only: no database."""
