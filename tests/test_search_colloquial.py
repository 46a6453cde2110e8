"""Success@3 of the public search over everyday queries (tests/search_colloquial.json: trainees' words, questions,
codes) on the demo content, labelled with the pages that answer them (issue 14)."""

from pathlib import Path

import pytest
from django.conf import settings

from search import service
from search.engines import embedded_engine, query_engine
from search.evaluation import load_labelled, success_at

LABELLED = load_labelled(Path(__file__).with_name("search_colloquial.json"))
REQUIRED_SUCCESS = 0.9


def test_colloquial_set_is_large_and_varied():
    kinds = {item.kind for item in LABELLED}
    assert len(LABELLED) >= 60
    assert {"occupation alias", "everyday task", "condition", "question", "document number"} <= kinds


ENGINES = [
    pytest.param("embedded", id="embedded"),
    pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.elasticsearch),
]


@pytest.mark.django_db
@pytest.mark.parametrize("engine_name", ENGINES)
def test_everyday_queries_find_a_right_page_in_the_first_three(capsys, engine_name, demo_content):
    if engine_name == "elasticsearch" and not settings.ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: needs a search node (make test-search-node)")
    engine = embedded_engine() if engine_name == "embedded" else query_engine()
    if engine_name == "elasticsearch":
        engine.refresh()

    def search(query):
        outcome = service.search(service.parse_params({"q": query}), engine=engine)
        return [result["url"] for result in outcome.results]

    evaluation = success_at(LABELLED, search, k=3)
    with capsys.disabled():
        label = getattr(engine, "vendor", engine.name)
        print(f"\n[search success@3] colloquial set, {label}: {evaluation.recall:.3f} over {len(LABELLED)}")
        for kind, share in evaluation.by_kind().items():
            print(f"    {kind}: {share:.2f}")
        for labelled, success, returned in evaluation.per_query:
            if not success:
                print(f"    missed {labelled.query!r}: got {returned}")
    assert evaluation.recall >= REQUIRED_SUCCESS
