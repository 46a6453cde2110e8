"""`--dist loadgroup` for pytest 9: the tests of one `xdist_group` run on one worker again.

Why: a module that starts servers for its tests (tests/test_production_server.py, tests/test_two_servers.py) builds
them in a module fixture; split over two workers it builds them twice, a minute of CPU each. pytest-xdist 3.8
groups by a suffix it writes into `item._nodeid`, which pytest 9 no longer reads (a node id is now `item._id`), so
every test was scheduled alone. Written here the way pytest 9 stores it, the suffix groups them again; nothing is
done when the node id already carries it (a fixed pytest-xdist).
"""

import pytest


def group_names(item) -> list[str]:
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return sorted(names)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = group_names(item)
        if names and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")
