"""Seventh examiner corpus for `wenmi check`: documents as a city bureau's offices make them, written
at run time into a folder, with the answer key (`key.yaml`) that benchmarks/bench_check.py reads.

    python benchmarks/check_eval7/make_corpus.py OUT [--no-office] [--verify]

Eleven kinds of 公文 (通知 with two attachments, 决定, 请示 with 附注, a four-page 报告 with tables,
复函, 工作要点, 实施方案 with a 任务分工 table, 述职报告, 讲话稿, 纪要, 通告), each clean once and
spoiled several times. They are made several ways: Word-like direct formatting, built-in styles and
styles named 正文/标题 1 (right or wrong properties), a WPS-like document grid, pandoc from Markdown,
LibreOffice from .odt and from HTML. `office=False` leaves out what needs LibreOffice or pandoc.

Key: `defective` (file, kind, way, twin, office, defects: category, paragraph (1-based index in the
document's body paragraphs, python-docx `Document.paragraphs`, or null for the whole document),
quote, note), and `clean` (file, kind, way, office). `--verify` renders the corpus with LibreOffice
and checks, without wenmi, that the clean documents lay out by GB/T 9704 and that each pagination
defect shows on the page.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import eval7_model as m  # noqa: E402
import eval7_texts as t  # noqa: E402
from eval7_defects import defective_docs  # noqa: E402

CATEGORIES = ("layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination")  # fmt: skip
OFFICE_WAYS = ("pandoc", "odt", "html")


def reference_docx(path: Path) -> None:
    """pandoc's reference document as an office sets one up: A4 and GB/T margins, “— N —” footers,
    and its styles (Body Text, First Paragraph, Heading 1-4 and the custom ones) in GB/T faces."""
    import docx

    doc = m.Doc("reference", "", "direct", [m.P("body", "参考文档")])
    m.write_docx(doc, path)
    d = docx.Document(str(path))
    styles = {"Body Text": "body", "First Paragraph": "body", "Compact": "body", "Heading 1": "h1", "Heading 2": "h2",
              "Heading 3": "h3", "Heading 4": "h4", "公文标题": "title", "主送": "to", "署名": "sign", "成文日期": "date",
              "附件说明": "attach", "附件说明续": "attach2", "附注": "note", "附件标签": "alabel", "讲话署名": "subtitle"}  # fmt: skip
    for n, (name, role) in enumerate(styles.items()):
        f = dict(m.ROLE[role])
        if role == "date":  # a template's guess: right-aligned, four characters in
            f.update(align="right", right=4)
        if role == "alabel":
            f["page_break_before"] = True
        if name == "Compact":  # table cells
            f.update(size=14, first=0, line=20, align="center")
        builtin = name in [s.name for s in d.styles]
        m._style_xml(d.styles, name, f"gw{n}", f, condense=True, builtin=builtin)
    d.save(str(path))


def write(doc: m.Doc, path: Path, work: Path) -> None:
    if doc.way == "pandoc":
        ref = work / "reference.docx"
        if not ref.exists():
            reference_docx(ref)
        m.write_pandoc(doc, path, ref)
    elif doc.way == "odt":
        m.write_odt_roundtrip(doc, path)
    elif doc.way == "html":
        m.write_html(doc, path)
    else:
        m.write_docx(doc, path)


def resolve(doc: m.Doc, path: Path) -> dict[int, int]:
    """Where each text block of `doc` landed among the written file's paragraphs: block index ->
    1-based paragraph number (matched in order, by text)."""
    import docx

    texts = [p.text.strip() for p in docx.Document(str(path)).paragraphs]
    where: dict[int, int] = {}
    at = 0
    for i, b in enumerate(doc.blocks):
        if not isinstance(b, m.P) or not b.text.strip():
            continue
        want = b.text.strip()
        for j in range(at, len(texts)):
            if texts[j] == want:
                where[i] = j + 1
                at = j + 1
                break
        else:
            raise RuntimeError(f"{doc.name}: paragraph “{want[:20]}” not found in the written file")
    return where


def key_entry(doc: m.Doc, path: Path) -> dict[str, Any]:
    entry: dict[str, Any] = {"file": path.name, "kind": doc.kind, "way": doc.way, "office": doc.way in OFFICE_WAYS}
    if doc.twin is None:
        return entry
    entry["twin"] = f"{doc.twin}.docx"
    where = resolve(doc, path)
    defects = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, m.P):
            for cat, note, *shows in b.defects:
                defects.append({"category": cat, "paragraph": where[i], "quote": b.text.strip()[:24], "note": note, **_shows(shows)})
    for cat, note, *shows in doc.defects:
        defects.append({"category": cat, "paragraph": None, "quote": None, "note": note, **_shows(shows)})
    entry["defects"] = defects
    return entry


def _shows(shows: list[str]) -> dict[str, str]:
    """A pagination defect names what the rendering shows (beiti, split, orphan, crowded)."""
    return {"shows": shows[0]} if shows else {}


def clean_docs() -> list[m.Doc]:
    return [base() for base in t.BASES]


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write the corpus into `out` (created if need be) and its key.yaml; the key. Without
    `office`, the documents made by LibreOffice or pandoc are left out of both."""
    import yaml

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = out / ".work"
    work.mkdir(exist_ok=True)
    key: dict[str, Any] = {"corpus": "check_eval7", "categories": list(CATEGORIES), "defective": [], "clean": []}
    cleans = {d.name: d for d in clean_docs()}
    for doc in cleans.values():
        if doc.way in OFFICE_WAYS and not office:
            continue
        path = out / f"{doc.name}.docx"
        write(doc, path, work)
        key["clean"].append(key_entry(doc, path))
    for doc in defective_docs(cleans):
        if doc.way in OFFICE_WAYS and not office:
            continue
        path = out / f"{doc.name}.docx"
        write(doc, path, work)
        key["defective"].append(key_entry(doc, path))
    for f in work.iterdir():
        f.unlink()
    work.rmdir()
    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return key


def _verifier() -> Any:
    spec = importlib.util.spec_from_file_location("eval7_verify", HERE / "eval7_verify.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write the corpus into")
    ap.add_argument("--no-office", action="store_true", help="leave out the documents made by LibreOffice or pandoc")
    ap.add_argument("--verify", action="store_true", help="render with LibreOffice and check the clean documents and the pagination defects")
    args = ap.parse_args()
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"{len(key['defective'])} 份有缺陷的文档（{n} 处缺陷），{len(key['clean'])} 份合格文档，写入 {args.out}")
    if args.verify:
        problems = _verifier().verify(args.out, key)
        for p in problems:
            print("  ", p)
        print("核验通过" if not problems else f"核验发现 {len(problems)} 个问题")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
