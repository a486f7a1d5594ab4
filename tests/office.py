"""Lay a .docx out in LibreOffice and measure the PDF (the project's own layout check).

LibreOffice runs headless with `tests/fonts.conf`, which maps the standard font names
(仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) onto the free Noto CJK and AR PL faces.
Positions are in millimetres from the page's top-left corner.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

PT_MM = 25.4 / 72
FONTS_CONF = Path(__file__).with_name("fonts.conf")


def require_office() -> None:
    """Skip without LibreOffice, unless CI demands it (WENMI_REQUIRE_OFFICE=1): then fail."""
    if shutil.which("soffice"):
        _require_latin_metrics()
        return
    if os.environ.get("WENMI_REQUIRE_OFFICE"):
        pytest.fail("LibreOffice (soffice) is required here: apt-get install libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed")


def _require_latin_metrics() -> None:
    """Digits and Latin text are set in Times New Roman: without a face of its metrics (Liberation
    Serif), fontconfig falls back to a wider one and every measured line count is off."""
    if not shutil.which("fc-match"):
        return
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    face = subprocess.run(
        ["fc-match", "-f", "%{family}", "Times New Roman"], capture_output=True, text=True, env=env
    ).stdout
    if "Times New Roman" not in face and "Liberation Serif" not in face:
        pytest.fail(f"Times New Roman resolves to {face!r}: apt-get install fonts-liberation2")


def to_pdf(docx: Path, workdir: Path) -> Path:
    return to_pdfs([docx], workdir)[0]


def to_pdfs(docxs: list[Path], workdir: Path) -> list[Path]:
    """Convert several documents in one LibreOffice run (its start-up dominates)."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-", dir=workdir))
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir), *map(str, docxs)],
        check=True, capture_output=True, timeout=180 + 10 * len(docxs), env=env,
    )  # fmt: skip
    pdfs = [workdir / (docx.stem + ".pdf") for docx in docxs]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice did not produce {missing}"
    return pdfs


@dataclass
class Row:
    """One printed line: glyphs sharing a baseline."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    fonts: set[str]
    text: str

    @property
    def han(self) -> int:
        return sum("\u4e00" <= c <= "\u9fff" for c in self.text)


def measure(pdf: Path) -> list[list[Row]]:
    import pdfplumber

    pages: list[list[Row]] = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            buckets: dict[int, list[dict[str, object]]] = {}
            for c in page.chars:
                if str(c["text"]).strip():
                    buckets.setdefault(round(float(c["bottom"]) / 2), []).append(c)  # type: ignore[arg-type]
            rows = []
            for key in sorted(buckets):
                cs = sorted(buckets[key], key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
                rows.append(
                    Row(
                        page=number,
                        top=min(float(c["top"]) for c in cs) * PT_MM,  # type: ignore[arg-type]
                        bottom=max(float(c["bottom"]) for c in cs) * PT_MM,  # type: ignore[arg-type]
                        x0=float(cs[0]["x0"]) * PT_MM,  # type: ignore[arg-type]
                        x1=float(cs[-1]["x1"]) * PT_MM,  # type: ignore[arg-type]
                        size=round(statistics.median(float(c["size"]) for c in cs), 1),  # type: ignore[arg-type]
                        fonts={str(c["fontname"]).split("+")[-1] for c in cs},
                        text="".join(str(c["text"]) for c in cs),
                    )
                )
            pages.append(rows)
    return pages


def rules(pdf: Path) -> list[list[float]]:
    """The horizontal rules of each page, as distances (mm) from the page's top edge."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            edges = [*page.lines, *page.rects]
            ys = {round(float(e["top"]) * PT_MM, 1) for e in edges if abs(float(e["top"]) - float(e["bottom"])) < 1.5}
            out.append(sorted(ys))
    return out
