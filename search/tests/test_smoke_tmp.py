import pytest
from wagtail.models import Page

from search import indexing, service


@pytest.mark.django_db
def test_smoke(site_tree, admin_client, client):
    home, sections = site_tree
    p = Page(title="养老护理员职业培训包（四级）", slug="p1", search_description="到2022年底，培养培训养老护理员14万人次以上")
    sections["curricula"].add_child(instance=p)
    p.save_revision().publish()
    indexing.index_page(p, {"type": "package", "title": p.title, "text": p.search_description, "occupation": "养老护理员", "level": 4, "year": 2021, "tags": ["养老"], "codes": ["YLHL-4"]})
    for q in ["护理员", "培训", "yanglao", "ylhly", "養老", "4-10-01-05", "ylhl-4"]:
        out = service.search(service.parse_params({"q": q}))
        print(q, out.count, [r["title"] for r in out.results], out.facets, out.suggestion, [str(r["snippet"]) for r in out.results][:1])
    r = admin_client.get("/admin/pages/search/?q=护理员")
    print(r.status_code, "养老护理员职业培训包" in r.content.decode())
    r = admin_client.get("/admin/pages/search/?q=培训")
    print(r.status_code, "养老护理员职业培训包" in r.content.decode())
    r = client.get("/api/search/?q=护理员")
    print(r.json())
    r = client.get("/api/search/suggest/?q=yang")
    print(r.json())
    r = client.get("/search/?q=护理员")
    print(r.status_code, r.content.decode()[-3000:])
    print(indexing.rebuild())
