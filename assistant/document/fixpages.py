"""What `wenmi fix` does about where the pages break, beyond 背题 (fix._keep_headings): a 落款 left
alone on a page is brought back to the text.

It works on the page estimate that `wenmi check` uses (assistant.document.roles.estimate_pages),
and changes only paragraph properties (w:keepNext, w:keepLines) and typed page breaks: no text moves.
"""

from __future__ import annotations

from typing import Any, Protocol

from assistant.document.docx_writer import _keep
from assistant.document.docxread import ParaInfo, W, read_docx


class ChangeLog(Protocol):
    def add(self, category: str, what: str, p: ParaInfo | None = None) -> None: ...


#: The longest paragraph (lines) moved to the next page to stand with a 落款 left alone there.
TAIL_MOVE_LINES = 8


def keep_tail(document: Any, log: ChangeLog) -> None:
    """A 落款 the estimate leaves on a page without a line of the text (rules.lone_tail, GB/T 9704-2012
    7.3.5.5): a page break typed between them is taken out; else the last paragraph of the text is
    kept, whole, with the 落款 (w:keepNext and w:keepLines on it, on the headings right above it and on
    every paragraph down to the 署名), as wenmi's writer does (assistant.document.paginate.tail_keeps);
    the suites then carry it to the 落款's page. Left alone when a table stands between them or the
    paragraph is long (`TAIL_MOVE_LINES`): that needs a human."""
    from assistant.document.roles import assign_roles, estimate_pages
    from assistant.document.rules import _stands_alone, lone_tail

    info = read_docx(document)
    assign_roles(info)
    estimate_pages(info)
    found = lone_tail(info)
    if found is None:
        return
    tail, last = found
    if any(last.index <= t.after_paragraph < tail.index for t in info.tables) or last.extras.get("lines", 1) > TAIL_MOVE_LINES:
        return
    first = last.index
    # headings right above it go with it (no 背题 left behind)
    while first > 1 and info.paragraphs[first - 2].role == "heading" and _stands_alone(info.paragraphs[first - 2]):
        first -= 1
    date = next(iter(info.role("date")), None)
    end = date.index if tail.role == "signature" and date is not None and date.index > tail.index else tail.index + 1
    chain = [p for p in info.paragraphs if first <= p.index < end]
    breaks = _page_breaks([p for p in chain if p.index > last.index])
    if breaks:
        # a page break typed between the text and its 落款 (check_eval8 report-d): nothing but the
        # break puts the 落款 on a page of its own, and taking it out moves no text
        for el in breaks:
            el.getparent().remove(el)
        log.add("pagination", "删去正文与落款之间的分页符，落款回到正文所在页（GB/T 9704 7.3.5）", tail)
        info = read_docx(document)
        assign_roles(info)
        estimate_pages(info)
        if lone_tail(info) is None:
            return
        chain = [info.paragraphs[p.index - 1] for p in chain]
    for p in chain:
        _keep(p.element.get_or_add_pPr())
    log.add("pagination", "落款单独成页：正文最后一段设为“与下段同页”，随落款排到下一页（GB/T 9704 7.3.5.5）", last)


def _page_breaks(paras: list[ParaInfo]) -> list[Any]:
    """The page breaks in `paras`: w:br w:type="page" in their runs, w:pageBreakBefore on them."""
    out = [br for p in paras for br in p.element.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    for p in paras:
        ppr = p.element.find(f"{W}pPr")
        el = ppr.find(f"{W}pageBreakBefore") if ppr is not None else None
        if el is not None and el.get(f"{W}val") not in ("0", "false"):
            out.append(el)
    return out
