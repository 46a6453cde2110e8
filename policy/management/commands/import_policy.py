"""manage.py import_policy FILE.txt [--dry-run]: text extracted from a PDF → a PolicyDocument draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.tabular import decode_text
from policy.importer import ImportRefused, check_importable, create_draft, parse
from policy.models import PolicyIndexPage


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM); GB18030 as the usual fallback for files saved on Chinese Windows."""
    try:
        return decode_text(path.read_bytes())[0]
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: 无法按 UTF-8 或 GB18030 解码，请另存为 UTF-8 文本。") from exc


class Command(BaseCommand):
    help = "把从 PDF 提取的政策文件文本导入为政策文件草稿（PolicyDocument），并报告无法识别的内容。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 文本文件")
        parser.add_argument("--dry-run", action="store_true", help="只解析并报告，不写入数据库")
        parser.add_argument("--parent", type=int, help="上级页面（政策解读与宣传栏目）的 id；默认取唯一的栏目页")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        self.stdout.write(f"读取 {path} …")
        parsed = parse(read_text(path))
        self.report(parsed)

        parent = None
        problems = []
        if options["parent"]:
            parent = PolicyIndexPage.objects.filter(pk=options["parent"]).first()
            if parent is None:
                problems.append(f"--parent {options['parent']}：不是“政策解读与宣传”栏目页。")
        else:
            parent = PolicyIndexPage.objects.first()
            if parent is None:
                problems.append("还没有“政策解读与宣传”栏目页：请先运行 manage.py load_demo 或在后台创建。")
        problems += check_importable(parsed)
        for problem in problems:
            self.stdout.write(self.style.ERROR(f"错误：{problem}"))
        if options["dry_run"]:
            self.stdout.write(
                f"试运行（--dry-run）：未写入数据库；{len(problems)} 个错误，{len(parsed.warnings)} 条警告。"
            )
            if problems:
                raise CommandError(f"{len(problems)} 个错误，见上。")
            return
        if problems:
            raise CommandError("导入失败，未写入任何内容。")
        try:
            page = create_draft(parsed, parent)
        except ImportRefused as refused:
            raise CommandError(f"导入失败，未写入任何内容：{refused}") from refused
        self.stdout.write(
            self.style.SUCCESS(
                f"已创建草稿：《{page.title}》（页面 {page.pk}，{len(parsed.sections)} 章 {len(parsed.clauses)} 条，"
                f"{len(parsed.warnings)} 条警告）。请在后台核对后发布。"
            )
        )

    def report(self, parsed):
        write = self.stdout.write
        write(f"文号：{parsed.document_number or '（未识别）'}")
        write(f"标题：{parsed.title or '（未识别）'}")
        write(f"发文机关（{len(parsed.issuers)}）：{'、'.join(parsed.issuers) or '（未识别）'}")
        write(f"日期：{parsed.issue_date.isoformat() if parsed.issue_date else '（未识别）'}")
        if parsed.recipients:
            write(f"主送：{parsed.recipients}")
        write(f"结构：{len(parsed.preamble)} 段前言，{len(parsed.sections)} 章，{len(parsed.clauses)} 条")
        for line in parsed.outline_lines():
            write(f"  {line}")
        for note in parsed.notes:
            write(f"说明：{note}")
        for warning in parsed.warnings:
            write(self.style.WARNING(f"警告：{warning}"))
