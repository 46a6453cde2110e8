"""What an import tells its user: every problem (ImportFailed) or every change (the report)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms.import_report import ImportReport

from .schema import FIELD_LABELS, KIND_LABELS


class ImportFailed(Exception):
    """Every problem found in the file, each as `json.path: message`; nothing was saved."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class Change:
    kind: str  # "occupation" | "module" | "package"
    key: str
    action: str  # "create" | "update" | "unchanged"
    fields: list[str] = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def field_labels(self):
        return [str(FIELD_LABELS.get(name, name)) for name in self.fields]


@dataclass(kw_only=True)
class CurriculaImportReport(ImportReport):
    changes: list[Change]

    def count(self, kind, action):
        return sum(1 for change in self.changes if change.kind == kind and change.action == action)

    @property
    def changed(self):
        return [change for change in self.changes if change.action != "unchanged"]

    def summary(self) -> str:
        parts = [
            _("%(kind)s：新建 %(created)s，更新 %(updated)s，未变 %(unchanged)s")
            % {
                "kind": label,
                "created": self.count(kind, "create"),
                "updated": self.count(kind, "update"),
                "unchanged": self.count(kind, "unchanged"),
            }
            for kind, label in KIND_LABELS.items()
        ]
        return self.outcome_label() + "。" + "；".join(parts) + "。"
