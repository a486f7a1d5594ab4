"""The fourth examiner corpus for `wenmi check` / `wenmi fix`, written without reading the rules.

    python benchmarks/check_eval4/make_corpus.py OUT_DIR [--no-office]
    python benchmarks/bench_check.py --corpus benchmarks/check_eval4 [--fix]

Eight texts written for it (documents.yaml: 请示, 批复, 通报 with 版记, 纪要-like 报告, 意见, 函,
a four-page 工作总结 with a table, a 通知 with two attachments) are laid out as offices do in Word and
WPS (eval4_docx.py: direct formatting, a redefined Normal with restyled built-in headings, the
unit's own styles, a WPS line grid; runs split mid-word). Each defective document plants one to four
defects an examiner meets; the clean ones follow GB/T 9704-2012 (22 lines × 28 characters, margins,
faces and sizes, 落款/日期 per 7.3.5.2, "— N —" page numbers odd right / even left), some of them
passed through LibreOffice (docx → docx, docx → odt → docx) or made by pandoc with a reference
document. The key (key.yaml) is written beside the documents; paragraph numbers count the body's
paragraphs from 1 (tables are not paragraphs), as `wenmi check` reports them.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import eval4_docx as ed  # noqa: E402
from eval4_docx import FANGSONG, HEITI, KAITI, SONG, Block, Doc, Fmt, Page  # noqa: E402

CATEGORIES = ("layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation",
              "numbers", "parallelism", "structure", "header_footer", "pagination")  # fmt: skip


@dataclass
class Defect:
    category: str
    anchor: str | None  # text of the paragraph it is on; None: the document as a whole
    note: str
    role: str | None = None  # the anchor's role when its text also occurs earlier (the title names the 落款)


@dataclass
class Case:
    file: str
    base: str
    flavour: str
    defects: list[Defect] = field(default_factory=list)
    edit: Callable[[Doc], None] | None = None
    via: str | None = None  # None, "lo" (docx → docx), "odt" (docx → odt → docx), "pandoc"
    note: str = ""


# --------------------------------------------------------------------------- base texts

_TEXTS: dict[str, Any] | None = None


def texts() -> dict[str, Any]:
    global _TEXTS
    if _TEXTS is None:
        import yaml

        _TEXTS = yaml.safe_load((HERE / "documents.yaml").read_text(encoding="utf-8"))
    return _TEXTS


def base_blocks(name: str) -> list[Block]:
    data = texts()
    out = []
    for line in data[name]["lines"]:
        role, _, text = line.partition("|")
        if role == "tbl":
            out.append(Block("tbl", table=copy.deepcopy(data["tables"][text])))
        else:
            out.append(Block(role, text))
    return out


KINDS = {name: texts()[name]["kind"] for name in ("qingshi", "pifu", "tongbao", "baogao", "yijian", "han", "zongjie",
                                                   "tongzhi")}  # fmt: skip


# --------------------------------------------------------------------------- edits


def find(doc: Doc, contains: str = "", role: str | None = None, nth: int = 0) -> Block:
    hits = [b for b in doc.blocks if (role is None or b.role == role) and contains in b.text]
    if len(hits) <= nth:
        raise KeyError(f"no block {role!r} containing {contains!r}")
    return hits[nth]


def index(doc: Doc, block: Block) -> int:
    return next(i for i, b in enumerate(doc.blocks) if b is block)


def std(role: str) -> Fmt:
    return ed.ROLE_FMT.get(role, ed.ROLE_FMT["p"])


def restyle(doc: Doc, roles: tuple[str, ...], **changes: Any) -> None:
    """Direct formatting on every paragraph of these roles, changed from the standard."""
    for b in doc.blocks:
        if b.role in roles:
            b.fmt = replace(b.fmt or std(b.role), **changes)


def retext(doc: Doc, old: str, new: str) -> None:
    b = find(doc, old)
    b.text = b.text.replace(old, new, 1)


def insert_after(doc: Doc, anchor: str, *blocks: Block) -> None:
    i = index(doc, find(doc, anchor))
    doc.blocks[i + 1 : i + 1] = list(blocks)


def move(doc: Doc, block: Block, before: Block) -> None:
    doc.blocks.remove(block)
    doc.blocks.insert(index(doc, before), block)


def sig_fmts(doc: Doc) -> tuple[Fmt, Fmt]:
    """The standard formatting the writer gives 落款 and 成文日期 of this document."""
    sig, date = find(doc, role="s").text, find(doc, role="d").text
    r_sig, r_date = ed.signature_indents(sig, date)
    return replace(std("s"), right=r_sig), replace(std("d"), right=r_date)


P = Block  # short for the cases below

# filler paragraphs that push text down a page (pagination defects)
FILL = {
    "zj": "全年组织开展市场监管领域“双随机、一公开”联合抽查182次，涉及市场主体3460户，发现问题127个，已全部依法处理，"
          "抽查结果通过国家企业信用信息公示系统向社会公示。",
    "tb": "各县（市、区）要参照市本级做法，建立差评分析通报制度，每月将差评整改情况报市政务服务中心备案，"
          "并在政务服务网同步公开整改结果。",
    "bg": "市粮食和储备局还协调两家国有粮食企业增加烘干能力每日1200吨，缓解了雨季新粮集中上市时的烘干压力。",
    "yj": "各县（市、区）民政局要结合本地实际制定具体实施办法，明确工作目标、责任分工和时间进度，"
          "确保各项任务落到实处，并于每年12月底前将工作开展情况报市民政局。",
    "yj2": "市民政局将建立社区志愿服务工作联系点制度，每个县（市、区）确定两个以上联系社区，定期开展调研指导，"
           "及时总结推广基层的好经验好做法。对工作推进缓慢、服务流于形式的地方，将通过约谈、通报等方式督促整改，"
           "推动社区志愿服务工作取得实效。",
    "hn": "活动结束后，我局将组织学校对研学成果进行展示交流，并将场馆的支持情况向全市通报，对表现突出的场馆和讲解员予以表扬。",
    "tz": "培训结束后将组织结业测试，测试成绩和考勤情况将反馈各单位，作为干部年度考核的参考。",
    "tz2": "参训人员要提前准备本单位近两年起草的公文样稿两篇，报到时交培训班工作人员，供分组研讨时评析使用。"
           "样稿应当是正式印发的文件，涉密文件不得提交。各单位办公室要对参训人员提交的样稿进行把关，"
           "确保样稿内容完整、格式规范，能够反映本单位公文写作的实际水平。",
    "qs": "此外，为加快资金拨付进度，我局已会同市财政局建立项目资金周调度机制，对已完成工程量的项目及时"
          "拨付进度款，确保资金使用安全高效。",
}


# --------------------------------------------------------------------------- the cases

def _cases() -> list[Case]:  # noqa: C901 - a list of documents, one block each
    C: list[Case] = []
    add = C.append

    # ---- 请示 -------------------------------------------------------------------------------
    def qs01(d: Doc) -> None:
        d.page = replace(d.page, width=215.9, height=279.4)
    add(Case("qs01_letter.docx", "qingshi", "word", [Defect("layout", None, "纸张为 Letter（215.9×279.4 mm），不是 A4")], qs01))

    def qs02(d: Doc) -> None:
        find(d, role="t").fmt = replace(std("t"), east=HEITI)
        find(d, role="r").fmt = replace(std("r"), first=2)
        retext(d, "（二）加装电梯补助", "(二)加装电梯补助")
    add(Case("qs02_title_heiti.docx", "qingshi", "normal", [
        Defect("font", "关于申请追加", "标题用黑体，应为小标宋"),
        Defect("indent", "临江市人民政府：", "主送机关首行缩进 2 字，应顶格"),
        Defect("numbering", "(二)加装电梯补助", "二级标题“(二)”用半角括号，应为“（二）”"),
    ], qs02))

    def qs03(d: Doc) -> None:
        find(d, role="t").fmt = replace(std("t"), size=20)
    add(Case("qs03_title20.docx", "qingshi", "word", [Defect("size", "关于申请追加", "标题小标宋 20 磅，应为 2 号（22 磅）")], qs03))

    def qs04(d: Doc) -> None:
        retext(d, "钢材、水泥", "钢材、、水泥")
        retext(d, "截至6月底", "截至2023年6月31日")
        s, _ = sig_fmts(d)
        find(d, role="s").fmt = replace(s, align="center", right=0)
        d.page = replace(d.page, numbers="none")
    add(Case("qs04_four.docx", "qingshi", "wps", [
        Defect("punctuation", "钢材、、水泥", "顿号重复“、、”"),
        Defect("numbers", "截至2023年6月31日", "不存在的日期 2023年6月31日"),
        Defect("alignment", "临江市住房和城乡建设局", "落款居中，应右空二字", role="s"),
        Defect("header_footer", None, "两页的请示没有页码"),
    ], qs04))

    def qs05(d: Doc) -> None:
        d.changes = {"line": 28, "after": 6}
    add(Case("qs05_after6.docx", "qingshi", "custom", [
        Defect("spacing", None, "固定值 28 磅另加段后 6 磅，每页不足 22 行"),
    ], qs05, note="the spacing is in the styles"))

    def qs06(d: Doc) -> None:
        insert_after(d, "仍有资金缺口0.42亿元", P("p", FILL["qs"]), P("p", "我局将严格按照专项资金管理办法使用追加资金，专款专用，"
                                                                     "并在项目竣工后及时组织审计，确保资金效益。"))
    add(Case("qs06_sig_split.docx", "qingshi", "word", [
        Defect("pagination", None, "落款在第2页末行，成文日期落到第3页（署名与日期分页）"),
    ], qs06))

    def qs07(d: Doc) -> None:
        retext(d, "三、我局已采取的措施", "三、为弥补资金缺口我局已经主动采取了三项措施")
    add(Case("qs07_parallel.docx", "qingshi", "word", [
        Defect("parallelism", None, "一级标题“项目建设背景、资金缺口情况”中混入一句话“为弥补资金缺口我局已经主动采取了三项措施”"),
    ], qs07))

    # ---- 批复 -------------------------------------------------------------------------------
    def pf01(d: Doc) -> None:
        d.page = replace(d.page, left=31.8, right=31.8)
    add(Case("pf01_lr_margins.docx", "pifu", "word", [Defect("layout", None, "左右页边距 31.8 mm（Word 默认），应为左 28、右 26 mm")], pf01))

    def pf02(d: Doc) -> None:
        find(d, "中心的主要职责是").fmt = replace(std("p"), east=KAITI)
        retext(d, "市教育局：", "市教育局")
        retext(d, "2023年7月5日", "二〇二三年七月五日")
    add(Case("pf02_three.docx", "pifu", "word", [
        Defect("font", "中心的主要职责是", "一段正文是楷体（粘贴来的），应为仿宋"),
        Defect("punctuation", "市教育局", "主送机关后缺全角冒号"),
        Defect("numbers", "二〇二三年七月五日", "成文日期用汉字“二〇二三年七月五日”，应为阿拉伯数字"),
    ], pf02))

    def pf03(d: Doc) -> None:
        find(d, role="t").fmt = replace(std("t"), size=24)
    add(Case("pf03_title24.docx", "pifu", "normal", [Defect("size", "关于同意设立", "标题小一（24 磅），应为 2 号")], pf03))

    def pf04(d: Doc) -> None:
        d.changes = {"line": 25}
    add(Case("pf04_exact25.docx", "pifu", "word", [Defect("spacing", None, "行距固定值 25 磅，每页约 25 行，不是 22 行")], pf04))

    def pf05(d: Doc) -> None:
        sig = find(d, role="s")
        sig.text = "　" * 16 + sig.text
        sig.fmt = replace(std("s"), align="left", right=0)
        blank = d.blocks[index(d, sig) - 1]
        d.blocks.remove(blank)
    add(Case("pf05_sig_spaces.docx", "pifu", "custom", [
        Defect("alignment", "临江市人民政府办公室", "落款用 16 个全角空格顶到右边，段落左对齐", role="s"),
        Defect("structure", None, "正文（此复。）与落款之间没有空行"),
    ], pf05))

    # ---- 通报 -------------------------------------------------------------------------------
    def tb01(d: Doc) -> None:
        d.page = replace(d.page, top=30)
    add(Case("tb01_top30.docx", "tongbao", "word", [Defect("layout", None, "上页边距 30 mm，应为 37 mm")], tb01))

    def tb02(d: Doc) -> None:
        restyle(d, ("h1",), east=FANGSONG, bold=True)
        restyle(d, ("p",), size=14)
        d.page = replace(d.page, numbers="centred")
    add(Case("tb02_three.docx", "tongbao", "word", [
        Defect("font", "一、基本情况", "一级标题用仿宋加粗，应为黑体"),
        Defect("size", "今年以来，全市各地各部门", "正文 4 号（14 磅）仿宋，应为 3 号"),
        Defect("header_footer", None, "页码居中，应单页居右、双页居左"),
    ], tb02))

    def tb03(d: Doc) -> None:
        d.changes = {"line": None, "line_mult": 1.0}
        t = find(d, role="t")
        t.text += "。"
        retext(d, "上半年，全市政务服务“好差评”系统", "２０２３年上半年，全市政务服务“好差评”系统")
    add(Case("tb03_single.docx", "tongbao", "normal", [
        Defect("spacing", None, "单倍行距（Word 默认），不是固定值约 29 磅"),
        Defect("punctuation", "工作情况的通报。", "标题末尾加了句号"),
        Defect("numbers", "２０２３年上半年", "全角数字“２０２３”"),
    ], tb03))

    def tb04(d: Doc) -> None:
        t = find(d, role="t")
        t.text = "　　　" + t.text
        t.fmt = replace(std("t"), align="left")
        retext(d, "二、主要做法", "二.主要做法")
        find(d, "各地把差评作为查找问题").fmt = replace(std("p"), left=2)
    add(Case("tb04_three.docx", "tongbao", "word", [
        Defect("alignment", "关于2023年上半年", "标题左对齐，靠前面的全角空格看起来居中"),
        Defect("numbering", "二.主要做法", "一级标题“二.”，应为“二、”"),
        Defect("indent", "各地把差评作为查找问题", "一段正文左缩进 2 字再首行缩进 2 字"),
    ], tb04))

    def tb05(d: Doc) -> None:
        cc, pr = find(d, role="cc"), find(d, role="pr")
        sig = find(d, role="s")
        for b in (cc, pr):
            move(d, b, sig)
        # the blank lines that pushed the 版记 to the foot now stand under the date
    add(Case("tb05_record_mid.docx", "tongbao", "custom", [
        Defect("structure", None, "版记（抄送、印发）排在正文和落款之间，不在最后"),
    ], tb05))

    def tb06(d: Doc) -> None:
        i = index(d, find(d, role="d"))
        del d.blocks[i + 1 :]  # this copy went out without a 版记
        insert_after(d, "联系评价人", P("p", FILL["tb"]))
        h = find(d, "（二）坚持系统推进")
        h.fmt = replace(std("h2"), keep_next=False)
    add(Case("tb06_orphan_h2.docx", "tongbao", "word", [
        Defect("pagination", "（二）坚持系统推进", "二级标题排在第1页最后一行，正文在下一页（背题）"),
    ], tb06))

    def tb07(d: Doc) -> None:
        retext(d, "（二）坚持系统推进", "（二）市政务服务中心每周分析评价数据并推送各部门")
    add(Case("tb07_parallel.docx", "tongbao", "wps", [
        Defect("parallelism", None, "二级标题“坚持问题导向”与一句话“市政务服务中心每周分析评价数据并推送各部门”并列"),
    ], tb07))

    # ---- 报告 -------------------------------------------------------------------------------
    def bg01(d: Doc) -> None:
        d.page = replace(d.page, bottom=25.4)
    add(Case("bg01_bottom.docx", "baogao", "word", [Defect("layout", None, "下页边距 25.4 mm，应为 35 mm")], bg01))

    def bg02(d: Doc) -> None:
        find(d, role="t").fmt = replace(std("t"), east=SONG, bold=True)
        find(d, "一、防汛抗旱工作").fmt = replace(std("h1"), size=14)
        retext(d, "三、城区停车管理工作", "四、城区停车管理工作")
        retext(d, "四、下一步打算", "五、下一步打算")
    add(Case("bg02_three.docx", "baogao", "word", [
        Defect("font", "关于市政府第二十三次", "标题宋体加粗，应为小标宋"),
        Defect("size", "一、防汛抗旱工作", "一级标题 4 号（14 磅），应为 3 号"),
        Defect("numbering", "四、城区停车管理工作", "一级标题跳号：二、之后是四、"),
    ], bg02))

    def bg03(d: Doc) -> None:
        retext(d, "市发展改革委会同农发行临江分行", "市发展改革委(市粮食和储备局)会同农发行临江分行")
        retext(d, "2023年9月4日", "2023年09月04日")
        d.page = replace(d.page, numbers="hyphen")
    add(Case("bg03_three.docx", "baogao", "normal", [
        Defect("punctuation", "(市粮食和储备局)", "中文里用半角括号"),
        Defect("numbers", "2023年09月04日", "成文日期月日补零“09月04日”"),
        Defect("header_footer", None, "页码两边是连字符“-1-”，应为一字线“— 1 —”"),
    ], bg03))

    def bg04(d: Doc) -> None:
        d.blocks.remove(find(d, role="d"))
    add(Case("bg04_no_date.docx", "baogao", "word", [Defect("structure", None, "没有成文日期")], bg04))

    def bg05(d: Doc) -> None:
        insert_after(d, "主汛期全市未发生人员伤亡", P("p", FILL["bg"]))
        h = find(d, "三、城区停车管理工作")
        h.fmt = replace(std("h1"), keep_next=False)
    add(Case("bg05_orphan_h1.docx", "baogao", "wps", [
        Defect("pagination", "三、城区停车管理工作", "一级标题排在第1页最后一行（背题）"),
    ], bg05))

    def bg06(d: Doc) -> None:
        retext(d, "二、秋粮收购工作", "二、关于秋粮收购资金和收购网点落实的情况")
    add(Case("bg06_parallel.docx", "baogao", "custom", [
        Defect("parallelism", None, "一级标题“防汛抗旱工作、城区停车管理工作”中混入“关于……的情况”"),
    ], bg06))

    # ---- 意见 -------------------------------------------------------------------------------
    def yj01(d: Doc) -> None:
        d.changes = {"condense": None}
    add(Case("yj01_27chars.docx", "yijian", "word", [Defect("layout", None, "字符不紧缩，每行 27 字，应为 28 字")], yj01))

    def yj02(d: Doc) -> None:
        d.style_fmts = {"h2": replace(std("h2"), east=HEITI), "h1": replace(std("h1"), first=0)}
    add(Case("yj02_heading_styles.docx", "yijian", "normal", [
        Defect("font", "（一）健全组织体系", "二级标题（Heading 2 样式）用黑体，应为楷体"),
        Defect("indent", "一、总体要求", "一级标题（Heading 1 样式）顶格，应缩进 2 字"),
    ], yj02))

    def yj03(d: Doc) -> None:
        restyle(d, ("p",), size=15)
        restyle(d, ("h1",), align="center", first=0)
        retext(d, "（一）健全组织体系", "（一）、健全组织体系")
    add(Case("yj03_three.docx", "yijian", "word", [
        Defect("size", "为深入推进社区志愿服务", "正文小三（15 磅），应为 3 号"),
        Defect("alignment", "一、总体要求", "一级标题居中"),
        Defect("numbering", "（一）、健全组织体系", "“（一）”后又加顿号"),
    ], yj03))

    def yj04(d: Doc) -> None:
        d.changes = {"line": 30}
    add(Case("yj04_exact30.docx", "yijian", "wps", [Defect("spacing", None, "行距固定值 30 磅，每页 21 行")], yj04))

    def yj05(d: Doc) -> None:
        retext(d, "围绕“一老一小”", '围绕"一老一小"')
        retext(d, "到2025年底", "到25年底")
        d.page = replace(d.page, numbers="same")
    add(Case("yj05_three.docx", "yijian", "word", [
        Defect("punctuation", '"一老一小"', "中文里用英文引号"),
        Defect("numbers", "到25年底", "年份写成两位“25年”"),
        Defect("header_footer", None, "单双页用同一页脚，页码都在右侧"),
    ], yj05))

    def yj06(d: Doc) -> None:
        s, dt = find(d, role="s"), find(d, role="d")
        move(d, dt, s)
    add(Case("yj06_date_first.docx", "yijian", "custom", [Defect("structure", None, "成文日期排在落款上面")], yj06))

    def yj07(d: Doc) -> None:
        insert_after(d, "每年通报一次落实情况", P("p", FILL["yj"]), P("p", FILL["yj2"]))
    add(Case("yj07_sig_alone.docx", "yijian", "word", [
        Defect("pagination", None, "正文在第2页写满，落款和日期单独落在第3页"),
    ], yj07))

    def yj08(d: Doc) -> None:
        retext(d, "（四）完善激励机制", "（四）志愿服务激励机制还不够健全")
    add(Case("yj08_parallel.docx", "yijian", "word", [
        Defect("parallelism", None, "二级标题“健全组织体系、丰富服务内容、加强队伍建设”中混入一句陈述"),
    ], yj08))

    # ---- 函 ---------------------------------------------------------------------------------
    def hn01(d: Doc) -> None:
        d.page = replace(d.page, top=25.4, bottom=25.4, left=31.8, right=31.8)
    add(Case("hn01_word_margins.docx", "han", "word", [Defect("layout", None, "页边距是 Word 默认值（上下 25.4、左右 31.8 mm）")], hn01))

    def hn02(d: Doc) -> None:
        restyle(d, ("p",), latin_only=True, first_pt=21)
    add(Case("hn02_two.docx", "han", "word", [
        Defect("font", "为落实中小学生研学实践", "正文只设了西文字体名（run.font.name），中文落到主题字体"),
        Defect("indent", "为落实中小学生研学实践", "首行缩进 0.74 厘米（五号的两字），不是 2 字"),
    ], hn02))

    def hn03(d: Doc) -> None:
        find(d, role="t").fmt = replace(std("t"), size=18)
        _, dt = sig_fmts(d)
        find(d, role="d").fmt = replace(dt, right=0)
        retext(d, "我局拟于2023年12月至2024年6月组织", "我局拟于2023年12月至2024年6月,组织")
    add(Case("hn03_three.docx", "han", "normal", [
        Defect("size", "中小学生研学实践活动的函", "标题小二（18 磅）"),
        Defect("alignment", "2023年11月20日", "成文日期右对齐不缩进，没有按 7.3.5.2 排", role="d"),
        Defect("punctuation", "2024年6月,组织", "中文里用半角逗号"),
    ], hn03))

    def hn04(d: Doc) -> None:
        retext(d, "2023年12月至2024年6月", "2023.12至2024.6")
        retext(d, "三、加强安全保障", "二、加强安全保障")
        d.page = replace(d.page, numbers="small")
    add(Case("hn04_three.docx", "han", "word", [
        Defect("numbers", "2023.12至2024.6", "年月写成“2023.12”"),
        Defect("numbering", "二、加强安全保障", "一级标题序号重复（两个“二、”）"),
        Defect("header_footer", None, "页码五号（10.5 磅），应为 4 号"),
    ], hn04))

    def hn05(d: Doc) -> None:
        restyle(d, ("h1",), before_lines=0.5, before=6)
    add(Case("hn05_before_half.docx", "han", "custom", [
        Defect("spacing", "一、提供研学场地", "一级标题段前 0.5 行"),
    ], hn05))

    def hn06(d: Doc) -> None:
        d.blocks.remove(find(d, role="s"))
    add(Case("hn06_no_signature.docx", "han", "wps", [Defect("structure", None, "没有发文机关署名，只有日期")], hn06))

    def hn07(d: Doc) -> None:
        insert_after(d, "落实带队教师和安全预案", P("p", FILL["hn"]))
    add(Case("hn07_sig_alone.docx", "han", "word", [
        Defect("pagination", None, "第1页排满，落款和日期单独在第2页"),
    ], hn07))

    def hn08(d: Doc) -> None:
        retext(d, "三、加强安全保障", "三、请场馆在研学期间配合做好安全保障工作")
    add(Case("hn08_parallel.docx", "han", "word", [
        Defect("parallelism", None, "一级标题“提供研学场地、开发研学课程”中混入一句话"),
    ], hn08))

    # ---- 工作总结 -----------------------------------------------------------------------------
    def zj01(d: Doc) -> None:
        d.page = replace(d.page, left=26, right=28)
    add(Case("zj01_lr_swapped.docx", "zongjie", "word", [Defect("layout", None, "左 26、右 28 mm，左右页边距颠倒")], zj01))

    def zj02(d: Doc) -> None:
        h = find(d, "一、主要工作及成效")
        h.part_fmt = (6, std("h1"))
        h.fmt = replace(std("h1"), east=FANGSONG)
        retext(d, "（二）守牢食品药品安全底线", "（二）.守牢食品药品安全底线")
        retext(d, "全年新设立各类市场主体", "截至2023-06-30，上半年新设立市场主体1.21万户；全年新设立各类市场主体")
        d.page = replace(d.page, numbers="plain")
    add(Case("zj02_four.docx", "zongjie", "word", [
        Defect("font", "一、主要工作及成效", "一级标题只有“一、主要工作”是黑体，“及成效”是仿宋"),
        Defect("numbering", "（二）.守牢", "二级标题“（二）.”"),
        Defect("numbers", "截至2023-06-30", "正文日期写成 2023-06-30"),
        Defect("header_footer", None, "页码只有数字，没有两边的一字线"),
    ], zj02))

    def zj03(d: Doc) -> None:
        d.style_fmts = {"h2": replace(std("h2"), size=15)}
        for b in d.blocks:
            if b.role == "p":
                b.text = "　　" + b.text
                b.fmt = replace(std("p"), first=0)
        retext(d, "1.抓好食品安全日常监管", "1．抓好食品安全日常监管")
    add(Case("zj03_three.docx", "zongjie", "normal", [
        Defect("size", "（一）持续优化市场准入环境", "二级标题（Heading 2 样式）小三 15 磅"),
        Defect("indent", "我局在市委、市政府的坚强领导下", "正文用两个全角空格缩进，段落首行缩进为 0"),
        Defect("numbering", "1．抓好食品安全", "三级标题用全角点“1．”"),
    ], zj03))

    def zj04(d: Doc) -> None:
        d.changes = {"line": None, "line_mult": 1.5}
    add(Case("zj04_15lines.docx", "zongjie", "word", [Defect("spacing", None, "1.5 倍行距")], zj04))

    def zj05(d: Doc) -> None:
        s, dt = sig_fmts(d)
        find(d, role="s").fmt = replace(s, right=0)
        find(d, role="d").fmt = replace(dt, right=0)
        retext(d, "等问题，开展", "等问题......开展")
        d.blocks.remove(d.blocks[index(d, find(d, role="t")) + 1])
    add(Case("zj05_three.docx", "zongjie", "custom", [
        Defect("alignment", "临江市市场监督管理局", "落款和日期都顶到右边（右缩进 0）", role="s"),
        Defect("punctuation", "等问题......开展", "用 6 个英文句点代替省略号"),
        Defect("structure", None, "标题下没有空行，正文紧接标题"),
    ], zj05))

    def zj06(d: Doc) -> None:
        insert_after(d, "为消费者挽回经济损失", P("p", FILL["zj"]))
        retext(d, "与信用监管深度融合。", "与信用监管深度融合，力争年底前实现各类监管数据集中归集、统一调用。")
        h = find(d, "（三）提高执法水平")
        h.fmt = replace(std("h2"), keep_next=False)
    add(Case("zj06_orphan_h2.docx", "zongjie", "word", [
        Defect("pagination", "（三）提高执法水平", "二级标题排在第3页最后一行，正文在下一页（背题）"),
    ], zj06))

    def zj07(d: Doc) -> None:
        retext(d, "（二）推进智慧监管", "（二）加快推进智慧监管平台建设，切实提升监管效能")
    add(Case("zj07_parallel.docx", "zongjie", "wps", [
        Defect("parallelism", None, "二级标题“强化基层基础、提高执法水平、加强队伍建设”中混入一句长句"),
    ], zj07))

    # ---- 通知 -------------------------------------------------------------------------------
    def tz01(d: Doc) -> None:
        restyle(d, ("p",), east=SONG)
    add(Case("tz01_body_songti.docx", "tongzhi", "word", [
        Defect("font", "为进一步提高机关工作人员", "正文 3 号宋体（乍看像仿宋），应为仿宋"),
    ], tz01))

    def tz02(d: Doc) -> None:
        restyle(d, ("p",), first=0, align="left")
    add(Case("tz02_pasted.docx", "tongzhi", "word", [
        Defect("indent", "为进一步提高机关工作人员", "正文首行不缩进（从网页粘贴）"),
        Defect("alignment", "为进一步提高机关工作人员", "正文左对齐，不是两端对齐"),
    ], tz02))

    def tz03(d: Doc) -> None:
        retext(d, "共计约180人", "共计约一百八十人")
        retext(d, "参训人员要按时报到，培训期间", "参训人员要按时报到，培训期间做到「不迟到、不早退」，")
        retext(d, "原则上不得请假", "原则上不得请假，做到“学有所获”")
        a = find(d, role="a")
        a.fmt = replace(std("a"), first=0)
        find(d, role="a2").fmt = replace(std("a2"), left=3)
    add(Case("tz03_three.docx", "tongzhi", "normal", [
        Defect("numbers", "共计约一百八十人", "人数用汉字“一百八十人”，应为阿拉伯数字"),
        Defect("punctuation", "「不迟到、不早退」", "引号“”与「」混用"),
        Defect("indent", "附件：1.", "附件说明顶格，应左空二字"),
    ], tz03))

    def tz04(d: Doc) -> None:
        a, a2, dt = find(d, role="a"), find(d, role="a2"), find(d, role="d")
        i = index(d, a)
        del d.blocks[i - 1 : i + 2]  # blank, 附件：1., 2.
        j = index(d, dt)
        d.blocks[j + 1 : j + 1] = [P("b"), a, a2]
    add(Case("tz04_attach_after.docx", "tongzhi", "word", [
        Defect("structure", None, "附件说明排在落款和日期后面"),
    ], tz04))

    def tz05(d: Doc) -> None:
        d.changes = {"line": 26}
    add(Case("tz05_exact26.docx", "tongzhi", "custom", [Defect("spacing", None, "行距固定值 26 磅，每页 24 行")], tz05))

    def tz06(d: Doc) -> None:
        d.page = replace(d.page, numbers="pageof")
        retext(d, "（三）做好后勤保障", "（三）培训期间统一安排食宿并按规定报销往返交通费")
    add(Case("tz06_two.docx", "tongzhi", "wps", [
        Defect("header_footer", None, "页码写成“第1页”"),
        Defect("parallelism", None, "二级标题“认真组织报名、严格遵守纪律”中混入一句长句"),
    ], tz06))

    def tz07(d: Doc) -> None:
        insert_after(d, "往返交通费按规定回原单位报销", P("p", FILL["tz"]),
                     P("p", "各单位要高度重视此次培训，把参加培训作为提升干部业务能力的重要途径，认真选派参训人员，"
                            "支持参训人员安心学习，确保培训取得实效。培训期间的学习情况将作为评选年度优秀学员的重要依据。"),
                     P("p", FILL["tz2"]))
    add(Case("tz07_sig_alone.docx", "tongzhi", "word", [
        Defect("pagination", None, "落款和日期单独在一页（附件页之前）"),
    ], tz07))
    return C


# --------------------------------------------------------------------------- clean documents

CLEAN: list[Case] = [
    Case("ok01_qingshi_word.docx", "qingshi", "word"),
    Case("ok02_pifu_normal.docx", "pifu", "normal"),
    Case("ok03_tongbao_custom.docx", "tongbao", "custom", note="with 版记 at the foot of the last page"),
    Case("ok04_baogao_wps.docx", "baogao", "wps"),
    Case("ok05_yijian_word.docx", "yijian", "word"),
    Case("ok06_han_custom.docx", "han", "custom", note="date longer than the signature (7.3.5.2 second case)"),
    Case("ok07_zongjie_normal.docx", "zongjie", "normal", note="four pages with a table"),
    Case("ok08_tongzhi_word.docx", "tongzhi", "word", note="two attachments on their own pages"),
    Case("ok09_qingshi_custom_left.docx", "qingshi", "custom", note="date placed by a left indent"),
    Case("ok10_zongjie_word.docx", "zongjie", "word"),
    Case("ok11_tongzhi_normal.docx", "tongzhi", "normal"),
    Case("ok12_han_wps.docx", "han", "wps"),
    Case("ok13_tongbao_word.docx", "tongbao", "word"),
    Case("ok14_yijian_lo.docx", "yijian", "normal", via="lo", note="saved again by LibreOffice"),
    Case("ok15_baogao_odt.docx", "baogao", "word", via="odt", note="docx → odt → docx in LibreOffice"),
    Case("ok16_zongjie_lo.docx", "zongjie", "custom", via="lo", note="saved again by LibreOffice"),
    Case("ok17_pifu_pandoc.docx", "pifu", "pandoc", via="pandoc", note="pandoc with a GB/T reference document"),
    Case("ok18_yijian_pandoc.docx", "yijian", "pandoc", via="pandoc", note="pandoc with a GB/T reference document"),
]


def cases() -> list[Case]:
    return _cases()


# --------------------------------------------------------------------------- building


def build_doc(case: Case) -> Doc:
    doc = Doc(base_blocks(case.base), page=Page(grid=case.flavour == "wps"), flavour=case.flavour)
    if case.file.startswith("ok09"):
        doc.sig_mode = "left"
    if case.edit:
        case.edit(doc)
    return doc


def paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def locate(doc: Doc, paras: list[str], d: Defect, file: str) -> int:
    """Paragraph number (from 1, tables left out) of the block the defect is on, checked against the file."""
    block = find(doc, d.anchor or "", role=d.role)
    n = sum(1 for b in doc.blocks[: index(doc, block)] if b.role != "tbl") + 1
    if n > len(paras) or d.anchor not in paras[n - 1].replace("\n", "//"):
        raise ValueError(f"{file}: paragraph {n} does not hold {d.anchor!r}")
    return n


def _soffice(args: list[str], out: Path) -> None:
    prof = tempfile.mkdtemp(prefix="wenmi-eval4-lo-")
    env = dict(os.environ)
    conf = HERE.parent.parent / "tests" / "fonts.conf"
    if conf.exists():
        env.setdefault("FONTCONFIG_FILE", str(conf))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", *args, "--outdir", str(out)],
                       check=True, capture_output=True, timeout=300, env=env)  # fmt: skip
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def office_available() -> bool:
    return shutil.which("soffice") is not None


def via_office(src: Path, dest: Path, how: str) -> None:
    """Save `src` again with LibreOffice: directly as .docx, or through .odt."""
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval4-"))
    try:
        if how == "odt":
            _soffice(["--convert-to", "odt", str(src)], work)
            mid = work / (src.stem + ".odt")
            out2 = work / "back"
            out2.mkdir()
            _soffice(["--convert-to", "docx:MS Word 2007 XML", str(mid)], out2)
            shutil.move(str(out2 / (src.stem + ".docx")), dest)
        else:
            out2 = work / "back"
            out2.mkdir()
            _soffice(["--convert-to", "docx:MS Word 2007 XML", str(src)], out2)
            shutil.move(str(out2 / (src.stem + ".docx")), dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write every document into `out` and the key (key.yaml); return the key."""
    import eval4_pandoc
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    office = office and office_available()
    pandoc = office and shutil.which("pandoc") is not None
    key: dict[str, Any] = {"defective": [], "clean": []}
    for case in cases():
        path = out / case.file
        doc = build_doc(case)
        ed.write(doc, path)
        paras = paragraphs(path)
        defects = [{"category": d.category, "paragraph": locate(doc, paras, d, case.file) if d.anchor else None,
                    "note": d.note} for d in case.defects]  # fmt: skip
        key["defective"].append({"file": case.file, "kind": KINDS[case.base], "flavour": case.flavour,
                                 "defects": defects})  # fmt: skip
    for case in CLEAN:
        path = out / case.file
        if case.via == "pandoc":
            if not pandoc:
                continue
            eval4_pandoc.write(base_blocks(case.base), path)
        elif case.via:
            if not office:
                continue
            src = Path(tempfile.mkdtemp(prefix="wenmi-eval4-src-")) / case.file
            ed.write(build_doc(case), src)
            via_office(src, path, case.via)
            shutil.rmtree(src.parent, ignore_errors=True)
        else:
            ed.write(build_doc(case), path)
        entry = {"file": case.file, "kind": KINDS[case.base], "flavour": case.via or case.flavour}
        if case.note:
            entry["note"] = case.note
        key["clean"].append(entry)
    text = "# Written by make_corpus.py: paragraph numbers count body paragraphs from 1; null: the whole document.\n"
    text += yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=200)
    (out / "key.yaml").write_text(text, encoding="utf-8")
    return key


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder for the documents and key.yaml")
    ap.add_argument("--no-office", action="store_true", help="no LibreOffice round trips and no pandoc documents")
    args = ap.parse_args(argv)
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"{len(key['defective'])} defective documents ({n} defects), {len(key['clean'])} clean documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
