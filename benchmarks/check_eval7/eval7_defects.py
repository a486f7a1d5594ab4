"""The defective documents of the seventh corpus: each a copy of a clean document (its twin) with
defects planted as an office plants them: a paragraph formatted by hand, a style set wrong, a page
set up on another paper, text typed with half-width marks, a page number from another template,
a paragraph that ends up alone on a page.

A defect on a paragraph is noted on that paragraph (`P.defects`); a defect of the whole document
(page setup, footers, a style used throughout) on the document (`Doc.defects`), keyed with no
paragraph. Pagination defects carry `shows`, what LibreOffice's rendering must show (checked by
eval7_verify.py)."""

from __future__ import annotations

from collections.abc import Callable

from eval7_model import FS, HT, KT, SONG, Doc, P

LAYOUT, FONT, SIZE, INDENT, SPACING, ALIGN = "layout", "font", "size", "indent", "spacing", "alignment"
NUMBERING, PUNCT, NUMBERS, PARALLEL, STRUCT, HF, PAGIN = ("numbering", "punctuation", "numbers", "parallelism",
                                                         "structure", "header_footer", "pagination")  # fmt: skip


def spoil(p: P, cat: str, note: str, text: str | None = None, shows: str | None = None, **fmt: object) -> P:
    """Plant in `p` the defect `cat`: new text and/or formatting."""
    if text is not None:
        p.text = text
    p.fmt.update(fmt)
    p.defects.append((cat, note) if shows is None else (cat, note, shows))  # type: ignore[arg-type]
    return p


def every(d: Doc, role: str, **fmt: object) -> None:
    for b in d.blocks:
        if isinstance(b, P) and b.role == role:
            b.fmt.update(fmt)


def move(d: Doc, blocks: list[P], before: P) -> None:
    for b in blocks:
        d.blocks.remove(b)
    i = d.blocks.index(before)
    d.blocks[i:i] = blocks


def replace_in(d: Doc, role: str, old: str, new: str) -> P:
    p = d.find(role, contains=old)
    p.text = p.text.replace(old, new)
    return p


# ---------------------------------------------------------------------------------------------


def d01(c: dict[str, Doc]) -> Doc:
    d = c["clean_tongzhi"].copy("d01_tongzhi_margins_songti")
    d.page.update(top=34.0, left=26.0)
    d.defects.append((LAYOUT, "天头 34 mm、订口 26 mm（应为 37 mm、28 mm）"))
    every(d, "body", font=SONG)
    d.defects.append((FONT, "正文全部用宋体（应为仿宋_GB2312）"))
    p = d.find("body", contains="联系电话")
    spoil(p, PUNCT, "中文后用半角逗号、冒号", text=p.text.replace("联系，联系电话：", "联系,联系电话:"))
    spoil(d.find("date"), NUMBERS, "成文日期写成 2024.12.26", text="2024.12.26")
    d.footer.update(form="page")
    d.defects.append((HF, "页码写成“第1页”式"))
    return d


def d02(c: dict[str, Doc]) -> Doc:
    d = c["clean_tongzhi"].copy("d02_tongzhi_attachments")
    attach = [b for b in d.blocks if isinstance(b, P) and b.role in ("attach", "attach2")]
    note = d.blocks[d.blocks.index(attach[0]) - 1]
    move(d, [note, *attach], d.find("alabel"))
    spoil(attach[0], STRUCT, "附件说明排在落款和成文日期之后")
    spoil(d.find("h2", contains="撰写"), NUMBERING, "二级标题写成“（一）、”", text="（一）、撰写述职报告")
    spoil(d.find("h2", contains="反馈"), PARALLEL, "三个二级标题中一个写成长句，与“撰写述职报告”“召开述职评议会”不对仗",
          text="（三）局机关党委要及时汇总测评情况并逐一反馈评议结果")  # fmt: skip
    spoil(d.find("atitle"), SIZE, "附件标题用小二（18 磅），应为2号", size=18)
    spoil(d.find("alabel", 1), ALIGN, "“附件2”居中，应在版心左上角顶格", align="center")
    return d


