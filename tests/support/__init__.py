"""Helpers the tests share: plain functions and constants, imported by test modules and
conftests alike (conftest modules hold only fixtures)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
