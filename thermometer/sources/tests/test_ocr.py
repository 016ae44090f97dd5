"""A scanned PDF (no text layer) is read by Tesseract when it is installed."""

import subprocess
import tempfile
from pathlib import Path

import pytest

from thermometer.sources.extraction import extract, ocr_available

PDF = (
    Path(__file__).resolve().parents[4]
    / "shared/data/policy_documents/2_gemeente_wassenaar/Begroting_2026_Wassenaar.pdf"
)


@pytest.mark.skipif(not PDF.exists(), reason="shared/data/policy_documents is not present")
@pytest.mark.skipif(
    not ocr_available(), reason="Tesseract with Dutch data and pdftoppm are not installed"
)
def test_scanned_page_is_read_by_text_recognition():
    import img2pdf

    with tempfile.TemporaryDirectory() as folder:
        # A real page, rasterised and wrapped in a PDF without a text layer: a "scan".
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "150",
                "-f",
                "11",
                "-l",
                "11",
                "-gray",
                "-png",
                str(PDF),
                str(Path(folder) / "scan"),
            ],
            check=True,
        )
        image = next(Path(folder).glob("scan*.png"))
        scanned = img2pdf.convert(str(image))
    extracted = extract(scanned, "pdf")
    assert extracted.page_count == 1
    assert "OCR" in str(extracted.notes[0])
    assert "Veiligheid en handhaving" in extracted.text
    assert "Wassenaar" in extracted.text
