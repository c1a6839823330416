"""The dependency direction in README's architecture section holds (import-linter contracts in
pyproject.toml), so a reversed import fails the tests, not only `make lint`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_independent  # reads source files only
ROOT = Path(__file__).resolve().parents[1]


def test_apps_import_only_downwards():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
