"""Success@3 of the public search over everyday queries (tests/search_colloquial.json: trainees' words, questions,
codes) on the demo content, labelled with the pages that answer them (issue 14)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from search import service
from search.engines import embedded_engine
from search.evaluation import load_labelled, success_at

LABELLED = load_labelled(Path(__file__).with_name("search_colloquial.json"))
REQUIRED_SUCCESS = 0.9


def test_colloquial_set_is_large_and_varied():
    kinds = {item.kind for item in LABELLED}
    assert len(LABELLED) >= 60
    assert {"occupation alias", "everyday task", "condition", "question", "document number"} <= kinds


@pytest.mark.django_db
def test_everyday_queries_find_a_right_page_in_the_first_three(capsys):
    call_command("load_demo", stdout=io.StringIO())
    engine = embedded_engine()

    def search(query):
        outcome = service.search(service.parse_params({"q": query}), engine=engine)
        return [result["url"] for result in outcome.results]

    evaluation = success_at(LABELLED, search, k=3)
    with capsys.disabled():
        print(f"\n[search success@3] colloquial set, {engine.vendor}: {evaluation.recall:.3f} over {len(LABELLED)}")
        for kind, share in evaluation.by_kind().items():
            print(f"    {kind}: {share:.2f}")
        for labelled, success, returned in evaluation.per_query:
            if not success:
                print(f"    missed {labelled.query!r}: got {returned}")
    assert evaluation.recall >= REQUIRED_SUCCESS
