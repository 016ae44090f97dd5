"""The Tweedaagse scan's household and journey, seeded from the method."""

import factory

from thermometer.journeys import services
from thermometer.journeys.models import Household

from .live import LiveSessionFactory


class JourneyFactory(factory.Factory):
    """``JourneyFactory()``: a Tweedaagse scan (``ScanFactory(tweedaagse=True)`` unless
    ``scan`` is given) with its household and journey steps seeded from the method
    (``journeys.services.seed``); returns the household. ``pains=["…", …]`` opens a
    live session and records those pain points at the first step."""

    class Meta:
        model = Household

    scan = factory.LazyFunction(lambda: _tweedaagse())
    pains = ()

    @classmethod
    def _create(cls, model_class, *, scan, pains):
        household = services.seed(scan)
        if pains:
            session = LiveSessionFactory(scan=scan, kind="journey")
            step = scan.journey_steps.order_by("order").first()
            for text in pains:
                services.add_observation(session, None, step_id=step.pk, kind="pain", text=text)
        return household


def _tweedaagse():
    from .scans import ScanFactory

    return ScanFactory(tweedaagse=True)
