"""Prerequisite graphs are walked with an explicit stack: 5,000 modules in a chain are ordered, or refused with a
message when the chain closes into a cycle, never a RecursionError."""

import sys

import pytest

from curricula.graph import cycles, find_cycle, topological
from curricula.importer import ImportFailed, import_curricula
from curricula.models import CourseModule

CHAIN = 5_000
assert sys.getrecursionlimit() < CHAIN


def chain(length=CHAIN):
    """M0000 requires M0001, which requires M0002 … the last requires nothing."""
    codes = [f"M{number:04d}" for number in range(length)]
    return codes, {code: ({codes[i + 1]} if i + 1 < length else set()) for i, code in enumerate(codes)}


def test_a_long_chain_is_ordered_prerequisites_first():
    codes, graph = chain()
    assert topological(codes, graph) == codes[::-1]
    assert cycles(codes, graph) == {}
    assert find_cycle(codes[0], graph) is None


def test_a_long_chain_closed_into_a_cycle_is_found():
    codes, graph = chain()
    graph[codes[-1]] = {codes[0]}
    assert find_cycle(codes[0], graph) == [*codes, codes[0]]
    assert cycles(codes, graph) == {codes[0]: [*codes, codes[0]]}  # reported once, walked once


def test_only_the_nodes_on_a_cycle_are_reported():
    graph = {"A": {"B"}, "B": {"C"}, "C": {"B"}, "D": set()}
    assert cycles(["A", "B", "C", "D"], graph) == {"B": ["B", "C", "B"]}
    assert topological(["D"], graph) == ["D"]


@pytest.mark.django_db
def test_importing_a_5000_module_cycle_is_refused_with_a_message(index):
    codes, graph = chain()
    modules = [{"code": code, "title": f"模块 {code}", "prerequisites": sorted(graph[code])} for code in codes]
    modules[-1]["prerequisites"] = [codes[0]]
    with pytest.raises(ImportFailed) as caught:
        import_curricula({"modules": modules})
    assert len(caught.value.errors) == 1
    assert caught.value.errors[0].startswith("modules[0].prerequisites: 先修模块形成循环：M0000 → M0001 → M0002")
    assert caught.value.errors[0].endswith("M4999 → M0000")
    assert not CourseModule.objects.exists()
