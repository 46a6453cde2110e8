"""What the Elasticsearch engine sends, checked without a server: mappings, template, query bodies, bulk
actions and the alias swap."""

import pytest

from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchEngine, source
from search.query_analysis import analyse_query

ENGINE = ElasticsearchEngine("http://127.0.0.1:9", "kangyang-test")


def test_mapping_pre_segmented_raw_cjk_and_completion_fields():
    body = ENGINE.index_body(synonym_rules=[])
    properties = body["mappings"]["properties"]
    token_field = {"type": "text", "analyzer": "whitespace", "search_analyzer": "token_synonyms"}
    assert properties["title"] == token_field
    assert properties["body"] == token_field
    assert properties["title_raw"]["analyzer"] == "cjk" and properties["text_raw"]["analyzer"] == "cjk"
    assert "suggest" not in properties  # completions come from the shared vocabulary
    assert {name: properties[name]["type"] for name in ("type", "occupation", "tags")} == dict.fromkeys(
        ("type", "occupation", "tags"), "keyword"
    )
    assert body["settings"]["refresh_interval"] == "500ms"  # near-real-time: no write waits for a refresh
    template = ENGINE.template_body(synonym_rules=[])
    assert template["index_patterns"] == ["kangyang-test-*"]
    assert template["priority"] == len("kangyang-test")  # a longer alias's template wins on its own indices
    assert template["template"]["mappings"] == body["mappings"]


@pytest.mark.django_db
def test_mapping_carries_the_synonym_groups_as_a_synonym_graph_filter():
    """The token fields' search analyzer holds the 同义词 snippet's groups and the occupations' names (issue 14)."""
    from search.models import SynonymGroup

    SynonymGroup.objects.create(term="失智照护", variants="老年痴呆照顾、认知症护理")
    analysis = ENGINE.index_body()["settings"]["analysis"]
    assert analysis["analyzer"]["token_synonyms"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["kangyang_synonyms"],
    }
    synonyms = analysis["filter"]["kangyang_synonyms"]
    assert synonyms["type"] == "synonym_graph" and synonyms["lenient"] is True
    assert "老年痴呆 照顾, 认知 症 护理 => 失智 照护, 老年痴呆 照顾, 认知 症 护理" in synonyms["synonyms"]
    assert any(rule.startswith("褥疮, ") and "=> 压疮, 褥疮," in rule for rule in synonyms["synonyms"])  # shipped
    assert len(synonyms["synonyms"]) >= 150
    template = ENGINE.template_body()
    assert template["template"]["settings"]["analysis"]["filter"]["kangyang_synonyms"] == synonyms


def test_query_body_groups_filters_facets_and_highlight():
    request = SearchRequest(
        query=analyse_query("養老護理員 培训"),
        filters={"type": "package", "level": 4, "tag": "养老"},
        sort="date",
        offset=10,
        limit=10,
        exclude_ids=(7,),
    )
    body = ENGINE.build_search(request)._s.to_dict()
    outer = body["query"]["bool"]
    ranking = outer["must"][0]["function_score"]  # the text score times the type's static boost
    assert {"filter": {"term": {"type": "occupation"}}, "weight": 1.3} in ranking["functions"]
    assert (ranking["score_mode"], ranking["boost_mode"]) == ("first", "multiply")
    query = ranking["query"]["bool"]
    must = query["must"]
    assert len(must) == 2  # one clause per query word
    words = must[0]["bool"]["should"]
    assert words[0]["multi_match"] == {"query": "养老护理员", "fields": ["title^4", "body"]}
    assert [clause["multi_match"]["query"] for clause in words[1]["bool"]["must"]] == ["养老", "护理员"]
    assert {"match": {"text_raw": {"query": "养老护理员 培训"}}} in query["should"]
    assert {"term": {"tags": "养老"}} in outer["filter"]
    assert {"bool": {"must_not": [{"ids": {"values": ["7"]}}]}} in outer["filter"]
    assert body["post_filter"] == {"bool": {"must": [{"terms": {"type": ["package"]}}, {"terms": {"level": [4]}}]}}
    aggs = body["aggs"]
    assert aggs["_filter_type"]["filter"] == {"terms": {"level": [4]}}  # each facet: the other filters only
    assert aggs["_filter_level"]["filter"] == {"terms": {"type": ["package"]}}
    assert aggs["_filter_occupation"]["aggs"]["occupation"] == {"terms": {"field": "occupation", "size": 100}}
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    assert (body["from"], body["size"]) == (10, 10)
    assert body["highlight"]["fields"] == {"text_raw": {"fragment_size": 120, "number_of_fragments": 1}}
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"


def test_or_mode_needs_any_group():
    request = SearchRequest(query=analyse_query("怎么 领 补贴"), mode="or")
    query = ENGINE.build_search(request)._s.to_dict()["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]
    assert query["minimum_should_match"] == 1 and "must" not in query


def test_alias_swap_is_one_atomic_action_list():
    assert ENGINE.alias_actions("kangyang-test-2", ["kangyang-test-1"]) == [
        {"remove": {"index": "kangyang-test-1", "alias": "kangyang-test"}},
        {"add": {"index": "kangyang-test-2", "alias": "kangyang-test"}},
    ]


@pytest.mark.django_db
def test_bulk_source_carries_tokens_and_raw_text(publish):
    from search.models import SearchDocument

    publish("养老护理员职业培训包", "生活照护", document={"type": "package", "level": 5, "tags": ["养老"]})
    document = SearchDocument.objects.get(title="养老护理员职业培训包")
    action = next(ENGINE.bulk_actions([document], "kangyang-test-2"))
    assert (action["_index"], action["_id"]) == ("kangyang-test-2", str(document.pk))
    body = action["_source"]
    assert "护理员" in body["title"].split() and "ylhly" in body["title"].split()
    assert body["title_raw"] == "养老护理员职业培训包" and body["level"] == 5 and body["tags"] == ["养老"]
    assert "suggest" not in source(document)
