"""Prerequisite graphs: cycles and ordering, iterative with an explicit stack (a long chain of prerequisites must
not hit Python's recursion limit). Used by the importer and by CourseModule's validation: one implementation.

A graph maps a node (module code or id) to the nodes it requires: {node: {prerequisites}}.
"""

from collections.abc import Hashable, Iterable, Mapping

Graph = Mapping[Hashable, Iterable[Hashable]]


def _successors(graph: Graph, node) -> list:
    return sorted(graph.get(node, ()))


def find_cycle(start, graph: Graph, within: set | None = None) -> list | None:
    """The first cycle through `start` (depth first, prerequisites in sorted order), as [start, …, start], or None.

    `within` limits the walk to these nodes (every node of a cycle through `start` must be in it)."""
    seen = set()
    trail = [start]
    stack = [iter(_successors(graph, start))]
    while stack:
        for node in stack[-1]:
            if node == start:
                return [*trail, start]
            if node in seen or (within is not None and node not in within):
                continue
            seen.add(node)
            trail.append(node)
            stack.append(iter(_successors(graph, node)))
            break
        else:
            stack.pop()
            trail.pop()
    return None


def nodes_in_or_before_cycles(graph: Graph) -> set:
    """Nodes that lie on a cycle or require one (directly or not); every other node can be ordered.

    Kahn's algorithm backwards: repeatedly drop nodes whose prerequisites are all dropped; what stays is cyclic."""
    nodes = set(graph) | {node for targets in graph.values() for node in targets}
    pending = {node: len(set(graph.get(node, ()))) for node in nodes}
    required_by: dict = {}
    for node, targets in graph.items():
        for target in set(targets):
            required_by.setdefault(target, []).append(node)
    ready = [node for node, count in pending.items() if count == 0]
    while ready:
        node = ready.pop()
        del pending[node]
        for dependant in required_by.get(node, ()):
            pending[dependant] -= 1
            if pending[dependant] == 0:
                ready.append(dependant)
    return set(pending)


def cycles(starts: Iterable, graph: Graph) -> dict:
    """{start: a cycle through it}, one per cycle: a start already on a reported cycle is not walked again.

    One linear pass first, so a long acyclic chain costs no more than its length, and a long cycle is walked once."""
    suspects = nodes_in_or_before_cycles(graph)
    found, covered = {}, set()
    for start in starts:
        if start in suspects and start not in covered:
            cycle = find_cycle(start, graph, within=suspects)
            if cycle:
                found[start] = cycle
                covered.update(cycle)
    return found


def topological(nodes: Iterable, graph: Graph) -> list:
    """`nodes` ordered so each one's prerequisites come first (the graph must be acyclic)."""
    nodes = list(nodes)
    ordered, done = [], set()
    for root in nodes:
        if root in done:
            continue
        done.add(root)
        stack = [(root, iter(_successors(graph, root)))]
        while stack:
            node, successors = stack[-1]
            for prerequisite in successors:
                if prerequisite not in done:
                    done.add(prerequisite)
                    stack.append((prerequisite, iter(_successors(graph, prerequisite))))
                    break
            else:
                stack.pop()
                ordered.append(node)
    wanted = set(nodes)
    return [node for node in ordered if node in wanted]
