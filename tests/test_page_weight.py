"""Every public page type of the demo content weighs under 150 kB (HTML plus local CSS and JS), so a new page
type counts once its app and demo content are merged (cross-app: it reads every app's pages)."""

import pytest

from cms.tests.test_design_system import PAGE_WEIGHT_LIMIT, page_weight
from tests.page_samples import page_samples


@pytest.mark.django_db
def test_every_public_page_weighs_under_150_kb(client, demo_content):
    """One page of every page type in the demo content (so new types count once merged), plus fixed URLs."""
    samples = page_samples()["samples"]
    paths = [(sample["url"], 200) for sample in samples.values()]
    paths += [("/search/?q=护理", 200), ("/no-such-page/", 404)]
    weights = {path: page_weight(client, path, status) for path, status in paths}
    assert len(samples) >= 5
    too_heavy = {path: weight for path, weight in weights.items() if weight > PAGE_WEIGHT_LIMIT}
    assert not too_heavy, f"pages over {PAGE_WEIGHT_LIMIT} bytes: {too_heavy}"
