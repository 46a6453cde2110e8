"""Demo content of the search app: bring the index up to date after every other app's demo content."""

from search import indexing

ORDER = 90


def load(log):
    summary = indexing.rebuild(full=False)
    kinds = "，".join(f"{kind} {count}" for kind, count in sorted(summary.per_type.items()))
    log(f"搜索索引：{summary.documents} 个文档（{kinds}），新写入 {summary.indexed}，用时 {summary.seconds:.2f}s")
    for error in summary.errors:
        log(f"跳过 / skipped: {error}")
