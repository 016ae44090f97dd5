"""De Raad in positie: a framework of values → results → criteria → indicators."""

from dataclasses import dataclass, field

import factory

from thermometer.frameworks import services
from thermometer.frameworks.models import FrameworkItem, Indicator


class IndicatorFactory(factory.Factory):
    """``IndicatorFactory(criterion=criterion)``: an indicator as the adviser adds it
    (``frameworks.services.add_indicator``: source and frequency checked against the
    method, audited); by default the share of households with a care director, from
    the municipality's own registration, yearly, at least 90%."""

    class Meta:
        model = Indicator

    criterion = None
    name = "Huishoudens met een regisseur"
    definition = "Aandeel huishoudens met meervoudige vragen met een regisseur"
    unit = "%"
    source = "own_registration"
    norm = 90
    direction = "at_least"
    frequency = "yearly"

    @classmethod
    def _create(cls, model_class, *, criterion, user=None, **data):
        return services.add_indicator(criterion, data, user=user or criterion.scan.created_by)


@dataclass
class Framework:
    scan: object
    values: list = field(default_factory=list)
    results: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    indicators: list = field(default_factory=list)

    @property
    def value(self):
        return self.values[0]

    @property
    def result(self):
        return self.results[0]

    @property
    def criterion(self):
        return self.criteria[0]

    @property
    def indicator(self):
        return self.indicators[0]


class FrameworkFactory(factory.Factory):
    """``FrameworkFactory(scan=raad)``: per value text one value, under it one result,
    under that one criterion with one indicator (``IndicatorFactory``). The trait
    ``bare=True`` leaves the indicators out; ``indicator={...}`` sets the indicator's
    fields. Values, results and criteria are stored as the work sessions store what
    members propose (no live session is opened for them here)."""

    class Meta:
        model = Framework

    scan = None
    values = ("Eén gezin, één plan",)
    indicator = factory.Dict({})
    with_indicators = True

    class Params:
        bare = factory.Trait(with_indicators=False)

    @classmethod
    def _create(cls, model_class, *, scan, values, indicator, with_indicators):
        framework = Framework(scan=scan)
        for number, text in enumerate(values, start=1):
            value = _item(scan, "value", text, None)
            result = _item(scan, "result", f"Resultaat {number} van {text}", value)
            criterion = _item(scan, "criterion", f"Criterium {number} van {text}", result)
            framework.values.append(value)
            framework.results.append(result)
            framework.criteria.append(criterion)
            if with_indicators:
                framework.indicators.append(IndicatorFactory(criterion=criterion, **indicator))
        return framework


def _item(scan, level, text, parent):
    return FrameworkItem.objects.create(
        scan=scan,
        level=level,
        text=text,
        parent=parent,
        order=FrameworkItem.objects.filter(scan=scan, level=level).count(),
    )
