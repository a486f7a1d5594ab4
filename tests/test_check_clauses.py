"""The clauses `wenmi check` cites are the standard's own: every GB/T 9704 clause a rule names
exists, and the rules that say what a clause says name that clause (字体和字号 is 5.2.2, 行数和字数
5.2.3, 成文日期中的数字 7.3.5.4, 发文字号 7.2.5…)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Mm

from assistant.document import rules
from tests.fakes import FANGSONG, XBS, check_json, hand_paragraph

#: The headings of GB/T 9704-2012 (党政机关公文格式), down to the clauses a check can cite, as the
#: standard numbers them. ../shared/GBT9704.md gives the layout without clause numbers (it names
#: 7.3.5.2 only); the numbers and titles are the standard's table of contents.
GBT9704_CLAUSES = {
    "1": "范围", "2": "规范性引用文件", "3": "术语和定义", "3.1": "字", "3.2": "行",
    "4": "公文用纸主要技术指标",
    "5": "公文用纸幅面尺寸及版面要求", "5.1": "幅面尺寸", "5.2": "版面", "5.2.1": "页边与版心尺寸",
    "5.2.2": "字体和字号", "5.2.3": "行数和字数", "5.2.4": "文字的颜色",
    "6": "印制装订要求", "6.1": "制版要求", "6.2": "印刷要求", "6.3": "装订要求",
    "7": "公文格式各要素编排规则", "7.1": "公文格式各要素的划分",
    "7.2": "版头", "7.2.1": "份号", "7.2.2": "密级和保密期限", "7.2.3": "紧急程度", "7.2.4": "发文机关标志",
    "7.2.5": "发文字号", "7.2.6": "签发人", "7.2.7": "版头中的分隔线",
    "7.3": "主体", "7.3.1": "标题", "7.3.2": "主送机关", "7.3.3": "正文", "7.3.4": "附件说明",
    "7.3.5": "发文机关署名、成文日期和印章", "7.3.5.1": "加盖印章的公文", "7.3.5.2": "不加盖印章的公文",
    "7.3.5.3": "加盖签发人签名章的公文", "7.3.5.4": "成文日期中的数字", "7.3.5.5": "特殊情况说明",
    "7.3.6": "附注", "7.3.7": "附件",
    "7.4": "版记", "7.4.1": "版记中的分隔线", "7.4.2": "抄送机关", "7.4.3": "印发机关和印发日期",
    "7.5": "页码",
    "8": "公文中的横排表格", "9": "公文中计量单位、标点符号和数字的用法",
    "10": "公文的特定格式", "10.1": "信函格式", "10.2": "命令（令）格式", "10.3": "纪要格式",
}  # fmt: skip

#: GB/T 15834-2011 (标点符号用法), clause 4: the marks the punctuation rules name.
GBT15834_CLAUSES = {
    "4.1": "句号", "4.2": "问号", "4.3": "叹号", "4.4": "逗号", "4.5": "顿号", "4.6": "分号", "4.7": "冒号",
    "4.8": "引号", "4.9": "括号", "4.10": "破折号", "4.11": "省略号", "4.12": "着重号", "4.13": "连接号",
    "4.14": "间隔号", "4.15": "书名号", "4.16": "专名号", "4.17": "分隔号",
}  # fmt: skip

#: What each rule says, by the clause that says it.
EXPECTED = {
    "chars-per-line": {"5.2.3"}, "left-indent": {"7.3.3"}, "first-line-indent": {"7.3.3"},
    "title-align": {"7.3.1"}, "heading-align": {"7.3.3"}, "recipients-align": {"7.3.2"}, "recipients-indent": {"7.3.2"},
    "recipients-colon": {"7.3.2"},
    "numbering-form": {"7.3.3"}, "numbering-skip": {"7.3.3"},
    "docnum-brackets": {"7.2.5"}, "docnum-di": {"7.2.5"},
    "date-chinese-numerals": {"7.3.5.4"}, "date-form": {"7.3.5.4"}, "date": {"7.3.5.4"},
    "tail-placement": {"7.3.5.1", "7.3.5.2"}, "tail-alone": {"7.3.5.5"}, "signature-split": {"7.3.5"},
    "no-title": {"7.3.1"}, "title-not-first": {"7.3.1"}, "recipients-late": {"7.3.2"},
    "attach-after-signature": {"7.3.4"}, "record-position": {"7.4.1"}, "record-not-last": {"7.4"},
    "page-number-form": {"7.5"}, "page-number-size": {"7.5"}, "page-number-odd-even": {"7.5"},
}  # fmt: skip
EXPECTED_15834 = {"dash": {"4.10"}, "ellipsis": {"4.11"}, "corner-quotes": {"4.8"}}

_AFTER_9704 = re.compile(r"GB/T 9704(?:-2012)?\s*(\d+(?:\.\d+)*)")
#: A further clause named in the same note: “…，7.3.5.1）” or “7.3.4、7.3.5”.
_MORE = re.compile(r"(?<=[，、；])\s*(\d+\.\d+(?:\.\d+)*)(?=[）、，；])")


def _strings(node: ast.AST) -> str:
    """The literal text of every string (and f-string part) under `node`, joined."""
    return "".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _citations(text: str, standard: str) -> set[str]:
    if standard == "9704":
        start = text.find("GB/T 9704")
        return set(_AFTER_9704.findall(text)) | (set(_MORE.findall(text[start:])) if start >= 0 else set())
    return set(re.findall(r"GB/T 15834\s*(\d+\.\d+)", text))


def _findings_of_rules() -> list[tuple[str, str]]:
    """(rule id, text of its message and expected value) of every finding rules.py adds with a
    rule id written out."""
    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0]
        if name in ("add", "report") and isinstance(first, ast.Constant) and isinstance(first.value, str):
            out.append((first.value, _strings(node)))
    return out


def test_every_cited_clause_is_a_clause_of_the_standard() -> None:
    found = _findings_of_rules()
    assert len(found) > 40  # the walk sees the rules
    source = Path(rules.__file__).read_text(encoding="utf-8")
    cited = _citations(source, "9704")
    for line in source.splitlines():
        if "GB/T 9704" in line:
            cited |= _citations(line, "9704")
    assert cited and cited <= set(GBT9704_CLAUSES), sorted(cited - set(GBT9704_CLAUSES))
    assert _citations(source, "15834") <= set(GBT15834_CLAUSES)
    # the clause a font or size finding names is one of the standard's
    assert {rules.face_clause(p) for p in _roles("title", "heading", "body", "date")} <= set(GBT9704_CLAUSES)


def test_each_rule_cites_the_clause_that_says_it() -> None:
    wrong = []
    for rule, text in _findings_of_rules():
        for standard, expected in (("9704", EXPECTED), ("15834", EXPECTED_15834)):
            got = _citations(text, standard)
            # (date-form also names GB/T 15835 alone, for dates in the text)
            if rule in expected and got and got != expected[rule]:
                names = {c: (GBT9704_CLAUSES if standard == "9704" else GBT15834_CLAUSES).get(c, "?") for c in got}
                wrong.append((rule, names, expected[rule]))
    assert wrong == []


def _roles(*names: str) -> list[Any]:
    from types import SimpleNamespace

    return [SimpleNamespace(role=name, level=1) for name in names]


def test_findings_name_the_clause_in_their_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A letter with a small title, a 4号 body set 27 a line without indent and a zero-padded date:
    the title's size is 7.3.1 (标题), the body's 5.2.2 (字体和字号), 27 a line 5.2.3 (行数和字数),
    the indent 7.3.3 (正文), the date 7.3.5.4 (成文日期中的数字)."""
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    hand_paragraph(d, "关于商请协助开展职工疗休养工作的函", XBS, 18, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "××市职工疗休养中心：", first=0)
    hand_paragraph(d, "为关心关爱一线职工身心健康，我公司工会拟于2024年5月至9月分6批组织职工开展疗休养活动，"
                      "现就有关事项函商如下，请予支持。", FANGSONG, 14, first=0)  # fmt: skip
    hand_paragraph(d, "我公司将全力做好各批次职工的组织和安全工作，确保活动安全有序开展。", condense=0)
    hand_paragraph(d, "特此函商，盼复。", condense=0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "××集团有限公司工会", align="right", first=0, right=2)
    hand_paragraph(d, "2024年05月08日", align="right", first=0, right=2)
    path = tmp_path / "letter.docx"
    d.save(str(path))
    found = check_json(path, None, capsys)[1]

    def cited(rule: str, quote: str = "") -> set[str]:
        hits = [f for f in found if f["rule"] == rule and quote in f["quote"]]
        assert hits, (rule, quote, [(f["rule"], f["quote"]) for f in found])
        return _citations(hits[0]["message"], "9704")

    assert cited("font-size", "关于商请") == {"7.3.1"}
    assert cited("font-size", "为关心关爱") == {"5.2.2"}
    assert cited("chars-per-line") == {"5.2.3"}
    assert cited("first-line-indent") == {"7.3.3"}
    assert cited("date") == {"7.3.5.4"}
