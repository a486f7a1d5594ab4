"""Checks of the seventh corpus made WITHOUT wenmi: LibreOffice lays each clean document out by
GB/T 9704 (A4, 28 × 22 on the text block, page numbers “— N —” 4号 odd right / even left, 落款 per
7.3.5.2, no heading at a page foot), and each pagination defect of the key shows on the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from eval7_render import BLOCK_BOTTOM, BLOCK_TOP, Row, body_rows, footer_rows, rows_of

CHAR_MM = 16 / 72 * 25.4  # one 3号 character
PITCH_MM = 28.95 / 72 * 25.4
LEFT, RIGHT = 28.0, 210.0 - 26.0
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d)|（\d+）)")
NUMBER = re.compile(r"^—(\d+)—$")


def _han(s: str) -> bool:
    return all(ord(c) > 0x2000 for c in s)


def check_clean(name: str, pages: list[list[Row]], sizes: list[tuple[float, float]], record: bool) -> list[str]:
    bad: list[str] = []
    last_numbered = len(pages) - (1 if record else 0)
    for n, (page, size) in enumerate(zip(pages, sizes, strict=True), 1):
        if size != (210.0, 297.0):
            bad.append(f"{name} p{n}: page {size}")
        rows = body_rows(page)
        if slots(page) > 22:
            bad.append(f"{name} p{n}: {slots(page)} lines")
        for r in rows:
            hang = r.text[-1:] in "，。、；：？！”）》"  # punctuation hanging past the edge, as Word and LibreOffice allow
            if r.x0 < LEFT - 1 or r.x1 > RIGHT + (6 if hang else 1) or r.top < BLOCK_TOP - 2 or r.bottom > BLOCK_BOTTOM + 1:
                bad.append(f"{name} p{n}: row outside the text block {r}")
            if r.size >= 15 and _han(r.text) and len(r.text) > 28 + hang:
                bad.append(f"{name} p{n}: {len(r.text)} characters in a line")
        tops = [r.top for r in rows if abs(r.size - 16) < 0.6]
        for a, b in zip(tops, tops[1:], strict=False):
            if abs((b - a) - PITCH_MM) > 0.6 and abs((b - a) - 2 * PITCH_MM) > 0.6 and b - a < 3 * PITCH_MM - 1:
                bad.append(f"{name} p{n}: line pitch {b - a:.2f} mm")
        foot = footer_rows(page)
        if n > last_numbered:
            if foot:
                bad.append(f"{name} p{n}: the 版记 page carries a number")
            if n % 2 or not rows or rows[-1].bottom < BLOCK_BOTTOM - 8:  # 7.4.1: at the foot of an even page
                bad.append(f"{name} p{n}: 版记 not at the foot of an even page")
            continue
        num = [r for r in foot if NUMBER.match(r.text.replace(" ", ""))]
        if len(num) != 1 or NUMBER.match(num[0].text.replace(" ", "")).group(1) != str(n):  # type: ignore[union-attr]
            bad.append(f"{name} p{n}: page number {[r.text for r in foot]}")
            continue
        r = num[0]
        if abs(r.size - 14) > 0.3:
            bad.append(f"{name} p{n}: page number size {r.size}")
        if n % 2 and abs(r.x1 - (RIGHT - 14 / 72 * 25.4)) > 1.5:
            bad.append(f"{name} p{n}: odd page number ends at {r.x1} mm")
        if not n % 2 and abs(r.x0 - (LEFT + 14 / 72 * 25.4)) > 1.5:
            bad.append(f"{name} p{n}: even page number starts at {r.x0} mm")
        if not 264.5 <= r.top <= 268:  # the dashes 7 mm under the block: the glyph box starts about 3 mm above them
            bad.append(f"{name} p{n}: page number top at {r.top} mm")
    full = [r for p in pages for r in body_rows(p) if r.size >= 15 and _han(r.text) and len(r.text) >= 27 and r.x0 < LEFT + 1]
    widest = max((len(r.text.rstrip("，。、；：？！”）》")) for r in full), default=28)
    if widest not in (27, 28):
        bad.append(f"{name}: {widest} characters in a full line")
    if len(pages) > 1 + record and not any(slots(p) == 22 for p in pages):
        bad.append(f"{name}: no page of 22 lines")
    bad += _pagination(name, pages)
    return bad


def slots(page: list[Row]) -> int:
    """Lines of the grid used on a page, blank lines included."""
    rows = body_rows(page)
    return round((rows[-1].top - (BLOCK_TOP + 2.7)) / PITCH_MM) + 1 if rows else 0


def _pagination(name: str, pages: list[list[Row]]) -> list[str]:
    """背题 and a stranded 落款 or character line: none allowed in a clean document."""
    bad = []
    for n, page in enumerate(pages, 1):
        rows = body_rows(page)
        if not rows:
            continue
        if n < len(pages) and HEADING.match(rows[-1].text) and slots(page) >= 19:
            bad.append(f"{name} p{n}: heading at the page foot “{rows[-1].text[:12]}”")
        if n > 1 and len(rows[0].text) <= 2 and not rows[0].text.startswith("附件"):
            bad.append(f"{name} p{n}: page opens with a stranded “{rows[0].text}”")
    return bad


def signature_rows(pages: list[list[Row]], sign: str, date: str) -> tuple[Row, Row] | None:
    rows = [r for p in pages for r in body_rows(p)]
    for a, b in zip(rows, rows[1:], strict=False):
        if a.text == sign.replace(" ", "") and b.text == date.replace(" ", ""):
            return a, b
    return None


def check_signature(name: str, pages: list[list[Row]], sign: str, date: str) -> list[str]:
    """7.3.5.2: 署名 right-indented two characters; 日期 starting two characters right of it (or,
    when longer, right-indented two characters); both on a page with body text."""
    pair = signature_rows(pages, sign, date)
    if pair is None:
        return [f"{name}: 署名 and 日期 not found as two lines"]
    s, d = pair
    bad = []
    if abs(d.x0 - (s.x0 + 2 * 15.75 / 16 * CHAR_MM)) > 2.0:  # characters condensed by 0.25 pt
        bad.append(f"{name}: 日期 at {d.x0}-{d.x1} mm, 署名 at {s.x0}-{s.x1} mm")
    if min(s.x1, d.x1) > RIGHT - 2 * CHAR_MM + 1.5:
        bad.append(f"{name}: 落款 ends at {max(s.x1, d.x1)} mm, less than two characters from the edge")
    page = pages[s.page - 1]
    before = [r for r in body_rows(page) if r.top < s.top]
    if not before:
        bad.append(f"{name}: 署名 opens page {s.page} with no body text")
    return bad


def verify(out: Path, key: dict[str, Any]) -> list[str]:
    """Every problem found, as a line of text; none when the corpus is as its key says."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import eval7_texts

    problems: list[str] = []
    bases = {f"{b.__name__}": b() for b in eval7_texts.BASES}
    for entry in key["clean"]:
        doc = next(d for d in bases.values() if f"{d.name}.docx" == entry["file"])
        pages, sizes = rows_of(out / entry["file"])
        problems += check_clean(entry["file"], pages, sizes, doc.record is not None)
        signs = [b for b in doc.blocks if getattr(b, "role", "") == "sign"]
        dates = [b for b in doc.blocks if getattr(b, "role", "") == "date"]
        if signs:
            problems += check_signature(entry["file"], pages, signs[0].text, dates[0].text)
    import docx

    for entry in key["defective"]:
        shows = [d for d in entry["defects"] if d.get("shows")]
        if not shows:
            continue
        pages, _ = rows_of(out / entry["file"])
        texts = [p.text for p in docx.Document(str(out / entry["file"])).paragraphs]
        for d in shows:
            text = texts[d["paragraph"] - 1] if d["paragraph"] else ""
            if d["paragraph"] and not text.startswith(d["quote"]):
                problems.append(f"{entry['file']}: paragraph {d['paragraph']} is not “{d['quote']}”")
            problems += [f"{entry['file']}: {p}" for p in shows_on_page(pages, d["shows"], text)]
    return problems


