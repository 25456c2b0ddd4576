"""The platform's Polish catalogue is complete, so no English leaks onto Polish pages."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_checker():
    spec = importlib.util.spec_from_file_location("check", ROOT / "scripts/check_catalogues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_platform_polish_catalogue_is_complete():
    checker = load_checker()
    assert checker.gaps(checker.PLATFORM) == []


def test_english_catalogue_exists():
    assert (ROOT / "locale/en/LC_MESSAGES/django.po").exists()