def d03(c: dict[str, Doc]) -> Doc:
    d = c["clean_jueding"].copy("d03_jueding_odt")
    p = d.find("body", contains="先进集体”称号")
    spoil(p, PUNCT, "称号用英文直引号", text=p.text.replace("“", '"').replace("”", '"'))
    spoil(d.find("date"), NUMBERS, "成文日期用汉字“二〇二五年一月八日”（GB/T 9704-2012 用阿拉伯数字）", text="二〇二五年一月八日")
    spoil(d.find("body", contains="希望受到表彰"), INDENT, "一段正文首行未缩进", first=0)
    spoil(d.find("title"), SIZE, "标题用3号（16 磅），应为2号", size=16)
    return d


def d04(c: dict[str, Doc]) -> Doc:
    d = c["clean_jueding"].copy("d04_jueding_word", way="direct")
    spoil(d.find("title"), FONT, "标题用楷体（应为小标宋）", font=KT)
    spoil(d.find("title"), ALIGN, "标题左对齐（应居中）", align="left")
    every(d, "body", after=8)
    d.defects.append((SPACING, "正文段后 8 磅"))
    sign = d.find("sign")
    d.blocks.remove(sign)
    d.defects.append((STRUCT, "缺发文机关署名，只有成文日期"))
    return d


def d05(c: dict[str, Doc]) -> Doc:
    d = c["clean_qingshi"].copy("d05_qingshi_styles")
    d.page["style_body"] = {"line": "1.5x"}
    d.defects.append((SPACING, "“正文”（Normal）样式 1.5 倍行距"))
    d.page["style_h1"] = {"size": 14}
    d.defects.append((SIZE, "标题 1 样式黑体 14 磅（一级标题应为3号）"))
    spoil(d.find("h1", 1), NUMBERING, "一级标题写成“二.”", text="二.资金来源建议")
    to = d.find("to")
    move(d, [to], d.find("body", contains="妥否"))
    spoil(to, STRUCT, "主送机关排在正文之后，不在标题下")
    return d


def d06(c: dict[str, Doc]) -> Doc:
    d = c["clean_qingshi"].copy("d06_qingshi_word", way="direct")
    spoil(d.find("body", contains="妥否"), PUNCT, "请示结语用半角问号", text="妥否?请批示。")
    spoil(d.find("date"), NUMBERS, "日期补零：2025年3月04日", text="2025年3月04日")
    spoil(d.find("sign"), ALIGN, "署名居中（应右空二字）", align="center", right=0)
    spoil(d.find("h1"), INDENT, "一级标题顶格，另一个一级标题缩进二字", first=0)
    d.footer.update(odd="center", even="center")
    d.defects.append((HF, "页码居中（应单页居右、双页居左）"))
    return d


def d07(c: dict[str, Doc]) -> Doc:
    d = c["clean_baogao"].copy("d07_baogao_beiti")
    p = d.find("body", contains="加强税源监控")
    p.text += "对年纳税额500万元以上的重点税源企业实行一对一跟踪服务，及时掌握企业生产经营和纳税情况，帮助企业解决融资、用工等实际困难。"
    spoil(d.find("h2", contains="防范化解风险"), PAGIN, "二级标题排在第3页末行，正文在下一页（背题）", shows="beiti")
    d.footer.update(first_missing=True)
    d.defects.append((HF, "首页不同，第1页没有页码"))
    spoil(d.find("h2", contains="深化预算绩效"), NUMBERING, "二级标题序号跳号：（二）之后是（四）", text="（四）深化预算绩效管理")
    p = d.find("body", contains="全市一般公共预算收入完成")
    spoil(p, FONT, "数字用 Calibri")
    p.spans = [("48.6", {"latin": "Calibri"}), ("35.1", {"latin": "Calibri"})]
    spoil(d.find("body", contains="2025年，我们将"), NUMBERS, "年份简写“25年”", text=d.find("body", contains="2025年，我们将").text.replace("2025年", "25年"))
    spoil(d.find("h1", contains="存在的主要问题"), PARALLEL, "一级标题中一个写成整句，远长于其他",
          text="三、我们清醒地看到财政运行中还存在一些不容忽视的问题")  # fmt: skip
    return d


