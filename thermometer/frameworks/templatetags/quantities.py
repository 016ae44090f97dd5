"""``{{ indicator.norm|quantity:indicator.unit }}``: a norm written as the monitoring writes it."""

from django import template

from thermometer.frameworks.monitoring import quantity as _quantity

register = template.Library()


@register.filter
def quantity(value, unit=""):
    return "" if value is None else _quantity(value, unit or "")
