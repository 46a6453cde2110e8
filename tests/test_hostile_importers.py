"""Property tests: the three importers answer random and hostile input with a clear error or a success,
never an unexpected exception and never a half-saved state (issue 8)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competitions.importer import import_results
from competitions.models import ResultEntry
from competitions.tests.factories import make_event, make_series
from curricula.importer import ImportFailed, import_curricula, parse_json
from curricula.models import CourseModule, Occupation, TrainingPackage
from policy import importer as policy_importer

from .test_hostile_input import hostile_text  # noqa: F401  (loads the shared hypothesis profiles)

JSON_KEYS = [
    "code",
    "name",
    "title",
    "kind",
    "levels",
    "occupation",
    "modules",
    "prerequisites",
    "theory_hours",
    "practice_hours",
    "level",
    "min_hours",
    "aliases",
    "tags",
    "outcomes",
    "body",
    "summary",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False), hostile_text, st.just("")
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(JSON_KEYS),
            children,
            max_size=6,
        ),
    ),
    max_leaves=12,
)
curricula_files = st.fixed_dictionaries(
    {},
    optional={
        "occupations": st.lists(json_values, max_size=3),
        "modules": st.lists(json_values, max_size=3),
        "packages": st.lists(json_values, max_size=3),
    },
)


def curricula_rows():
    return (Occupation.objects.count(), CourseModule.objects.count(), TrainingPackage.objects.count())


@pytest.mark.django_db
@given(data=st.one_of(curricula_files, json_values))
def test_curricula_import_of_random_json_is_refused_cleanly_or_applied_whole(sections, data):
    before = curricula_rows()
    try:
        report = import_curricula(data)
    except ImportFailed as failure:
        assert failure.errors, "a refusal names at least one problem"
        assert all(isinstance(message, str) and message for message in failure.errors)
        assert curricula_rows() == before, "nothing is half-saved"
    else:
        created = tuple(report.count(kind, "create") for kind in ("occupation", "module", "package"))
        assert curricula_rows() == tuple(b + c for b, c in zip(before, created, strict=True)), "applied whole"


@given(raw=st.one_of(st.binary(max_size=200), hostile_text.map(str.encode)))
def test_curricula_json_parser_never_raises_anything_but_a_clear_refusal(raw):
    try:
        parse_json(raw)
    except ImportFailed as failure:
        assert failure.errors[0].startswith("$: ")


csv_cells = st.one_of(hostile_text, st.integers(-5, 500).map(str), st.sampled_from(["一等奖", "gold", "=3", "成都"]))
csv_files = st.lists(st.lists(csv_cells, min_size=1, max_size=9), min_size=0, max_size=6).map(
    lambda rows: "\n".join(",".join(cell.replace(",", " ").replace("\n", " ") for cell in row) for row in rows)
)
header = "名次,姓名,单位,市州,成绩,奖项\n"


@pytest.mark.django_db
@given(
    payload=st.one_of(
        st.binary(max_size=300),
        csv_files.map(lambda text: (header + text).encode("utf-8")),
        csv_files.map(lambda text: (header + text).encode("gb18030")),
    ),
    name=st.sampled_from(["results.csv", "results.xlsx", "results.txt", "成绩.CSV"]),
)
def test_results_import_of_random_files_is_all_or_nothing(sections, payload, name):
    event = make_event(make_series(sections["competitions"].specific, slug="hostile"), slug="hostile-event")
    try:
        report = import_results(event, payload, name)
        if report.saved:
            assert ResultEntry.objects.filter(event=event).count() == report.rows
        else:
            assert report.errors, "a refusal names at least one problem"
            assert ResultEntry.objects.filter(event=event).count() == 0, "nothing is half-saved"
    finally:
        event.get_parent().delete()


@given(text=st.one_of(hostile_text, st.text(max_size=400)))
def test_policy_text_parser_reports_instead_of_crashing(text):
    parsed = policy_importer.parse(text)
    problems = policy_importer.check_importable(parsed)
    assert problems[: len(parsed.errors)] == list(parsed.errors), "every parser problem is reported"
    assert all(isinstance(problem, str) and problem.strip() for problem in problems), "each names something"