def d08(c: dict[str, Doc]) -> Doc:
    d = c["clean_baogao"].copy("d08_baogao_split")
    d.find("body", contains="房地产相关税收").text = "房地产相关税收持续下滑，收入增长压力较大。"
    d.find("body", contains="刚性支出持续增加").text = "刚性支出持续增加，部分县区财力薄弱。"
    d.find("body", contains="落实政府债务").text = "落实政府债务管理制度，按时足额偿还到期债务本息。"
    d.find("body", contains="过紧日子").text = "坚持党政机关过紧日子，一般性支出再压减5%。"
    spoil(d.find("sign"), PAGIN, "署名和日期被挤到下一页，该页没有正文", shows="split")
    p = d.find("body", contains="全市一般公共预算收入完成")
    spoil(p, NUMBERS, "日期写成 2024-12-31", text="截至2024-12-31，" + p.text)
    p = d.find("body", contains="加强税源监控")
    spoil(p, PUNCT, "句末用三个英文句点代替省略号", text=p.text.replace("拓宽财源渠道。", "拓宽财源渠道..."))
    spoil(d.find("h2", contains="优化支出结构"), SIZE, "一个二级标题 15 磅", size=15)
    spoil(d.find("h1", contains="下一步工作措施"), ALIGN, "一级标题右对齐", align="right")
    return d


def d09(c: dict[str, Doc]) -> Doc:
    d = c["clean_fuhan"].copy("d09_fuhan_grid23")
    d.page.update(lines=23)
    d.defects.append((LAYOUT, "文档网格每页 23 行"))
    t = d.find("title")
    spoil(t, PUNCT, "标题末尾加句号", text=t.text + "。")
    p = d.find("body", contains="85万元")
    spoil(p, NUMBERS, "全角数字“８５万元”", text=p.text.replace("85万元", "８５万元"))
    d.record = None
    cc = P("cc", "抄送：市审计局。")
    printed = P("cc", "江州市财政局办公室　　　　　　　　　2024年11月18日印发")
    i = d.blocks.index(d.find("sign")) - 1
    d.blocks[i:i] = [P("blank"), cc, printed]
    spoil(cc, STRUCT, "版记（抄送、印发）排在正文和落款之间，不在最后")
    return d


def d10(c: dict[str, Doc]) -> Doc:
    d = c["clean_fuhan"].copy("d10_fuhan_word", way="direct")
    d.footer.update(missing=True)
    d.defects.append((HF, "没有页码"))
    spoil(d.find("to"), PUNCT, "主送机关后缺全角冒号", text="市教育局")
    spoil(d.find("date"), NUMBERS, "不存在的日期 2024年11月31日", text="2024年11月31日")
    spoil(d.find("body", contains="请你局加强"), INDENT, "一段正文首行缩进四字", first=4)
    return d


def d11(c: dict[str, Doc]) -> Doc:
    d = c["clean_yaodian"].copy("d11_yaodian_cnstyles")
    d.page["style_body"] = {"line": 20}
    d.defects.append((SPACING, "“正文”样式行距固定值 20 磅"))
    d.page["style_h1"] = {"font": "微软雅黑"}
    d.defects.append((FONT, "“标题 1”样式用微软雅黑"))
    d.page["style_h2"] = {"font": HT, "size": 14}
    d.defects.append((FONT, "“标题 2”样式用黑体（二级标题应为楷体）"))
    d.defects.append((SIZE, "“标题 2”样式 14 磅（应为3号）"))
    spoil(d.find("h2", contains="建强党员队伍"), PARALLEL, "一个二级标题远长于同组其他标题",
          text="（二）认真做好发展党员工作并扎实开展党员先锋岗创建活动")  # fmt: skip
    spoil(d.find("h2", contains="整治形式主义"), NUMBERING, "第三部分的二级标题改用“1.”，层次错乱", text="1.整治形式主义")
    p = d.find("h2", contains="强化廉政教育")
    p.text = "2.强化廉政教育"
    spoil(p, PAGIN, "行距改小后，这个标题落在第1页末行，正文在下一页（背题）", shows="beiti")
    return d


