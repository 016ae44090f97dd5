"""factory_boy factories, one module per app; traits name the domain states tests need.

Everything builds through the services where the product does (a scan through
``create_scan``, a recommendation through ``add_recommendation``, an indicator through
``add_indicator``), so a factory-made object carries its audit events and the checks
the product applies. The names below are the ones tests import.
"""

from .accounts import PASSWORD, UserFactory, adviser, client_user
from .advice import (
    ADVICE_STATES,
    RecommendationFactory,
    advise,
    concept_advice_in_feedback,
)
from .coding import coded_document
from .frameworks import Framework, FrameworkFactory, IndicatorFactory
from .journeys import JourneyFactory
from .live import DeviceFactory, LiveSessionFactory
from .organisations import OrganisationFactory
from .participants import ParticipantFactory
from .questionnaires import QuestionnaireFactory, ResponseFactory
from .scans import ScanFactory, add_to_team, make_scan, method_version, municipality
from .sources import document

__all__ = [
    "ADVICE_STATES",
    "PASSWORD",
    "DeviceFactory",
    "Framework",
    "FrameworkFactory",
    "IndicatorFactory",
    "JourneyFactory",
    "LiveSessionFactory",
    "OrganisationFactory",
    "ParticipantFactory",
    "QuestionnaireFactory",
    "RecommendationFactory",
    "ResponseFactory",
    "ScanFactory",
    "UserFactory",
    "add_to_team",
    "adviser",
    "advise",
    "client_user",
    "coded_document",
    "concept_advice_in_feedback",
    "document",
    "make_scan",
    "method_version",
    "municipality",
]
