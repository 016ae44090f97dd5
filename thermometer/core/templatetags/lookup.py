"""``{{ names|get_item:key }}``: a method's name for a key, in templates."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if mapping else key
