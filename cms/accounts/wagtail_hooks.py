from wagtail import hooks

from .audit import register_actions


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    register_actions(actions)
