"""The pages on top of the domain apps: the home page, standard pages, the accessibility
statement and the information the accessibility act asks of a public entity's website (the
easy-to-read text, home/easy_read.py, and the sign-language recording, home/sign_language.py).
The home page gathers content from several domains."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseContentBlocks
from cms.chrome import site_chrome
from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from home.easy_read import EasyReadPage
from home.sign_language import SignLanguagePage
from newsletter.blocks import NewsletterSignupBlock

__all__ = [
    "AccessibilityStatementPage",
    "EasyReadPage",
    "HomePage",
    "PageBodyBlocks",
    "SignLanguagePage",
    "StandardPage",
]


class PageBodyBlocks(BaseContentBlocks):
    """The shared content blocks plus the newsletter signup form, which any page may carry
    (home sits above the domain apps, so it may combine their blocks)."""

    newsletter_signup = NewsletterSignupBlock()


STATEMENT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3"]


class HomePage(NormalisedSearchMixin, Page):
    """The site root (one per language). Presents the programme, its targets and partners.

    Its children are the standard pages, the accessibility statement and the section pages of
    the domain apps, listed here (the top floor may name the floors below). The section pages
    allow this page as their parent through settings.SECTION_PARENT_PAGE_TYPES; a test checks
    that the two lists agree."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(PageBodyBlocks(), blank=True, verbose_name=_("body"))
    target_jst = models.PositiveIntegerField(_("target: JST representatives trained"), default=640)
    target_ngo = models.PositiveIntegerField(_("target: NGO board members trained"), default=320)
    target_jst_supported = models.PositiveIntegerField(_("target: JSTs supported"), default=20)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("target_jst"),
                FieldPanel("target_ngo"),
                FieldPanel("target_jst_supported"),
            ],
            heading=_("Programme targets"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        NORMALISED_SEARCH_FIELD,
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.AccessibilityStatementPage",
        "home.EasyReadPage",
        "home.SignLanguagePage",
        "courses.CourseIndexPage",
        "events.EventIndexPage",
        "paths.LearningPathIndexPage",
        "newsletter.NewsletterIndexPage",
        "practices.InstrumentIndexPage",
        "practices.PracticeIndexPage",
        "practices.PublicationIndexPage",
        "recruitment.RecruitmentCallPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The section pages as cards: the menu's children of this home page, taken from the
        # cached site chrome (no query), without the standard and legal pages.
        chrome = site_chrome(request) or {}
        pages = ContentType.objects.get_for_models(
            StandardPage, AccessibilityStatementPage, EasyReadPage, SignLanguagePage
        )
        excluded = {content_type.pk for content_type in pages.values()}
        context["sections"] = [
            item
            for item in chrome.get("menu", [])
            if item["content_type_id"] not in excluded and chrome.get("home_path") == self.path
        ]
        return context


class StandardPage(NormalisedSearchMixin, Page):
    """A plain content page: about the project, privacy policy, help."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(PageBodyBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        NORMALISED_SEARCH_FIELD,
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(NormalisedSearchMixin, Page):
    """The "Deklaracja dostępności" required of public bodies' websites (act of 4 April 2019).

    Structured fields, so the template can put each element id that the ministry's validator
    checks exactly once (the ids are never translated): the editor fills in facts, the legal
    wording (status sentence, complaint procedure) comes from the template and its catalogue."""

    STATUS_COMPLIANT = "compliant"
    STATUS_PARTIAL = "partial"
    STATUS_NONCOMPLIANT = "noncompliant"
    STATUS_CHOICES = [
        (STATUS_COMPLIANT, _("compliant")),
        (STATUS_PARTIAL, _("partially compliant")),
        (STATUS_NONCOMPLIANT, _("non-compliant")),
    ]

    entity_name = models.CharField(
        _("public body"), max_length=255, help_text=_("The body that runs the website.")
    )
    scope = models.CharField(
        _("scope"),
        max_length=255,
        default="",
        blank=True,
        help_text=_('What the statement covers, e.g. "the website".'),
    )
    site_name = models.CharField(_("website name"), max_length=255)
    site_url = models.URLField(_("website address"))
    published_on = models.DateField(_("date the website was published"))
    updated_on = models.DateField(_("date of the last significant update"))
    status = models.CharField(
        _("compliance status"), max_length=20, choices=STATUS_CHOICES, default=STATUS_PARTIAL
    )
    non_compliance = RichTextField(
        _("inaccessible content and exemptions"),
        blank=True,
        features=STATEMENT_FEATURES,
        help_text=_("What is not accessible and why; required unless the site is compliant."),
    )
    prepared_on = models.DateField(_("date the statement was prepared"))
    reviewed_on = models.DateField(
        _("date of the last review"),
        null=True,
        blank=True,
        help_text=_("The statement is reviewed at least once a year, by 31 March."),
    )
    assessment = models.TextField(
        _("how the statement was prepared"),
        blank=True,
        help_text=_("E.g. a self-assessment by the public body, or an audit by another body."),
    )
    keyboard_shortcuts = RichTextField(
        _("keyboard shortcuts and other facilities"), blank=True, features=STATEMENT_FEATURES
    )
    contact_person = models.CharField(_("contact person"), max_length=255)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    architecture = RichTextField(
        _("architectural accessibility"),
        features=STATEMENT_FEATURES,
        help_text=_("Entrances, lifts, parking, assistance dogs, for each building."),
    )
    architecture_url = models.URLField(
        _("more about architectural accessibility (address)"), blank=True
    )
    communication = RichTextField(
        _("communication and information accessibility"),
        features=STATEMENT_FEATURES,
        help_text=_("Sign language interpreting, induction loops, ways to contact the body."),
    )
    mobile_apps = RichTextField(
        _("mobile applications"),
        blank=True,
        features=STATEMENT_FEATURES,
        help_text=_("Only if the body publishes mobile applications."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("scope"),
                FieldPanel("site_name"),
                FieldPanel("site_url"),
                FieldPanel("published_on"),
                FieldPanel("updated_on"),
            ],
            heading=_("Introduction"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("non_compliance")],
            heading=_("Compliance status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment"),
                FieldPanel("keyboard_shortcuts"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("architecture"),
                FieldPanel("architecture_url"),
                FieldPanel("communication"),
                FieldPanel("mobile_apps"),
            ],
            heading=_("Other accessibility"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("non_compliance"),
        NORMALISED_SEARCH_FIELD,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def status_sentence(self):
        """The legal sentence for the status: exactly one of the three the law allows."""
        return {
            self.STATUS_COMPLIANT: _(
                "The website is compliant with the Act of 4 April 2019 on the digital "
                "accessibility of websites and mobile applications of public bodies."
            ),
            self.STATUS_PARTIAL: _(
                "The website is partially compliant with the Act of 4 April 2019 on the digital "
                "accessibility of websites and mobile applications of public bodies due to the "
                "non-compliances or exemptions listed below."
            ),
            self.STATUS_NONCOMPLIANT: _(
                "The website is not compliant with the Act of 4 April 2019 on the digital "
                "accessibility of websites and mobile applications of public bodies due to the "
                "non-compliances or exemptions listed below."
            ),
        }[self.status]
