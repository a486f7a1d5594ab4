"""Documents of the fourth corpus made by pandoc from Markdown with a GB/T 9704 reference document.

The reference document is pandoc's own (`--print-default-data-file reference.docx`) with its styles
redefined: Title, Body Text and First Paragraph, Heading 1-3, and the unit's 主送, 落款 and 成文日期
used through custom-style divs. Page setup and the odd/even "— N —" footers come from the
reference document's section, which pandoc keeps. Empty lines are raw OpenXML paragraphs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import eval4_docx as ed
from eval4_docx import Block, Doc, Page

STYLE_ROLES = {"Normal": "b", "Body Text": "p", "First Paragraph": "p", "Title": "t", "Heading 1": "h1",
               "Heading 2": "h2", "Heading 3": "h3"}  # fmt: skip
CUSTOM = {"主送": "r", "落款": "s", "成文日期": "d"}


def reference(blocks: list[Block], path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    raw = subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"], check=True,
                         capture_output=True, timeout=60).stdout  # fmt: skip
    path.write_bytes(raw)
    w = ed.Writer(Doc(blocks, page=Page(), flavour="custom"))
    w.d = docx.Document(str(path))
    sig = next(b.text for b in blocks if b.role == "s")
    date = next(b.text for b in blocks if b.role == "d")
    w._sig_widths = (ed.width(sig), ed.width(date))
    w._sig = ed.signature_indents(sig, date)
    w._defaults()
    styles = w.d.styles
    by_name = {el.find(f"{{{ed.W_NS}}}name").get(f"{{{ed.W_NS}}}val"): el
               for el in styles.element.findall(f"{{{ed.W_NS}}}style")}  # pandoc's "Heading 1", not Word's "heading 1"
    for name, role in STYLE_ROLES.items():
        w._style_rpr(by_name[name], ed.ROLE_FMT[role])
    for name, role in CUSTOM.items():
        s = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        f = w._sig_fmt(role) if role in ("s", "d") else ed.ROLE_FMT[role]
        w._style_rpr(s.element, f, autospace=role not in ("s", "d"))
    w._section()
    w.d.save(str(path))


def markdown(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        text = b.text.replace("//", "\\\n")
        if b.role == "t":
            out.append(f'::: {{custom-style="Title"}}\n{text}\n:::')
        elif b.role == "b":
            out.append("```{=openxml}\n<w:p/>\n```")
        elif b.role in ("h1", "h2", "h3"):
            out.append("#" * int(b.role[1]) + " " + text)
        elif b.role in ("r", "s", "d"):
            name = {v: k for k, v in CUSTOM.items()}[b.role]
            out.append(f'::: {{custom-style="{name}"}}\n{text}\n:::')
        elif b.role == "p":
            out.append(text)
        else:
            raise ValueError(f"pandoc documents have no {b.role!r} paragraphs")
    return "\n\n".join(out) + "\n"


def write(blocks: list[Block], dest: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval4-pandoc-"))
    try:
        ref = work / "reference.docx"
        reference(blocks, ref)
        md = work / "doc.md"
        md.write_text(markdown(blocks), encoding="utf-8")
        subprocess.run(["pandoc", str(md), "-f", "markdown", "-o", str(dest), "--reference-doc", str(ref)],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