def d12(c: dict[str, Doc]) -> Doc:
    d = c["clean_yaodian"].copy("d12_yaodian_pandoc", way="pandoc")
    spoil(d.find("h1"), NUMBERING, "一级标题用全角点“一．”", text="一．加强政治建设")
    p = d.find("body", contains="三会一课")
    spoil(p, PUNCT, "顿号重复“、、”", text=p.text.replace("三会一课、", "三会一课、、"))
    p = d.find("body", contains="总体要求")
    spoil(p, NUMBERS, "正文中年份写成“二〇二五年”", text=p.text.replace("2025年", "二〇二五年"))
    p = spoil(d.find("h1", contains="作风建设"), PARALLEL, "一级标题结构不一：动宾式中夹一个“……方面”", text="三、作风建设方面")
    spoil(p, PAGIN, "pandoc 稿标题下没有空行，这个一级标题落在第1页末行（背题）", shows="beiti")
    return d


def d13(c: dict[str, Doc]) -> Doc:
    d = c["clean_fangan"].copy("d13_fangan_letter")
    d.page.update(w=215.9, h=279.4)
    d.defects.append((LAYOUT, "纸张为 Letter（215.9 × 279.4 mm），不是 A4"))
    spoil(d.find("h3"), NUMBERING, "三级标题写成“1、”", text="1、细化目标指标。")
    spoil(d.find("h2"), FONT, "一个二级标题用仿宋（应为楷体）", font=FS)
    every(d, "h1", after=14)
    d.defects.append((SPACING, "一级标题段后 14 磅"))
    return d


def d14(c: dict[str, Doc]) -> Doc:
    d = c["clean_fangan"].copy("d14_fangan_landscape")
    d.page.update(landscape=True)
    d.defects.append((LAYOUT, "整份文件横向排版"))
    spoil(d.find("body", contains="前置条件"), INDENT, "一段正文悬挂缩进二字", first=-2, left=2)
    sign, date = d.find("sign"), d.find("date")
    move(d, [date], sign)
    d.defects.append((STRUCT, "成文日期排在署名之前"))
    p = d.find("body", contains="成立局预算绩效")
    spoil(p, PUNCT, "中文括注用半角括号", text=p.text.replace("领导小组，局长", "领导小组(以下简称领导小组)，局长"))
    return d


def d15(c: dict[str, Doc]) -> Doc:
    d = c["clean_shuzhi"].copy("d15_shuzhi_cnstyles")
    d.page["style_body"] = {"first": 0}
    d.defects.append((INDENT, "“正文”样式首行不缩进"))
    d.page["style_h1"] = {"align": "center"}
    d.defects.append((ALIGN, "“标题 1”样式居中"))
    p = d.find("body", contains="三重一大")
    spoil(p, PUNCT, "引号用英文单引号", text=p.text.replace("“三重一大”", "'三重一大'"))
    p = d.find("body", contains="中央八项规定")
    spoil(p, NUMBERS, "不存在的日期 2024年2月30日", text=p.text.replace("全年未发生", "2024年2月30日召开专题民主生活会，全年未发生"))
    d.footer.update(form="slash")
    d.defects.append((HF, "页码写成“1/2”式"))
    return d


def d16(c: dict[str, Doc]) -> Doc:
    d = c["clean_shuzhi"].copy("d16_shuzhi_pandoc", way="pandoc")
    date = d.find("date")
    move(d, [date], d.find("to"))
    spoil(date, STRUCT, "成文日期排在标题下、主送之前，落款处只有署名")
    spoil(d.find("h1", contains="存在的问题"), PARALLEL, "一级标题中一个写成陈述句",
          text="三、班子在调查研究和推动改革方面还存在一定差距")  # fmt: skip
    spoil(d.find("h2"), NUMBERING, "二级标题用半角括号“(一)”", text="(一)坚持政治引领")
    p = d.find("body", contains="三重一大")
    spoil(p, PUNCT, "标点前有空格", text=p.text.replace("事项48项。", "事项48项 。"))
    return d


