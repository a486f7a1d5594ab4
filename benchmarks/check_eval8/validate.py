"""Check corpus 8 without wenmi: renders documents in LibreOffice and reads the PDF.

    python benchmarks/check_eval8/validate.py CORPUS_DIR

- every defective document differs from its clean twin (document, styles, settings, footers);
- every key paragraph holds the text the key quotes;
- every clean document, as LibreOffice lays it out: A4, text block edges (left 28 mm, top 37 mm),
  28 characters on full lines, at most 22 lines a page on a 10.2 mm pitch, the title in the serif
  face at 22 pt, "— N —" page numbers at 14 pt, odd right / even left, no heading at a page foot;
- every pagination defect shows in the rendering (the check named in the key's `render` field).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PT_MM = 25.4 / 72
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def to_pdf(paths: list[Path]) -> dict[Path, Path]:
    """PDFs of `paths` made by LibreOffice (one run), with the standard faces mapped onto free ones."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) not found")
    out = Path(tempfile.mkdtemp(prefix="wenmi-eval8-pdf-"))
    env = dict(os.environ)
    env.setdefault("FONTCONFIG_FILE", str(HERE.parents[1] / "tests" / "fonts.conf"))  # the project's own, in a clean clone too
    subprocess.run([exe, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out)] + [str(p) for p in paths], check=True, capture_output=True, timeout=900, env=env)  # fmt: skip
    return {p: out / f"{p.stem}.pdf" for p in paths}


def pages_of(pdf: Path) -> list[dict[str, Any]]:
    """Per page: its size in mm and its text rows (y of the baseline, x extents, size, faces, text)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            rows: dict[int, list[dict[str, Any]]] = {}
            for c in page.chars:
                if c["text"].strip():
                    rows.setdefault(round(c["bottom"] / 2), []).append(c)
            out = []
            for k in sorted(rows):
                cs = sorted(rows[k], key=lambda c: c["x0"])
                sizes = sorted(round(c["size"], 1) for c in cs)
                out.append({"y": round(cs[0]["bottom"] * PT_MM, 1), "x0": round(cs[0]["x0"] * PT_MM, 1),
                            "x1": round(cs[-1]["x1"] * PT_MM, 1), "size": sizes[len(sizes) // 2],
                            "fonts": sorted({c["fontname"].split("+")[-1] for c in cs}),
                            "text": "".join(c["text"] for c in cs), "n": len(cs)})  # fmt: skip
            pages.append({"w": round(page.width * PT_MM, 1), "h": round(page.height * PT_MM, 1), "rows": out})
    return pages


def width(text: str) -> float:
    """Width in characters: ASCII is half a character."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def body_rows(page: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows inside the text block (not the footer or header)."""
    return [r for r in page["rows"] if 30 < r["y"] < 265]


def footer_rows(page: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in page["rows"] if r["y"] >= 265]


def clean_problems(pages: list[dict[str, Any]]) -> list[str]:
    """What, in LibreOffice's layout, keeps a document from being clean by GB/T 9704."""
    bad = []
    for i, pg in enumerate(pages, 1):
        if (pg["w"], pg["h"]) != (210.0, 297.0):
            bad.append(f"page {i}: {pg['w']} x {pg['h']} mm")
        rows = body_rows(pg)
        if len(rows) > 22:
            bad.append(f"page {i}: {len(rows)} lines")
        for r in rows:
            if r["x0"] < 27.5 or r["x1"] > 184.6 + (5.7 if r["text"][-1] in "，。、；：）”" else 0):
                bad.append(f"page {i}: line outside the text block: {r['text'][:20]} {r['x0']}-{r['x1']}")
            if r["y"] < 37:
                bad.append(f"page {i}: line above the text block: {r['text'][:20]}")
        ys = []
        for r in rows:  # lines of the grid, up to the first table
            if r["size"] < 15:
                break
            if r["size"] == 16.0:
                ys.append(r["y"])
        for a, b in zip(ys, ys[1:], strict=False):
            if abs((b - a) / 10.21 - round((b - a) / 10.21)) > 0.08:
                bad.append(f"page {i}: line pitch {b - a:.1f} mm")
                break
        full = [r for r in rows if r["size"] == 16.0 and r["x1"] > 182 and r["x0"] < 29]
        if any(width(r["text"].rstrip("，。、；：）”")) > 28 for r in full):
            bad.append(f"page {i}: more than 28 characters on a line")
        if any(r["n"] < 27 and all(ord(c) > 255 for c in r["text"]) for r in full):
            bad.append(f"page {i}: fewer than 28 characters on a full line")
        foot = footer_rows(pg)
        if len(foot) != 1 or foot[0]["text"] != f"—{i}—" or foot[0]["size"] != 14.0:
            bad.append(f"page {i}: page number {[(r['text'], r['size']) for r in foot]}")
        elif i % 2 and abs(foot[0]["x1"] - (184 - 4.94)) > 1.5:
            bad.append(f"page {i}: odd page number not right, one character in ({foot[0]['x1']})")
        elif not i % 2 and abs(foot[0]["x0"] - (28 + 4.94)) > 1.5:
            bad.append(f"page {i}: even page number not left, one character in ({foot[0]['x0']})")
        if i < len(pages) and rows and rows[-1]["size"] == 16.0 and HEADING.match(rows[-1]["text"]) \
                and len(rows[-1]["text"]) < 26:
            bad.append(f"page {i}: heading at the foot of the page: {rows[-1]['text']}")
    first = body_rows(pages[0])
    if first and (first[0]["size"] != 22.0 or not any("Serif" in f for f in first[0]["fonts"])):
        bad.append(f"title: {first[0]['size']} pt {first[0]['fonts']}")
    return bad


