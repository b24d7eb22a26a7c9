"""StreamField blocks for editors: one base stream (``BodyBlock``) shared by every page body.

Each block declares an icon, a template, a description and a preview value so that the
block picker in the admin shows editors what they will get.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
        search_index=False,  # "Level 2" is layout, not content: keep it out of search and excerpts
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Layanan publik", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=200,
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "home/blocks/captioned_image.html"
        label = _("Image with caption")
        description = _("A picture with an optional caption and photo credit.")


class DocumentLinksBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_links.html"
        label = _("Document downloads")
        description = _("A list of documents to download, with their type and size.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    button_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted box with one button leading to a page or a link.")
        preview_value = {
            "title": "Ajukan pengaduan",
            "text": "Sampaikan keluhan atau aspirasi Anda kepada Pemerintah Kota Binjai.",
            "button_text": "Mulai",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page or an external link, not both.")
            raise StructBlockValidationError(block_errors={"page": blocks.BlockValidationError(message)})
        return value


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))
    is_faq = blocks.BooleanBlock(
        label=_("Frequently asked questions"),
        required=False,
        help_text=_("Mark up as FAQ for search engines."),
    )

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion.html"
        label = _("Accordion / FAQ")
        description = _("Expandable questions and answers; readable without JavaScript.")


class BodyBlock(blocks.StreamBlock):
    """The shared body of standard pages and news articles."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraph"),
        template="home/blocks/paragraph.html",
        description=_("Formatted text with links and lists."),
        preview_value="<p>Pemerintah Kota Binjai melayani warga secara daring.</p>",
    )
    image = CaptionedImageBlock()
    documents = DocumentLinksBlock()
    table = TableBlock(
        label=_("Table"),
        template="home/blocks/table.html",
        description=_("A simple data table with an optional header row."),
    )
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    quote = blocks.BlockQuoteBlock(
        label=_("Quote"), icon="openquote", description=_("A quotation set apart from the text.")
    )
