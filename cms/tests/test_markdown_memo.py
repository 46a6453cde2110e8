"""The per-process memo of rendered Markdown: keyed by the text itself, so an edit is never served stale, and an
unchanged body is not parsed again on each uncached render."""

from cms import safe_markdown
from cms.safe_markdown import MEMO_MAX_CHARS, render_markdown


def test_the_same_text_is_rendered_once_and_an_edit_renders_afresh():
    safe_markdown._render_memo.cache_clear()
    first = render_markdown("## 照护要点\n\n- 翻身\n- 喂食")
    again = render_markdown("## 照护要点\n\n- 翻身\n- 喂食")
    assert again is first
    assert safe_markdown._render_memo.cache_info().hits == 1
    edited = render_markdown("## 照护要点\n\n- 翻身\n- 喂水")
    assert "喂水" in edited and "喂食" not in edited
    assert "<h3>" in first and "<h2>" in render_markdown("## 照护要点", heading_offset=0)


def test_a_remembered_rendering_is_still_sanitised():
    safe_markdown._render_memo.cache_clear()
    hostile = '<script>alert(1)</script><a href="javascript:alert(1)">点我</a>'
    for _ in range(2):
        html = render_markdown(hostile)
        assert "<script" not in html and "javascript:" not in html


def test_very_long_bodies_are_not_kept_in_memory():
    safe_markdown._render_memo.cache_clear()
    long_text = "长" * (MEMO_MAX_CHARS + 1)
    assert render_markdown(long_text) == render_markdown(long_text)
    assert safe_markdown._render_memo.cache_info().currsize == 0
