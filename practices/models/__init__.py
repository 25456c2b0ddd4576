"""Knowledge base: the cooperation instruments (a controlled vocabulary that courses and events
also tag their content with), instrument guides, good practices and publications."""

from .catalogue import (
    PracticeIndexPage,
    PracticeLocalLaw,
    PracticePage,
    PracticePartner,
    PracticeProposal,
)
from .instruments import Instrument, InstrumentIndexPage, InstrumentPage
from .publications import PublicationIndexPage, PublicationPage

__all__ = [
    "Instrument",
    "InstrumentIndexPage",
    "InstrumentPage",
    "PracticeIndexPage",
    "PracticeLocalLaw",
    "PracticePage",
    "PracticePartner",
    "PracticeProposal",
    "PublicationIndexPage",
    "PublicationPage",
]