def d17(c: dict[str, Doc]) -> Doc:
    d = c["clean_jianghua"].copy("d17_jianghua_grid27")
    d.page.update(chars=27)
    d.defects.append((LAYOUT, "字符网格按 16 磅字宽，每行 27 字"))
    spoil(d.find("h1", 1), FONT, "一个一级标题用仿宋（应为黑体）", font=FS)
    p = d.find("body", contains="新局面")
    spoil(p, ALIGN, "一段正文居中", align="center")
    spoil(p, PUNCT, "句末半角叹号", text=p.text.replace("新局面！", "新局面!"))
    return d


def d18(c: dict[str, Doc]) -> Doc:
    d = c["clean_jianghua"].copy("d18_jianghua_word", way="direct")
    every(d, "body", line=30)
    d.defects.append((SPACING, "正文行距固定值 30 磅"))
    spoil(d.find("title"), SIZE, "标题小二（18 磅）", size=18)
    d.footer.update(font=FS, size=9)
    d.defects.append((HF, "页码用仿宋小五（应为4号宋体）"))
    spoil(d.find("body", contains="过去一年"), INDENT, "一段正文首行缩进四字", first=4)
    return d


def d19(c: dict[str, Doc]) -> Doc:
    d = c["clean_jiyao"].copy("d19_jiyao_word")
    spoil(d.find("h1", 2), NUMBERING, "一级标题序号重复：两个“二、”", text="二、关于机关办公用房维修")
    p = d.find("attend")
    spoil(p, PUNCT, "“出席”后用半角冒号", text=p.text.replace("出席：", "出席:"))
    p = d.find("body", contains="主持召开")
    spoil(p, NUMBERS, "日期写成 2025.3.12", text=p.text.replace("2025年3月12日", "2025.3.12"))
    spoil(d.find("h1", 1), PARALLEL, "议题标题中一个写成长句，与“关于……”的其他标题不一致",
          text="二、会议同意国库科提出的国库集中支付动态监控规则调整方案")  # fmt: skip
    spoil(d.find("body", contains="国库科提出"), ALIGN, "一段正文左对齐（应两端对齐）", align="left")
    every(d, "h1", before=14)
    d.defects.append((SPACING, "一级标题段前 14 磅"))
    return d


def d20(c: dict[str, Doc]) -> Doc:
    d = c["clean_jiyao"].copy("d20_jiyao_odt", way="odt")
    p = d.find("body", contains="18.6万元")
    spoil(p, FONT, "金额数字用 Arial")
    p.spans = [("18.6", {"latin": "Arial"})]
    d.footer.update(odd="left", even="right")
    d.defects.append((HF, "单页页码居左（应居右）"))
    p = d.find("body", contains="纪要如下")
    spoil(p, PUNCT, "句号重复“。。”", text=p.text.replace("纪要如下。", "纪要如下。。"))
    every(d, "h1", size=15)
    d.defects.append((SIZE, "一级标题 15 磅"))
    return d


def d21(c: dict[str, Doc]) -> Doc:
    d = c["clean_tonggao"].copy("d21_tonggao_word")
    items = [b for b in d.blocks if isinstance(b, P) and b.text[:2] in ("1.", "2.", "3.", "4.")]
    for b in items:
        b.text = b.text[0] + "、" + b.text[2:]
    spoil(items[0], NUMBERING, "条目序号写成“1、”（其余各条同）")
    p = items[0]
    p.text = p.text.replace("2025年4月1日", "2025-4-1")
    p.defects.append((NUMBERS, "日期写成 2025-4-1"))
    p = items[3]
    spoil(p, NUMBERS, "年份简写“25年”", text=p.text.replace("2025年3月31日", "25年3月31日"))
    p = items[2]
    spoil(p, PUNCT, "公众号名称用英文直引号", text=p.text.replace("“江州财政”", '"江州财政"'))
    spoil(d.find("date"), ALIGN, "成文日期顶到右边（应在署名首字右移二字处）", align="right", left=0)
    every(d, "body", font=SONG)
    d.defects.append((FONT, "正文用宋体"))
    return d


