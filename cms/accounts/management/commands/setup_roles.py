"""Grant each role its sections, collections and workflows; safe to run any number of times."""

from django.core.management.base import BaseCommand

from cms.accounts.roles import setup_roles


class Command(BaseCommand):
    help = "Create or complete the editorial roles (groups, page/collection permissions, approval workflows)."

    def handle(self, *args, **options):
        changed = setup_roles(log=lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS(f"setup_roles: {changed} change(s)"))
