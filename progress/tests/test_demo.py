"""The demo: the seed plan's four targets with their clause link, example population, figures and the page."""

import pytest
from django.core.management import call_command

from progress.models import ElderlyPopulation, ProgressFigure, ProgressPage, Target, build_summary


@pytest.mark.django_db
def test_demo_loads_the_four_targets_and_is_idempotent(client, demo_content):
    counts = (Target.objects.count(), ElderlyPopulation.objects.count(), ProgressFigure.objects.count())
    assert counts == (4, 21, 4 * 21 * 24)
    assert {(t.measure.name, t.number) for t in Target.objects.select_related("measure")} == {
        ("养老护理员", 140_000),
        ("孤残儿童护理员", 1_000),
        ("养老院院长", 3_000),
        ("老年社会工作者", 8_000),
    }
    assert all(row.is_example for row in ElderlyPopulation.objects.all())
    summary = build_summary()
    for item in summary.targets:
        assert item.target.clause_url().endswith("#clause-2"), item.target.clause_url()
        if item.target.split_by_population:
            assert sum(row.quota for row in item.cities) == item.target.number
            assert item.population_year == 2020 and item.population_is_example
        else:
            assert not item.has_quotas  # 孤残儿童护理员: （十一） splits the other three only
    page = ProgressPage.objects.live().get()
    html = client.get(page.url).content.decode()
    assert "第（二）条" in html and "#clause-2" in html
    explainer_html = client.get("/policy/kangyang-training-plan-explained/").content.decode()
    assert "全省养老护理员已培训" in explainer_html

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Target.objects.count(), ElderlyPopulation.objects.count(), ProgressFigure.objects.count()) == counts
