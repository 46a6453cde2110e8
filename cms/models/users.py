from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Our own user model from the first migration, so staff profile fields can be added later."""

    organisation = models.CharField(_("所属单位"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