def d22(c: dict[str, Doc]) -> Doc:
    d = c["clean_tonggao"].copy("d22_tonggao_html", way="html")
    d.defects.append((LAYOUT, "网页转存：页边距为 LibreOffice 默认值，不是 37/35/28/26 mm"))
    d.defects.append((HF, "网页转存：没有页码"))
    p = d.find("body", contains="财政票据管理办法")
    spoil(p, PUNCT, "书名号写成“<<”“>>”", text=p.text.replace("《财政票据管理办法》", "<<财政票据管理办法>>"))
    return d


def d23(c: dict[str, Doc]) -> Doc:
    d = c["clean_tongzhi"].copy("d23_tongzhi_grid21", way="wps")
    d.page.update(lines=21)
    d.defects.append((LAYOUT, "文档网格每页 21 行"))
    every(d, "body", size=15)
    d.defects.append((SIZE, "正文 15 磅"))
    spoil(d.find("h1", 1), PARALLEL, "一级标题中一个远长于其他（“评议范围”“有关要求”）",
          text="二、按照撰写报告、现场述职、民主测评、结果反馈的步骤组织实施")  # fmt: skip
    d.footer.update(form="hyphen")
    d.defects.append((HF, "页码写成“-1-”"))
    return d


def d24(c: dict[str, Doc]) -> Doc:
    d = c["clean_baogao"].copy("d24_baogao_crowded")
    intro = d.find("body", contains="收支主要项目见下表")
    i = d.blocks.index(intro)
    del d.blocks[i : i + 2]  # this draft has no table in part one
    squeezed = [b for b in d.blocks[: d.blocks.index(d.find("h1", 2))] if isinstance(b, P) and b.role in ("body", "h1", "h2")]
    for b in squeezed[1:]:
        b.fmt["line"] = 22
    first = d.find("body", contains="全市一般公共预算收入完成")
    spoil(first, SPACING, "第一、二部分各段行距改为固定值 22 磅（其余各段同）")
    d.defects.append((PAGIN, "第1页行距被压缩，排了 22 行以上", "crowded"))  # type: ignore[arg-type]
    d.page.update(right=24.0)
    d.defects.append((LAYOUT, "右边距 24 mm（应为 26 mm）"))
    spoil(d.find("h2", 1), NUMBERING, "二级标题用半角括号“(二)”", text="(二)一般公共预算支出")
    p = d.find("body", contains="社会保障和就业支出21.3")
    spoil(p, PUNCT, "中文后用半角逗号", text=p.text.replace("21.3亿元，增长6.2%", "21.3亿元,增长6.2%"))
    p = d.find("body", contains="现将2024年")
    spoil(p, NUMBERS, "正文中年份写成“二〇二四年”", text=p.text.replace("现将2024年", "现将二〇二四年"))
    return d


def d25(c: dict[str, Doc]) -> Doc:
    d = c["clean_qingshi"].copy("d25_qingshi_word2", way="direct")
    spoil(d.find("note"), INDENT, "附注顶格（应居左空二字）", first=0)
    spoil(d.find("h1"), NUMBERING, "一级标题写成“1、”", text="1、资金缺口情况")
    d.footer.update(size=10.5)
    d.defects.append((HF, "页码五号（应为4号）"))
    to = d.find("to")
    d.blocks.remove(to)
    d.defects.append((STRUCT, "请示缺主送机关"))
    spoil(d.find("sign"), SIZE, "署名用4号（14 磅）", size=14)
    spoil(d.find("body", contains="市级预备费"), SPACING, "一段正文 1.5 倍行距（从别处粘贴）", line="1.5x")
    return d


def d26(c: dict[str, Doc]) -> Doc:
    d = c["clean_fangan"].copy("d26_fangan_pandoc", way="pandoc")
    spoil(d.find("h3", 1), NUMBERING, "三级标题写成“2)”", text="2)加强目标审核。")
    p = d.find("body", contains="能量化的一律量化")
    spoil(p, PUNCT, "中文句中用半角分号", text=p.text.replace("能量化的一律量化，", "能量化的一律量化;"))
    p = d.find("body", contains="到2027年")
    spoil(p, NUMBERS, "年份简写“27年”", text=p.text.replace("到2027年", "到27年"))
    spoil(d.find("h2", contains="提升绩效评价质量"), PARALLEL, "二级标题中一个写成带主语的长句",
          text="（三）我们要切实提升绩效评价的质量和水平")  # fmt: skip
    d.blocks.remove(d.find("sign"))
    d.defects.append((STRUCT, "缺发文机关署名"))
    spoil(d.find("h2", contains="强化绩效运行监控"), PAGIN, "二级标题落在第1页末行，正文在下一页（背题）", shows="beiti")
    spoil(d.find("h2", contains="加强组织领导"), PAGIN, "二级标题落在第2页末行，正文在下一页（背题）", shows="beiti")
    return d


