from django.db import models
from django.utils.translation import gettext_lazy as _


class MethodVersionQuerySet(models.QuerySet):
    def latest_per_method(self):
        """The newest version of each method, for choosing a method for a new scan."""
        newest = {}
        for method in self.order_by("slug"):
            current = newest.get(method.slug)
            if current is None or method.version_key > current.version_key:
                newest[method.slug] = method
        return sorted(newest.values(), key=lambda m: m.name)


class MethodVersion(models.Model):
    """One immutable version of a method definition, as a scan runs on it.

    The definition is copied from the YAML file into the database when first
    seen, so editing a file never changes a scan that already runs on it.
    """

    slug = models.SlugField(_("method"), max_length=50)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=50)
    definition = models.JSONField(_("definition"))
    checksum = models.CharField(max_length=64)
    source_name = models.CharField(max_length=300)
    loaded = models.DateTimeField(auto_now_add=True)

    objects = MethodVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        ordering = ["slug", "version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="method_version_unique")
        ]

    def __str__(self):
        return f"{self.name} {self.version}"

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))

    @property
    def method(self):
        from .definition import Method

        return Method(self.definition)
