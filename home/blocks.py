"""The shared StreamField blocks for body content (one set for every page)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_url = blocks.URLBlock(label=_("or URL"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"


class BodyBlock(blocks.StreamBlock):
    """Body content shared by every page type."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
    )
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = ImageBlock(label=_("Image"), required=False)

    class Meta:
        icon = "image"
        template = "home/blocks/hero_block.html"


class FeaturedEventsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, default=_("Upcoming events"))
    events = blocks.ListBlock(blocks.PageChooserBlock(page_type="agenda.EventPage"), label=_("Events"))

    class Meta:
        icon = "date"
        template = "home/blocks/featured_events_block.html"


class HomeBodyBlock(BodyBlock):
    """The home page adds a hero and featured events to the shared blocks."""

    hero = HeroBlock()
    featured_events = FeaturedEventsBlock()
