"""Reading the uploaded JSON: syntax errors with line and column, and hostile input (100,000 nested brackets, a
5,000-digit number, a key given twice) as an ImportFailed like any other error, never a 500 or a traceback."""

import json
from decimal import Decimal

from django.utils.translation import gettext as _

from .report import ImportFailed

MAX_NUMBER_CHARS = 40  # hours and levels are short numbers; 5,000 digits are an attack, not data


class _HostileJSON(Exception):
    pass


def _number(parse):
    def parse_number(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise _HostileJSON(
                _("数字过长（%(length)s 位，最多 %(max)s 位）") % {"length": len(text), "max": MAX_NUMBER_CHARS}
            )
        return parse(text)

    return parse_number


def _unique_keys(pairs):
    """Object hook: a key given twice is an error, not silently "the last one wins"."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _HostileJSON(_('同一对象中字段 "%(key)s" 出现了两次') % {"key": key})
        seen[key] = value
    return seen


def parse_json(raw) -> object:
    """Parse the uploaded bytes or text; a syntax error is reported with its line and column. Hostile input
    (deep nesting, huge numbers, duplicate keys) is an ImportFailed like any other error, never a traceback."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(["$: " + _("文件不是 UTF-8 编码（第 %(byte)s 字节）") % {"byte": exc.start}]) from exc
    try:
        return json.loads(raw, parse_float=_number(Decimal), parse_int=_number(int), object_pairs_hook=_unique_keys)
    except _HostileJSON as exc:
        raise ImportFailed(["$: " + str(exc)]) from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            [
                "$: "
                + _("不是有效的 JSON：%(reason)s（第 %(line)s 行第 %(column)s 列）")
                % {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
            ]
        ) from exc
    except RecursionError:
        raise ImportFailed(["$: " + _("JSON 嵌套层数过多，不是课程数据文件")]) from None
    except ValueError as exc:  # any other limit of the parser
        raise ImportFailed(["$: " + _("不是有效的 JSON：%(reason)s") % {"reason": exc}]) from None
