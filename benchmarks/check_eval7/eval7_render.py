"""What LibreOffice makes of a corpus document: lines per page with their position, size and text,
read from the PDF with pdfplumber (the fonts mapped by ../shared/tools/fonts.conf). Used to check,
without wenmi, that the clean documents lay out by GB/T 9704 and that the pagination defects show."""

from __future__ import annotations

import shutil
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eval7_model import soffice

PT_MM = 25.4 / 72
BLOCK_TOP, BLOCK_BOTTOM = 37.0, 297.0 - 35.0  # mm from the top edge of an A4 page


@dataclass
class Row:
    page: int  # 1-based
    top: float  # mm from the page's top edge
    bottom: float
    x0: float
    x1: float
    size: float
    text: str


def rows_of(docx: Path) -> tuple[list[list[Row]], list[tuple[float, float]]]:
    """Rows of text of every page, and each page's size in mm."""
    import pdfplumber

    work = Path(tempfile.mkdtemp(prefix="wenmi-eval7-pdf-"))
    try:
        pdf = soffice(docx, "pdf", work)
        pages: list[list[Row]] = []
        sizes: list[tuple[float, float]] = []
        with pdfplumber.open(str(pdf)) as doc:
            for n, page in enumerate(doc.pages, 1):
                sizes.append((round(page.width * PT_MM, 1), round(page.height * PT_MM, 1)))
                buckets: dict[int, list[dict]] = {}
                for c in page.chars:
                    if c["text"].strip():
                        buckets.setdefault(round(c["bottom"] / 3), []).append(c)
                rows = []
                for key in sorted(buckets):
                    cs = sorted(buckets[key], key=lambda c: c["x0"])
                    rows.append(Row(n, round(min(c["top"] for c in cs) * PT_MM, 1), round(max(c["bottom"] for c in cs) * PT_MM, 1),
                                    round(cs[0]["x0"] * PT_MM, 1), round(cs[-1]["x1"] * PT_MM, 1),
                                    round(statistics.median(c["size"] for c in cs), 1), "".join(c["text"] for c in cs)))  # fmt: skip
                pages.append(rows)
        return pages, sizes
    finally:
        shutil.rmtree(work, ignore_errors=True)


def body_rows(page: list[Row]) -> list[Row]:
    """Rows inside the text block (not the footer)."""
    return [r for r in page if r.bottom <= BLOCK_BOTTOM + 2]


def footer_rows(page: list[Row]) -> list[Row]:
    return [r for r in page if r.top > BLOCK_BOTTOM + 2]
