"""`manage.py search_index rebuild|update|status`: rebuild the public search index with a progress bar."""

import sys

from django.core.management.base import BaseCommand

from cms.db_statistics import analyse
from search import indexing
from search.engines import index_engines
from search.vocabulary import type_label

BAR_WIDTH = 30


class ProgressBar:
    """A one-line bar on a terminal; a line every 10 % otherwise (CI logs)."""

    def __init__(self, stream):
        self.stream = stream
        self.interactive = getattr(stream, "isatty", lambda: False)()
        self.last = {}

    def __call__(self, stage, done, total):
        label = {"collect": "收集文档", "index": "写入索引"}.get(stage, stage)
        fraction = done / total if total else 1.0
        if self.interactive:
            filled = int(BAR_WIDTH * fraction)
            self.stream.write(f"\r{label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
            return
        step = int(fraction * 10)
        if self.last.get(stage) == step:
            return
        self.last[stage] = step
        filled = int(BAR_WIDTH * fraction)
        self.stream.write(f"{label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}\n")


class Command(BaseCommand):
    help = "Rebuild (rebuild), bring up to date (update) or describe (status) the public search index."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])

    def handle(self, *args, action, **options):
        if action == "status":
            return self.status()
        full = action == "rebuild"
        progress = ProgressBar(getattr(self.stdout, "_out", sys.stdout))
        summary = indexing.rebuild(progress=progress, full=full)
        analyse()  # the planner's statistics for the rewritten index
        verb = "重建" if full else "更新"
        self.stdout.write(f"{verb}完成 / {action} done: {summary.documents} 个文档，来自 {summary.pages} 个页面")
        self.stdout.write(
            f"用时 {summary.seconds:.2f}s（写入索引 {summary.index_seconds:.2f}s），"
            f"{summary.documents_per_second:.0f} 文档/秒"
        )
        self.stdout.write(
            f"新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}，删除 {summary.deleted}，"
            f"写入索引 {summary.indexed}"
        )
        for kind, count in sorted(summary.per_type.items(), key=lambda item: (-item[1], item[0])):
            self.stdout.write(f"  {type_label(kind)} ({kind}): {count}")
        for error in summary.errors:
            self.stderr.write(f"  跳过 / skipped: {error}")
        if summary.errors:
            self.stderr.write(f"{len(summary.errors)} 个页面的搜索文档不符合约定，已跳过。")

    def status(self):
        for engine in index_engines():
            state = engine.status()
            sync = "一致 / in sync" if state["in_sync"] else "不一致：请运行 search_index rebuild"
            self.stdout.write(f"{state['engine']}: {state['documents']} 个文档，索引中 {state['indexed']} 条，{sync}")
