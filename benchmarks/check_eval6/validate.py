"""Validate the sixth corpus without wenmi: LibreOffice's rendering and the documents' XML.

    python benchmarks/check_eval6/validate.py [DIR] [--rows STEM]

Builds the corpus into DIR (a temporary folder unless given), converts every document to PDF with
LibreOffice (fonts mapped by tests/fonts.conf) and checks, from the glyph positions:
- clean documents: A4, text block edges (left 28 mm, top line on the 37 mm edge), a line pitch of
  28.95 pt, 28 characters in a full body line, at most 22 lines on a page, a page number “— N —” of
  14 pt on every page, odd pages right and even pages left, 署名 right-indented 2 characters and the
  date 2 characters right of the 署名 (or right-indented 2 characters when longer), no heading on the
  last line of a page, the 版记 ending on the last line of the last page;
- defective documents: each differs from its clean twin; each key paragraph holds its quote; each
  layout and header_footer defect breaks one of the checks above; each pagination defect shows.
`--rows STEM` prints the rows of one document's rendering.
Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import importlib.util
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


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_corpus_check_eval6", HERE / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


M = _generator()


def to_pdfs(docs: list[Path], outdir: Path) -> None:
    prof = Path(tempfile.mkdtemp(prefix="ce6-lo-"))
    try:
        for i in range(0, len(docs), 20):
            subprocess.run(["soffice", f"-env:UserInstallation={prof.as_uri()}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(outdir), *map(str, docs[i:i + 20])], check=True, capture_output=True,
                           timeout=900, env=M.soffice_env())  # fmt: skip
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def rows_of(pdf: Path) -> list[dict[str, Any]]:
    """Pages, each a dict of its size and its text rows (y, x0, x1 in mm, size, text)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            lines: dict[int, list[dict[str, Any]]] = {}
            for c in page.chars:
                if c["text"].strip():
                    lines.setdefault(round(c["bottom"] / 2), []).append(c)
            rows = []
            for k in sorted(lines):
                cs = sorted(lines[k], key=lambda c: c["x0"])
                rows.append({"y": cs[0]["bottom"] * PT_MM, "x0": cs[0]["x0"] * PT_MM, "x1": cs[-1]["x1"] * PT_MM,
                             "size": round(max(c["size"] for c in cs), 1), "text": "".join(c["text"] for c in cs)})  # fmt: skip
            pages.append({"w": page.width * PT_MM, "h": page.height * PT_MM, "rows": rows})
    return pages


