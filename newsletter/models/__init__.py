"""The newsletter's models, split by concept: pages (issues), subscribers and consent,
sending."""

from .pages import NewsletterIndexPage, NewsletterPage
from .sending import Delivery, Dispatch
from .subscribers import (
    ConsentRecord,
    ConsentText,
    NewsletterList,
    Subscriber,
    SuppressedAddress,
    email_hash,
    normalise_email,
)

__all__ = [
    "ConsentRecord",
    "ConsentText",
    "Delivery",
    "Dispatch",
    "NewsletterIndexPage",
    "NewsletterList",
    "NewsletterPage",
    "Subscriber",
    "SuppressedAddress",
    "email_hash",
    "normalise_email",
]
