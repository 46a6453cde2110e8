"""The shape every importer's report shares, so the admin views and commands read any of them the same way.

An import either saves everything or nothing: `errors` lists every problem found (each naming its row/column or
JSON path), `warnings` what was ignored, `dry_run` says nothing was saved on purpose, `seconds` how long it took.
Each app subclasses it with what it counts (rows replaced, pages created…) and a `summary()` line.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(kw_only=True)
class ImportReport:
    dry_run: bool = False
    errors: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def outcome_label(self) -> str:
        """How the summary line starts: a preview saved nothing, a failed import saved nothing either."""
        if not self.ok:
            return _("未导入")
        return _("预览（未保存）") if self.dry_run else _("导入完成")

    def summary(self) -> str:
        """One line for the command's output and the admin's message; subclasses add their counts."""
        return f"{self.outcome_label()}。"
