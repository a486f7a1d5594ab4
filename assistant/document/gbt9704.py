"""GB/T 9704-2012 (党政机关公文格式) layout numbers, in one place.

Every number the Word writer uses comes from here; each constant names the clause it follows.
Derived values (line pitch, character spacing) are computed from the standard's numbers, not
typed in, so that changing one rule changes everything that depends on it.

Units: millimetres for page geometry, points for type. `TWIPS_PER_PT` converts for Word XML.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20

# --- 5.1 幅面尺寸: A4, portrait ---------------------------------------------------------------
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0

# --- 5.2.1 页边与版心尺寸: 天头 37 mm ± 1, 订口 28 mm ± 1, 版心 156 mm × 225 mm ------------------------
MARGIN_TOP_MM = 37.0
MARGIN_LEFT_MM = 28.0
TEXT_WIDTH_MM = 156.0
TEXT_HEIGHT_MM = 225.0
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TEXT_WIDTH_MM  # 26 mm
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TEXT_HEIGHT_MM  # 35 mm

# --- 5.2.2 字体和字号 / 5.2.3 行数和字数: 3号仿宋, 每面22行, 每行28个字 ---------------------------
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_SIZE_PT = 16.0  # 3号

#: Fixed line pitch so that exactly 22 lines fill the 225 mm block: 225/22 mm, rounded down to
#: whole twips (579 twips = 28.95 pt) so the 22nd line never spills onto the next page.
LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM / MM_PER_PT * TWIPS_PER_PT / LINES_PER_PAGE)

#: Character spacing (twips, negative = condensed) so that 28 full-width 16 pt characters fit
#: in 156 mm while 29 do not. 156 mm / 28 = 15.79 pt per character: 16 pt - 0.25 pt.
CHAR_SPACING_TWIPS = -5


def char_pitch_pt(size_pt: float = BODY_SIZE_PT, spacing_twips: int = CHAR_SPACING_TWIPS) -> float:
    """Advance of one full-width character at `size_pt` with the condensed spacing."""
    return size_pt + spacing_twips / TWIPS_PER_PT


#: First-line indent of body text and headings: two characters (7.3.3).
INDENT_CHARS = 2

#: The gap (in characters) Word and LibreOffice insert between Chinese text and Latin letters or
#: digits (w:autoSpaceDE/autoSpaceDN, on by default): measured in LibreOffice at 3号, about 3.5 pt.
AUTOSPACE_CHARS = 0.22


def _narrow(c: str) -> bool:
    return ord(c) < 0x2E80


def _autospaced(a: str, b: str) -> bool:
    """Whether the suites put an autospace between neighbours `a` and `b`: an ASCII letter or digit
    next to a Chinese character (not a punctuation mark)."""
    def han(c: str) -> bool:
        return "\u4e00" <= c <= "\u9fff" or c == "\u3007"
    return (a.isascii() and a.isalnum() and han(b)) or (han(a) and b.isascii() and b.isalnum())


def rendered_width_chars(text: str) -> float:
    """Width of a one-line `text` in body characters as the suites set it: Chinese and full-width
    1, ASCII 0.5, plus the autospace at each boundary between Chinese and Latin letters or digits
    (so 2024年3月25日 is 6.5 + 5 × 0.22 wide, not 6.5)."""
    text = text.strip(" \u3000\t")
    width = sum(0.5 if _narrow(c) else 1.0 for c in text)
    return width + AUTOSPACE_CHARS * sum(_autospaced(a, b) for a, b in zip(text, text[1:], strict=False))


# --- Fonts (7.2, 7.3). Named, never embedded; WPS/Word substitute when missing. ---------------
FONT_FANGSONG = "仿宋_GB2312"
FONT_XIAOBIAOSONG = "方正小标宋简体"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_SONGTI = "宋体"
#: Latin text and digits inside body text: Times New Roman is the usual companion.
FONT_LATIN = "Times New Roman"


@dataclass(frozen=True)
class TextStyle:
    """Font and size of one document element."""

    font: str
    size_pt: float
    bold: bool = False


# 7.3.1 标题: 2号小标宋, centred.
TITLE = TextStyle(FONT_XIAOBIAOSONG, 22.0)
# 7.3.3 正文: 3号仿宋.
BODY = TextStyle(FONT_FANGSONG, BODY_SIZE_PT)
# 7.3.3 结构层次序数: 一、黑体; （一）楷体; 1. 仿宋 (bold allowed); （1）仿宋.
HEADINGS: dict[int, TextStyle] = {
    1: TextStyle(FONT_HEITI, BODY_SIZE_PT),
    2: TextStyle(FONT_KAITI, BODY_SIZE_PT),
    3: TextStyle(FONT_FANGSONG, BODY_SIZE_PT, bold=True),
    4: TextStyle(FONT_FANGSONG, BODY_SIZE_PT),
}
# 7.2.4 发文机关标志: 小标宋, red. Size is not fixed by the standard; 22 mm high at most.
ORGAN_MARK = TextStyle(FONT_XIAOBIAOSONG, 36.0)
RED_RGB = "FF0000"
# 7.2.5 发文字号: 3号仿宋, centred, two lines under the organ mark.
DOC_NUMBER = TextStyle(FONT_FANGSONG, BODY_SIZE_PT)
# 7.4.2 / 7.5 版记 and 页码: 4号.
RECORD = TextStyle(FONT_FANGSONG, 14.0)
PAGE_NUMBER = TextStyle(FONT_SONGTI, 14.0)
# Tables (A.2 表格 is free; practice): cell text 4号仿宋 with single spacing.
TABLE_CELL = TextStyle(FONT_FANGSONG, 14.0)
TABLE_HEADER = TextStyle(FONT_HEITI, 14.0)

# --- 7.2.4 发文机关标志: top edge 35 mm above the text block ---------------------------------
ORGAN_MARK_TOP_MM = 35.0
# 7.2.7 版头中的分隔线: red, text-block wide, 4 mm under the document number.
RED_RULE_GAP_MM = 4.0

# --- 7.5 页码: 4号半角宋体阿拉伯数字, 一字线 each side, 7 mm under the text block. -------------
PAGE_NUMBER_GAP_MM = 7.0
#: Odd pages right, even pages left, each one character (of the page number's size) in.
PAGE_NUMBER_INSET_CHARS = 1
PAGE_NUMBER_DASH = "\u2014"  # — (一字线)

# --- 7.4 版记 rules: 0.35 mm top and bottom, 0.25 mm in between; one character in. -----------
RECORD_RULE_OUTER_MM = 0.35
RECORD_RULE_INNER_MM = 0.25
RECORD_INSET_CHARS = 1

# --- 7.3.5 落款: signature right-indented 2 characters; date under it ----------------------
SIGNATURE_RIGHT_INDENT_CHARS = 2
#: Date right-indented 4 characters (成文日期右空四字, 7.3.5.2 for unsealed documents).
DATE_RIGHT_INDENT_CHARS = 4

# --- Tables -----------------------------------------------------------------------------------
#: Cell margins (left/right) in twips; Word's default is 108.
TABLE_CELL_MARGIN_TWIPS = 85


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


def text_width_twips() -> int:
    return mm_to_twips(TEXT_WIDTH_MM)


# --- Heights the writer fixes, so that page breaks do not depend on the reader's fonts --------
#: 发文机关标志 line: exact, 1.25 × the mark's size.
ORGAN_MARK_LINE_TWIPS = round(ORGAN_MARK.size_pt * 1.25 * TWIPS_PER_PT)
#: Space above the mark, so that its glyphs' top (about 0.2 em under the line's top) is 35 mm down.
ORGAN_MARK_BEFORE_TWIPS = mm_to_twips(ORGAN_MARK_TOP_MM) - round(ORGAN_MARK.size_pt * 0.2 * TWIPS_PER_PT)
#: The red rule: its gap under the number (whole points, as w:pBdr wants) and its weight (1.5 pt).
RED_RULE_SPACE_PT = round(RED_RULE_GAP_MM / MM_PER_PT)
RED_RULE_EIGHTHS = 12
#: Table text: 4号 on an exact line of two thirds of the grid pitch (19.3 pt), so three table
#: lines take two body lines. Each row is at least its lines plus 7 pt, rounded up to whole grid
#: lines: text after a table then sits on the grid in every suite.
TABLE_LINE_TWIPS = LINE_PITCH_TWIPS * 2 // 3
TABLE_ROW_PAD_TWIPS = 140
#: Borders add about 15 twips to a table's height in LibreOffice. The header row, which every page
#: of a table repeats, gives them back, so that no page of a table overruns its grid lines.
TABLE_BORDER_ALLOWANCE_TWIPS = 20
