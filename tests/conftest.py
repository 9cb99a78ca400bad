"""Shared fixtures: the seed page and its golden outputs, committed under seeds/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_page() -> str:
    return (SEEDS / "000_918c30ceb30ad812.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def golden_hans() -> str:
    return (SEEDS / "seed.body.zh-Hans.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="session")
def golden_hant() -> str:
    return (SEEDS / "seed.body.zh-Hant.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="session")
def golden_meta() -> dict[str, str]:
    return json.loads((SEEDS / "seed.meta.json").read_text(encoding="utf-8"))
