"""Prepare the database of the server under test in one process: migrate, load the demo, add staff users.

Run by the browser tests' conftest as `python -m tests.browser.prepare_site CACHE_FILE SAMPLES_FILE` with the
server's environment. One Django start-up instead of four; the migrated (still empty) database is copied to
CACHE_FILE so the next run on an unchanged set of migrations starts from the copy (the conftest copies it in
only when the fingerprint of every migration file matches, so migrate is skipped then). Writes the
`tests.page_samples` JSON (one live page per page type) to SAMPLES_FILE.
"""

import os
import shutil
import sys
from pathlib import Path

import django


def main(cache_file: str, samples_file: str) -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from tests.browser.support import STAFF_PASSWORD, STAFF_USERS
    from tests.page_samples import page_samples_json

    database = Path(settings.DATABASES["default"]["NAME"])
    cache = Path(cache_file)
    if not database.exists() or database.stat().st_size == 0:
        call_command("migrate", interactive=False, verbosity=0)
        connections.close_all()
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(database, partial)
        partial.replace(cache)
    call_command("load_demo", stdout=sys.stderr)
    for username, group in STAFF_USERS.items():
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.set_password(STAFF_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=group))
    with open(samples_file, "w", encoding="utf-8") as output:
        output.write(page_samples_json())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
