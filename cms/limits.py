"""Size limits for text that editors and import files write, shared by forms, models and importers.

Why: a 10 MB Markdown body imported fine and then cost 2.2 s of rendering on every cache miss of its page. The
longest real module body or policy answer is a few thousand characters; the limits leave ample room.
"""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MAX_MARKDOWN_CHARS = 100_000  # one Markdown body (a course module, a policy answer or key point)


class MarkdownLengthValidator(MaxLengthValidator):
    message = _("内容过长：最多 %(limit_value)s 个字符（当前 %(show_value)s 个）。请拆分为多个模块或页面。")

    def __init__(self, limit_value=MAX_MARKDOWN_CHARS, message=None):
        super().__init__(limit_value, message)


validate_markdown_length = MarkdownLengthValidator()
