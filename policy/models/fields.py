"""A list of choices stored as JSON, so it works the same on SQLite and PostgreSQL (no ArrayField)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """Several values of one TextChoices (e.g. a campaign's channels), edited as checkboxes."""

    def __init__(self, *args, base_choices=(), **kwargs):
        self.base_choices = list(base_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["base_choices"] = self.base_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        defaults = {
            "choices": self.base_choices,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update({key: value for key, value in kwargs.items() if key in ("widget", "label", "help_text")})
        return forms.MultipleChoiceField(**defaults)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {choice for choice, _label in self.base_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(_("包含无效选项：%(value)s"), params={"value": value}, code="invalid_choice")

    def labels(self, value) -> list[str]:
        names = dict(self.base_choices)
        return [str(names.get(item, item)) for item in value or []]
