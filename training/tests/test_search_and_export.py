"""Search finds Chengdu providers approved for 养老护理员 and their classes; exports round-trip and are formula-safe."""

import csv
import datetime
import io

import pytest
import time_machine

from training.exporter import export_csv, export_xlsx
from training.importer import import_training
from training.indexing import reindex

from .factories import TODAY, make_class, make_provider, make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def rows(curricula):
    elder = curricula["elder"]
    chengdu = make_provider(1, name="成都示例养老培训学校", approvals=[(elder, 5)])
    deyang = make_provider(2, city="德阳", name="德阳示例养老培训学校", approvals=[(elder, 5)])
    other = make_provider(3, name="成都示例育婴学校", approvals=[(curricula["infant"], 5)])
    make_class(chengdu, elder, "CD-1")
    make_class(deyang, elder, "DY-1")
    make_class(chengdu, elder, "OLD-1", start=TODAY - datetime.timedelta(days=90))
    make_rule("1000", occupation=elder, level=5, basis="川人社办发〔2021〕26号 第（十二）条")
    return {"chengdu": chengdu, "deyang": deyang, "other": other}


def test_chengdu_elder_care_training_finds_chengdu_providers_and_their_classes(client, training_index, rows):
    documents = reindex()  # what an import or an admin edit triggers on commit
    assert {doc.type for doc in documents} >= {"provider", "class"}
    response = client.get("/api/search/", {"q": "成都 养老护理 培训"})
    assert response.status_code == 200
    urls = [result["url"] for result in response.json()["results"]]
    assert f"{training_index.url}providers/{rows['chengdu'].credit_code}/" in urls
    assert f"{training_index.url}classes/CD-1/" in urls
    assert f"{training_index.url}providers/{rows['deyang'].credit_code}/" not in urls
    assert f"{training_index.url}classes/OLD-1/" not in urls  # finished classes are not indexed
    filtered = client.get("/api/search/", {"q": "成都 养老护理 培训", "type": "class", "level": "5"}).json()
    assert [result["url"] for result in filtered["results"]] == [f"{training_index.url}classes/CD-1/"]


def test_export_and_reimport_changes_nothing(curricula, rows):
    workbook = export_xlsx()
    report = import_training(workbook, "export.xlsx")
    assert report.ok, [str(error) for error in report.errors]
    assert report.changes == []


def test_csv_exports_neutralise_formulas(curricula, rows):
    provider = rows["chengdu"]
    provider.intro = '=HYPERLINK("http://evil")'
    provider.save()
    data = export_csv("providers")
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0][0] == "统一社会信用代码"
    intro = [row[-1] for row in parsed if row[0] == provider.credit_code][0]
    assert intro.startswith("'=")
    assert len(list(csv.reader(io.StringIO(export_csv("classes").decode("utf-8-sig"))))) == 4
