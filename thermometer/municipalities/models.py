from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def search(self, term: str):
        """Match by CBS code (GM0171, 0171, 171) or by part of the name."""
        term = term.strip()
        if not term:
            return self.none()
        digits = term.upper().removeprefix("GM")
        if digits.isdigit():
            return self.filter(code=f"GM{int(digits):04d}")
        return self.filter(name__icontains=term)


class Municipality(models.Model):
    """A Dutch municipality, keyed by its CBS code (reference data, not tenant-owned)."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=50)
    youth_care_region = models.CharField(_("youth care region"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population reference date"), null=True, blank=True)
    population_note = models.CharField(_("population note"), max_length=200, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^GM[0-9]{4}$"), name="municipality_code_format"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"
