"""A scan's financial figures: the municipality's own Iv3 figures per taakveld and year,
its inhabitants, and CBS per-inhabitant figures of comparable municipalities.

Amounts are whole euros as reported (lasten and baten both positive, as Iv3 reports
them); what is worked out from them lives in ``measures.py`` (pure).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.TextChoices):
    BUDGET = "begroting", _("budget")
    ACCOUNTS = "rekening", _("accounts")


class Side(models.TextChoices):
    EXPENDITURE = "lasten", _("expenditure")
    INCOME = "baten", _("income")


class FinancialFigure(models.Model):
    """One amount of the municipality: taakveld × year × budget or accounts × lasten or baten."""

    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.CASCADE, related_name="financial_figures"
    )
    taakveld = models.CharField(_("taakveld"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    document = models.CharField(_("document"), max_length=10, choices=Document.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    amount = models.DecimalField(_("amount (€)"), max_digits=15, decimal_places=0)
    source = models.CharField(_("source"), max_length=200)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["taakveld", "year", "document", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "taakveld", "year", "document", "side"],
                name="financial_figure_once",
            )
        ]

    def __str__(self):
        return f"{self.taakveld} {self.year} {self.document} {self.side}: {self.amount}"


class Inhabitants(models.Model):
    """How many people lived in the municipality (or a group of them) on 1 January."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="inhabitants")
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(_("group"), max_length=20, default="all")
    count = models.PositiveIntegerField(_("inhabitants"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["group", "year"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "year", "group"], name="inhabitants_once")
        ]

    def __str__(self):
        return f"{self.group} {self.year}: {self.count}"


class ReferenceFigure(models.Model):
    """A CBS figure per inhabitant of a size class or province, kept as fetched."""

    class Region(models.TextChoices):
        SIZE_CLASS = "size_class", _("size class")
        PROVINCE = "province", _("province")

    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.CASCADE, related_name="financial_references"
    )
    region = models.CharField(max_length=12, choices=Region.choices)
    region_label = models.CharField(max_length=200)
    taakveld = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    document = models.CharField(max_length=10, choices=Document.choices)
    side = models.CharField(max_length=10, choices=Side.choices)
    per_inhabitant = models.DecimalField(max_digits=12, decimal_places=2)
    table = models.CharField(max_length=20)
    fetched_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "taakveld", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "region", "taakveld", "year", "document", "side"],
                name="reference_figure_once",
            )
        ]

    def __str__(self):
        return f"{self.region_label} {self.taakveld} {self.year}: {self.per_inhabitant}"