def d28(c: dict[str, Doc]) -> Doc:
    d = c["clean_shuzhi"].copy("d28_shuzhi_split", way="direct")
    p = d.find("body", contains="对照新形势")
    p.text = "对照新形势新要求，班子在调查研究的深度、推动改革的力度上还有差距。下一步，将健全调研成果转化机制。"
    spoil(d.find("sign"), PAGIN, "署名和日期单独落在下一页", shows="split")
    d.footer.update(distinct=False)
    d.defects.append((HF, "单双页页码都居右，未区分奇偶页"))
    return d


def d29(c: dict[str, Doc]) -> Doc:
    d = c["clean_tongzhi"].copy("d29_tongzhi_orphan")
    d.find("body", contains="各党支部书记对照").text = "各党支部书记对照年初确定的党建工作任务，逐项说明完成情况，于1月10日前报局机关党委。"
    p = d.find("body", contains="局机关党委汇总")
    spoil(p, PAGIN, "段落末行只有一个字，孤零零排在第2页顶端", shows="orphan",
          text="局机关党委汇总测评情况，形成评议意见，经局党委审定后逐一反馈本人。评议结果作为支部书记年度考核和评先评优的依据。")  # fmt: skip
    spoil(d.find("title"), FONT, "标题用黑体（应为小标宋）", font=HT)
    return d


def d30(c: dict[str, Doc]) -> Doc:
    d = c["clean_yaodian"].copy("d30_yaodian_beiti", way="direct")
    p = d.find("body", contains="建立党员积分")
    p.text = p.text[: p.text.index("建立党员积分")]
    spoil(d.find("h2", contains="整治形式主义"), PAGIN, "二级标题排在第1页末行，正文在下一页（背题）", shows="beiti")
    spoil(d.find("h2"), INDENT, "二级标题顶格（其余二级标题同）", first=0)
    every(d, "h2", first=0)
    return d


def d32(c: dict[str, Doc]) -> Doc:
    d = c["clean_fangan"].copy("d32_fangan_orphan")
    last = d.blocks[-1]
    d.blocks[-1:] = [
        P("body", "领导小组的主要职责是：研究审定预算绩效管理的工作规划和年度计划，协调解决工作推进中的重大问题，督促检查各项任务落实情况。"),
        P("body", "领导小组办公室的主要职责是：承担领导小组的日常工作，组织实施绩效目标审核、绩效运行监控和重点绩效评价，汇总分析评价结果，提出结果应用的意见建议，起草领导小组会议材料，办理领导小组交办的其他事项。"),
        P("body", "领导小组成员因工作变动需要调整的，由所在单位提出意见，报领导小组办公室备案，不再另行发文。各成员单位要明确1名联络员，负责日常联系工作，确保各项工作衔接顺畅、运转高效、落实到位。"),
        last,
    ]
    spoil(last, PAGIN, "附件最后一段的末行单独落在一页上，该页只有这一行", shows="orphan",
          text="领导小组办公室设在绩效管理科，刘海燕同志兼任办公室主任，办公室工作人员由绩效管理科和预算科抽调，根据工作需要可以从各科室临时抽调人员参与具体工作，工作结束后回原科室工作。")  # fmt: skip
    return d


BUILDERS: tuple[Callable[[dict[str, Doc]], Doc], ...] = (
    d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12, d13, d14, d15, d16, d17, d18, d19, d20, d21,
    d22, d23, d24, d25, d26, d28, d29, d30, d32,
)  # fmt: skip


def defective_docs(cleans: dict[str, Doc]) -> list[Doc]:
    return [build(cleans) for build in BUILDERS]
