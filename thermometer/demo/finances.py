"""The demo Thermometer's financial figures: Wassenaar's real lasten per taakveld
(``data/wassenaar_taakveld_lasten_2020_2024.csv``, facts with their source), read and kept
through the same functions as an adviser's import."""

from pathlib import Path

from thermometer.finances import services
from thermometer.finances.models import FinancialFigure
from thermometer.finances.reading import Defaults

FIGURES = Path(__file__).resolve().parent / "data" / "wassenaar_taakveld_lasten_2020_2024.csv"


def create_demo_finances(scan, *, user) -> None:
    if FinancialFigure.objects.filter(scan=scan).exists():
        return
    result = services.read(FIGURES.read_bytes(), FIGURES.name, Defaults(document="rekening"))
    services.store(scan, result, source=f"Gemeente Wassenaar, {FIGURES.name}", user=user)