def _starts(row: dict[str, Any], text: str) -> bool:
    return row["text"].startswith(text.replace("\n", "")[:12])


def shows(pages: list[dict[str, Any]], check: list[Any]) -> bool:
    """Whether a pagination defect named by `check` (the key's `render` entry) shows in the layout."""
    what, *args = check
    if what == "foot_heading":  # a heading is the last line of page N, and text follows on the next page
        page, text = args
        rows = body_rows(pages[page - 1])
        return bool(rows) and _starts(rows[-1], text) and page < len(pages) and bool(body_rows(pages[page]))
    if what == "alone":  # the 署名 starts a page's text or follows only the 附件说明 and empty lines
        for pg in pages:
            rows = body_rows(pg)
            at = next((i for i, r in enumerate(rows) if _starts(r, args[0]) and r["x0"] > 60), None)
            if at is not None:
                return all(r["text"].startswith("附件") or r["x0"] > 50 for r in rows[:at])
        return False
    if what == "lines_over":
        page, n = args
        return len(body_rows(pages[page - 1])) > n
    if what == "orphan_line":  # page N opens with the short last line of a paragraph from the page before
        rows = body_rows(pages[args[0] - 1])
        return len(rows) > 1 and rows[0]["x0"] < 30 and width(rows[0]["text"]) <= 3 and rows[1]["x0"] > 30
    if what == "banji_not_bottom":  # the 抄送 line does not sit in the last lines of the last page
        rows = body_rows(pages[-1])
        cc = next((r for r in rows if r["text"].startswith("抄送")), None)
        return cc is None or cc["y"] < 245 or rows[-1]["y"] < 255
    raise ValueError(what)


def differs(a: Path, b: Path) -> bool:
    """Whether two .docx files differ in any part a reader looks at."""
    def parts(p: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(p) as z:
            return {n: z.read(n) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}

    return parts(a) != parts(b)


def quotes_hold(corpus: Path, key: dict[str, Any]) -> list[str]:
    import docx

    bad = []
    for e in key["defective"]:
        paras = docx.Document(str(corpus / e["file"])).paragraphs
        for d in e["defects"]:
            if d["paragraph"] is None:
                continue
            if d["paragraph"] > len(paras) or d["quote"] not in paras[d["paragraph"] - 1].text:
                bad.append(f"{e['file']}: ¶{d['paragraph']} does not hold {d['quote']!r}")
    return bad


def _texts() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_eval8_texts", HERE / "texts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    import yaml

    corpus = Path(argv[0])
    key = yaml.safe_load((corpus / "key.yaml").read_text(encoding="utf-8"))
    problems = quotes_hold(corpus, key)
    for e in key["defective"]:
        if not differs(corpus / e["file"], corpus / e["twin"]):
            problems.append(f"{e['file']} does not differ from {e['twin']}")
    texts = _texts()
    pdfs = to_pdf([corpus / e["file"] for e in key["clean"]] + [corpus / e["file"] for e in key["defective"]
                                                                 if any(d.get("render") for d in e["defects"])])
    for e in key["clean"]:
        pages = pages_of(pdfs[corpus / e["file"]])
        problems += [f"{e['file']}: {p}" for p in clean_problems(pages)]
        source = texts.DOCUMENTS[e["kind"]]
        sig = next(line[2:] for line in source.splitlines() if line.startswith("S "))
        if shows(pages, ["alone", sig]):
            problems.append(f"{e['file']}: 署名 on a page without body text")
        if "\nJ " in source and shows(pages, ["banji_not_bottom"]):
            problems.append(f"{e['file']}: 版记 not at the foot of the last page")
        if "\nJ " in source and len(pages) % 2:
            problems.append(f"{e['file']}: 版记 on an odd page")
    for e in key["defective"]:
        for d in e["defects"]:
            if d.get("render") and not shows(pages_of(pdfs[corpus / e["file"]]), d["render"]):
                problems.append(f"{e['file']}: pagination defect does not show: {d['render']}")
    shutil.rmtree(next(iter(pdfs.values())).parent, ignore_errors=True)
    print("\n".join(problems) or "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
