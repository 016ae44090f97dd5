"""Text recognition of a PDF page with Tesseract (Dutch), where it is installed."""

import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from .blocks import PARAGRAPH, Block, join_lines


@lru_cache(maxsize=1)
def _tesseract_has_dutch() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    result = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "nld" in result.stdout.split()


def ocr_available() -> bool:
    return _tesseract_has_dutch()


def ocr_text(data: bytes, page_number: int) -> str:
    """The text Tesseract reads on one page, rendered at 300 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "300", "-f", str(page_number), "-l", str(page_number), "-png"]
            + [str(pdf), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "nld"],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result.stdout


def ocr_blocks(data: bytes, page_number: int) -> list[Block]:
    """Paragraphs (separated by blank lines in Tesseract's output) of one page."""
    text = ocr_text(data, page_number)
    blocks = []
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines:
            blocks.append(Block(PARAGRAPH, join_lines(lines), page_number))
    return blocks