def body_rows(page: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the text block (the footer's page number left out)."""
    return [r for r in page["rows"] if r["y"] < page["h"] - 30]


def footer_rows(page: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in page["rows"] if r["y"] >= page["h"] - 30]


def line_slots(page: dict[str, Any]) -> int:
    """Lines on the page: its text rows and the empty lines between them, an empty line being a gap of
    about twice the page's usual pitch."""
    import statistics

    rows = body_rows(page)
    if not rows:
        return 0
    gaps = [b["y"] - a["y"] for a, b in zip(rows, rows[1:], strict=False)]
    pitch = statistics.median([g for g in gaps if g > 5] or [28.95 * PT_MM])
    return len(rows) + sum(max(0, round(g / pitch) - 1) for g in gaps)


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def check_clean(name: str, pages: list[dict[str, Any]], spec: Any) -> list[str]:
    bad = []
    if any(abs(p["w"] - 210) > 0.5 or abs(p["h"] - 297) > 0.5 for p in pages):
        bad.append(f"{name}: 纸张不是 A4")
    last_heading_texts = {p.text.split("\n")[0][:6] for p in spec.paras if p.role in ("h1", "h2")}
    for n, page in enumerate(pages, 1):
        rows = body_rows(page)
        if rows and abs(rows[0]["y"] - 45.2) > 1.5:
            bad.append(f"{name} 第{n}页: 第一行基线 {rows[0]['y']:.1f} mm（应约 45.2 mm，天头 37 mm）")
        if min((r["x0"] for r in rows), default=28) < 27.5:
            bad.append(f"{name} 第{n}页: 文字超出左边界")
        # full lines of Chinese text, not the one before a line that opens with a closing mark (kinsoku)
        full = [r for r, nxt in zip(rows, rows[1:] + [rows[-1]], strict=True)
                if r["size"] == 16 and abs(r["x0"] - 28) < 0.5 and abs(r["x1"] - 184) < 1.0
                and not re.search(r"[0-9A-Za-z%.]", r["text"]) and not nxt["text"][:1].isdigit()
                and not set(nxt["text"][:2]) & set("，。、；：？！”’）》")]  # fmt: skip
        if any(len(r["text"]) != 28 for r in full):
            bad.append(f"{name} 第{n}页: 满行字数 {sorted({len(r['text']) for r in full})}")
        pitches = [b["y"] - a["y"] for a, b in zip(rows, rows[1:], strict=False) if a["size"] == b["size"] == 16]
        pitches = [d for d in pitches if d < 12]
        if pitches and abs(sorted(pitches)[len(pitches) // 2] - 28.95 * PT_MM) > 0.15:
            bad.append(f"{name} 第{n}页: 行距 {sorted(pitches)[len(pitches) // 2]:.2f} mm（应为 10.21 mm，每页 22 行）")
        slots = line_slots(page)
        if slots > 22:
            bad.append(f"{name} 第{n}页: {slots} 行")
        if rows and n < len(pages) and rows[-1]["text"][:6] in last_heading_texts:
            bad.append(f"{name} 第{n}页: 标题在页末（背题）")
        foot = footer_rows(page)
        want = f"—{n}—"
        if len(foot) != 1 or foot[0]["text"].replace(" ", "") != want:
            bad.append(f"{name} 第{n}页: 页码 {[r['text'] for r in foot]}")
        elif abs(foot[0]["size"] - 14) > 0.2:
            bad.append(f"{name} 第{n}页: 页码字号 {foot[0]['size']}")
        else:
            em = 14 * PT_MM
            if n % 2 and abs(foot[0]["x1"] - (184 - em)) > 1.0:
                bad.append(f"{name} 第{n}页: 单页页码右端 {foot[0]['x1']:.1f} mm（应 {184 - em:.1f}）")
            if not n % 2 and abs(foot[0]["x0"] - (28 + em)) > 1.0:
                bad.append(f"{name} 第{n}页: 双页页码左端 {foot[0]['x0']:.1f} mm（应 {28 + em:.1f}）")
    printed = next((p.text for p in spec.paras if p.role == "print"), None)
    if printed:  # 版记 (7.4): its last line on the last line of the last page
        last = body_rows(pages[-1])[-1]
        if last["text"] != printed.replace("\t", "") or last["y"] < 256:
            bad.append(f"{name}: 版记末行不在末页最后一行（{last['y']:.1f} mm，“{last['text'][:8]}”）")
    sign = next((p.text for p in spec.paras if p.role == "sign"), None)
    date = next((p.text for p in spec.paras if p.role == "date"), None)
    if sign and date:
        allrows = [r for p in pages for r in body_rows(p)]
        srow = next((r for r in reversed(allrows) if r["text"] == sign), None)  # not the title's first line
        drow = next((r for r in reversed(allrows) if r["text"] == date), None)
        char = 16 * PT_MM
        if srow is None or drow is None:
            bad.append(f"{name}: 找不到署名或日期行")
        elif M.width(sign) - M.width(date) >= 2:
            if abs(srow["x1"] - (184 - 2 * char)) > 1.5:
                bad.append(f"{name}: 署名右端 {srow['x1']:.1f} mm，应右空二字（{184 - 2 * char:.1f}）")
            if abs(drow["x0"] - srow["x0"] - 2 * char) > 1.5:
                bad.append(f"{name}: 日期首字比署名首字右移 {drow['x0'] - srow['x0']:.1f} mm（应 {2 * char:.1f}）")
        else:
            # the date is the longer: its start follows from its width, which LibreOffice widens by
            # about 1.2 mm at each change between Chinese and digits (it ignores w:autoSpaceDE="0")
            changes = sum(1 for a, b in zip(date, date[1:], strict=False) if a.isdigit() != b.isdigit())
            if abs(drow["x1"] - (184 - 2 * char)) > 1.5:
                bad.append(f"{name}: 日期右端 {drow['x1']:.1f} mm，应右空二字")
            if abs(drow["x0"] + changes * 1.2 - srow["x0"] - 2 * char) > 1.5:
                bad.append(f"{name}: 日期首字比署名首字右移 {drow['x0'] - srow['x0']:.1f} mm")
    return bad


def where_is(pages: list[dict[str, Any]], text: str, whole: bool = False) -> tuple[int, int, int] | None:
    """(page, index of the row on the page, rows on the page) of the last row starting with `text`
    (or, with `whole`, being `text`)."""
    found = None
    for n, page in enumerate(pages, 1):
        rows = body_rows(page)
        for i, r in enumerate(rows):
            if r["text"] == text if whole else r["text"].startswith(text):
                found = n, i, len(rows)
    return found


def check_pagination(name: str, pages: list[dict[str, Any]], entry: dict[str, Any], spec: Any) -> list[str]:
    bad = []
    counted = [p for p in spec.paras if p.role != "table"]
    for d in entry["defects"]:
        if d["category"] != "pagination":
            continue
        note = d["note"]
        para = counted[d["paragraph"] - 1] if d["paragraph"] else None
        if "背题" in note:
            at = where_is(pages, para.text[:6])
            if not at or at[1] != at[2] - 1 or line_slots(pages[at[0] - 1]) != 22:
                bad.append(f"{name}: 背题未出现 {at}")
        elif "孤字" in note:
            tail = None
            for n, page in enumerate(pages, 1):
                rows = body_rows(page)
                if rows and n > 1 and len(rows[0]["text"]) <= 2 and para.text.endswith(rows[0]["text"]):
                    tail = n
            if tail is None:
                bad.append(f"{name}: 孤字未出现")
        elif "署名" in note:
            at = where_is(pages, para.text, whole=True)
            if not at or at[1] != 0 or at[0] == 1:
                bad.append(f"{name}: 署名没有单独在一页 {at}")
        else:
            if not any(line_slots(p) > 22 for p in pages):
                bad.append(f"{name}: 没有超过 22 行的页 {[line_slots(p) for p in pages]}")
    return bad


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in sorted(z.namelist()) if n.startswith("word/") and n.endswith(".xml"))


def main(argv: list[str] | None = None) -> int:
    import docx

    args = list(sys.argv[1:] if argv is None else argv)
    show = args[args.index("--rows") + 1] if "--rows" in args else None
    if show:
        i = args.index("--rows")
        del args[i:i + 2]
    out = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="ce6-"))
    key = M.make(out, office=True)
    twins = out / "twins"
    twins.mkdir(exist_ok=True)
    bad: list[str] = []
    for entry in key["defective"]:
        stem = entry["file"][:-5]
        M.write_docx(M.twin(stem), twins / entry["file"])
        if document_xml(out / entry["file"]) == document_xml(twins / entry["file"]):
            bad.append(f"{stem}: 与合格孪生文档相同")
        paras = [p.text for p in docx.Document(str(out / entry["file"])).paragraphs]
        for d in entry["defects"]:
            if d["paragraph"] is not None and not paras[d["paragraph"] - 1].startswith(d["quote"]):
                bad.append(f"{stem}: 第{d['paragraph']}段是“{paras[d['paragraph'] - 1][:14]}”，不是“{d['quote']}”")
    pdfdir = out / "pdf"
    pdfdir.mkdir(exist_ok=True)
    to_pdfs(sorted(out.glob("*.docx")), pdfdir)
    specs = {d[0]: M.build(d[0], d[1], d[2], d[3]) for d in M.DEFECTIVE}
    specs.update({c[0]: M.build(c[0], c[1], c[2], None) for c in M.CLEAN})
    if show:
        for n, page in enumerate(rows_of(pdfdir / f"{show}.pdf"), 1):
            print(f"--- 第{n}页 {line_slots(page)} 行")
            for r in page["rows"]:
                print(f"{r['y']:6.1f} {r['x0']:6.1f} {r['x1']:6.1f} {r['size']:5.1f} {len(r['text']):3d} {r['text']}")
    for entry in key["clean"]:
        stem = entry["file"][:-5]
        bad += check_clean(stem, rows_of(pdfdir / f"{stem}.pdf"), specs[stem])
    signs = {"layout": ("纸张", "基线", "左边界", "满行字数", "行距", "行"), "header_footer": ("页码",)}
    for entry in key["defective"]:
        stem = entry["file"][:-5]
        found = check_clean(stem, rows_of(pdfdir / f"{stem}.pdf"), specs[stem])
        for cat, words in signs.items():
            if any(d["category"] == cat for d in entry["defects"]) and not any(
                    any(w in f.split(":", 1)[-1] for w in words) for f in found):
                bad.append(f"{stem}: 渲染中看不出 {cat} 缺陷")
        if any(d["category"] == "pagination" for d in entry["defects"]):
            bad += check_pagination(stem, rows_of(pdfdir / f"{stem}.pdf"), entry, specs[stem])
    for line in bad:
        print(line)
    print(f"{len(key['defective'])} 份有缺陷、{len(key['clean'])} 份合格；问题 {len(bad)} 处")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
