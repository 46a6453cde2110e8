"""Fixtures of the training tests: the real section page and a small curricula tree to point at."""

import pytest

from .factories import make_curricula


@pytest.fixture
def training_index(sections):
    return sections["training"].specific


@pytest.fixture
def curricula(sections):
    return make_curricula(sections["curricula"])


@pytest.fixture
def role_client(site_tree, django_user_model):
    """A logged-in client for a user in one of the real groups, with the roles applied by setup_roles."""
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.test import Client

    from cms.accounts import roles

    cache.clear()
    roles.setup_roles(log=lambda message: None)

    def make(role):
        user = django_user_model.objects.create_user(f"user-{len(role.encode())}-{id(role)}", password="pw-only")
        user.groups.add(Group.objects.get(name=role))
        client = Client()
        client.force_login(user)
        return client

    return make
