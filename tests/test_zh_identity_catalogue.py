"""Every Chinese source string of ours has an identity entry in the compiled zh_Hans catalogue (tools/zh_identity.py),
so a zh-hans lookup stops at our catalogue instead of walking every catalogue Django loaded (26 µs against 4 µs)."""

import gettext
import re
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def compiled(language: str) -> dict:
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_every_simple_source_string_has_its_identity_entry():
    english, chinese = compiled("en"), compiled("zh_Hans")
    ours = [msgid for msgid in english if isinstance(msgid, str) and re.search(r"[\u3400-\u9fff]", msgid)]
    assert len(ours) > 500
    missing = [msgid for msgid in ours if chinese.get(msgid) is None]
    assert not missing, f"run tools/zh_identity.py and compilemessages: {missing[:5]} …"
    wrong = [msgid for msgid in ours if chinese[msgid] != msgid]
    assert not wrong, f"identity entries must repeat the Chinese source: {wrong[:5]}"


def test_the_chinese_page_text_is_unchanged_and_english_still_translated():
    with translation.override("zh-hans"):
        assert _("跳到正文") == "跳到正文"
    with translation.override("en"):
        assert _("跳到正文") != "跳到正文"
