from wagtail import hooks

from .audit import register_actions
from .escalation import refuse_superuser_flag, refuse_superuser_targets


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    register_actions(actions)


hooks.register("before_edit_user", refuse_superuser_targets)
hooks.register("before_edit_user", refuse_superuser_flag)
hooks.register("before_create_user", refuse_superuser_flag)
