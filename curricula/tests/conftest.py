import json

import pytest

from .factories import DATA, make_module, make_occupation, make_package


@pytest.fixture
def index(sections):
    return sections["curricula"]


@pytest.fixture
def sample_data():
    return json.loads((DATA / "sample.json").read_text(encoding="utf-8"))


@pytest.fixture
def small_tree(index):
    """养老护理员 with a common module and two packages that share it."""
    occupation = make_occupation(index, "养老护理员", code="4-10-01-05", levels=(5, 4, 3), shortage=True)
    common = make_module(index, "TY-01", theory=4, practice=0, title="职业道德")
    feeding = make_module(index, "YL-5-01", theory=2, practice=4, occupation=occupation, prerequisites=[common])
    toileting = make_module(index, "YL-5-02", theory=2, practice=3, occupation=occupation)
    level5 = make_package(occupation, "PKG-5", level_number=5, modules=[common, feeding, toileting], min_hours=10)
    level4 = make_package(occupation, "PKG-4", level_number=4, modules=[common, toileting])
    return {
        "occupation": occupation,
        "common": common,
        "feeding": feeding,
        "toileting": toileting,
        "level5": level5,
        "level4": level4,
    }
