"""Demo content of the search app: add missing default synonym groups, then bring the index up to date after every
other app's demo content."""

from search import indexing, synonyms

ORDER = 90


def load(log):
    synonyms.ensure_defaults(log)
    summary = indexing.rebuild(full=False)
    kinds = "，".join(f"{kind} {count}" for kind, count in sorted(summary.per_type.items()))
    log(f"搜索索引：{summary.documents} 个文档（{kinds}），新写入 {summary.indexed}，用时 {summary.seconds:.2f}s")
    for error in summary.errors:
        log(f"跳过 / skipped: {error}")
