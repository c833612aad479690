"""Two guards around wagtail-localize 1.14's segment extraction, which
crashes (a 500 when an organiser asks for a translation) on a StreamField
block left empty: an optional ``ImageBlock`` inside a ``StructBlock`` (the
home page's hero without an image: ``'NoneType' object has no attribute
'get'``), or an optional text block stored as null (wagtail-localize issues
#849, #918, #935). An empty block has nothing to translate, so it gives no
segment; the translation keeps the source's (empty) value.

Installed once from ``HomeConfig.ready``; remove when wagtail-localize
handles empty blocks itself (``tests/test_i18n_admin.py`` says when)."""

from wagtail.images.blocks import ImageBlock
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

_original_handle_block = StreamFieldSegmentExtractor.handle_block


def _handle_block(self, block_type, block_value, raw_value=None):
    if block_value is None or (isinstance(block_type, ImageBlock) and raw_value is None):
        return []
    return _original_handle_block(self, block_type, block_value, raw_value=raw_value)


def install() -> None:
    StreamFieldSegmentExtractor.handle_block = _handle_block