def shows_on_page(pages: list[list[Row]], kind: str, text: str) -> list[str]:
    """Whether a pagination defect (beiti, split, orphan, crowded) of the paragraph whose text is
    `text` appears on the rendered pages; what was seen when it does not."""
    quote = text.replace(" ", "")
    for n, page in enumerate(pages, 1):
        rows = body_rows(page)
        if not rows:
            continue
        if kind == "beiti" and quote and rows[-1].text == quote and n < len(pages) and rows[-1].bottom > BLOCK_BOTTOM - 16:
            return []
        if kind == "split" and quote and rows[0].text == quote and n > 1:
            return []
        if kind == "orphan" and n > 1 and len(rows[0].text) <= 3 and quote.endswith(rows[0].text) and quote != rows[0].text:
            return []
        if kind == "crowded" and sum(r.size >= 15 for r in rows) > 22:
            return []
    return [f"{kind} of “{quote}” does not show: " + " | ".join(f"p{n}:{len(body_rows(p))}:{body_rows(p)[-1].text[:10] if body_rows(p) else ''}"
                                                             for n, p in enumerate(pages, 1))]  # fmt: skip


def dump(path: Path) -> None:
    pages, sizes = rows_of(path)
    for n, page in enumerate(pages, 1):
        print(f"--- page {n} {sizes[n - 1]} rows {len(body_rows(page))} slots {slots(page)}")
        for r in page:
            print(f"{r.top:6.1f} {r.x0:6.1f} {r.x1:6.1f} {r.size:5.1f} {len(r.text):3d} {r.text[:40]}")


if __name__ == "__main__":
    import sys

    for arg in sys.argv[1:]:
        dump(Path(arg))
