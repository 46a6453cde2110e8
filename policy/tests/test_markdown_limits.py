"""Finding 9 (issue 15, Markdown half): policy answers and key points written in Markdown have a size limit."""

import pytest
from wagtail.blocks import StructBlockValidationError

from cms.limits import MAX_MARKDOWN_CHARS
from policy.blocks import KeyPointBlock, QABlock


@pytest.mark.django_db
def test_a_too_long_answer_is_refused():
    block = QABlock()
    value = block.to_python({"question": "问题？", "answer": "答" * (MAX_MARKDOWN_CHARS + 1), "references": []})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "answer" in error.value.block_errors
    block.clean(block.to_python({"question": "问题？", "answer": "答" * 1000, "references": []}))


@pytest.mark.django_db
def test_a_too_long_key_point_is_refused():
    block = KeyPointBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "要" * (MAX_MARKDOWN_CHARS + 1), "references": []}))
