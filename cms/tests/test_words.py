"""cms.words.once: a phrase is made once per language and values, and never served in another language."""

from django.utils import translation
from django.utils.translation import gettext

from cms.words import once

calls = []


def heading(number: int) -> str:
    calls.append(number)
    return f"{gettext('分页')} {number}"


def test_a_phrase_is_made_once_per_language_and_value():
    calls.clear()
    with translation.override("zh-hans"):
        assert once(heading, 3) == once(heading, 3) == "分页 3"
        assert once(heading, 4) == "分页 4"
    with translation.override("en"):
        english = once(heading, 3)
        assert english == once(heading, 3) and english != "分页 3"
    assert calls == [3, 4, 3]
