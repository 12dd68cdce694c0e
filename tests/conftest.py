"""Shared test fixtures.

``../shared`` (beside the repository) holds the reference article and its hand-made gold.
It is optional: tests that need it skip cleanly when it is absent, so the suite runs
anywhere without downloads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEED_DIR = SHARED / "fixtures" / "seed"
SEED_NAME = "almasalla-2022-11-13"


def _require(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared data is optional)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the reference article (plain text with site boilerplate)."""
    return _require(SEED_DIR / f"{SEED_NAME}.txt")


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    """The reference article as text."""
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    """The hand-made gold for the reference article."""
    data: dict[str, Any] = json.loads(
        _require(SEED_DIR / f"{SEED_NAME}.gold.json").read_text(encoding="utf-8")
    )
    return data
