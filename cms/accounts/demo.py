"""Roles for the demo site, and one demo account per role (development only: the passwords are printed)."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import DESIGNER, ORGANISER, PUBLICITY, REVIEWER, SITE_ADMIN, TRAINING_MANAGER, setup_roles

ORDER = 95

# (username, role, first name, development password)
DEMO_USERS = [
    ("designer", DESIGNER, "课程设计员（示例）", "kangyang-designer-2026"),
    ("reviewer", REVIEWER, "课程审核员（示例）", "kangyang-reviewer-2026"),
    ("publicity", PUBLICITY, "宣传专员（示例）", "kangyang-publicity-2026"),
    ("organiser", ORGANISER, "竞赛组织者（示例）", "kangyang-organiser-2026"),
    ("siteadmin", SITE_ADMIN, "站点管理员（示例）", "kangyang-siteadmin-2026"),
    ("trainer", TRAINING_MANAGER, "培训管理员（示例）", "kangyang-trainer-2026"),
]


def demo_users_wanted() -> bool:
    """Demo accounts with known passwords only exist on development sites, or when DEMO_USERS=1 asks for them."""
    flag = os.environ.get("DEMO_USERS", "").strip().lower()
    if flag in {"0", "false", "no", "off"}:
        return False
    return settings.DEBUG or flag in {"1", "true", "yes", "on"}


def create_demo_users(log) -> list:
    """Create the missing demo accounts (one per role) and print their logins; existing accounts are left as
    they are. Outside DEBUG the passwords are random and printed once."""
    User = get_user_model()
    users = []
    for username, role, first_name, dev_password in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = dev_password if settings.DEBUG else secrets.token_urlsafe(12)
            user = User(username=username, first_name=first_name, email=f"{username}@example.com")
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            log(f"演示账号 / demo login ({role}): {username} / {password}")
        elif settings.DEBUG and user.check_password(dev_password):
            log(f"演示账号 / demo login ({role}): {username} / {dev_password}")
        else:
            log(f"演示账号 / demo login ({role}): {username} (password set earlier)")
        users.append(user)
    return users


def load(log):
    setup_roles(log)
    if demo_users_wanted():
        create_demo_users(log)
    else:
        log("演示角色账号只在开发环境创建（DEBUG=1，或设置 DEMO_USERS=1）")
