"""Every user action in one table: the command palette, the help dialog and the keys use it.

Plain data (no textual import), so the app can start without loading the command palette;
the palette's provider is `assistant.tui.palette.WenmiCommands`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """An action the user can run from the palette (and usually by a key)."""

    title: str
    help: str
    #: Action name, run on the app ("app") or on the screen of mode `target`.
    action: str
    target: str = "app"
    #: The key shown in help; "" when the action has no key.
    key: str = ""


#: Screen names, in navigation order, with their Chinese titles and keys.
MODES: tuple[tuple[str, str, str], ...] = (
    ("achievements", "成效台账", "f2"),
    ("templates", "模板", "f3"),
    ("compose", "撰写", "f4"),
    ("phrases", "词库", "f5"),
)

COMMANDS: tuple[Command, ...] = (
    # global
    Command("打开“成效台账”页", "查看、编辑成效事项", "switch_mode('achievements')", key="f2"),
    Command("打开“模板”页", "浏览并选用模板", "switch_mode('templates')", key="f3"),
    Command("打开“撰写”页", "填写项、分节标题和实时预览", "switch_mode('compose')", key="f4"),
    Command("打开“词库”页", "搜索四字短语、排比句式和数字框架", "switch_mode('phrases')", key="f5"),
    Command(
        "打开台账",
        "打开另一个 .yaml 台账或 .xlsx/.csv 表格（未保存的修改先自动备份）",
        "open_workbook",
        key="ctrl+l",
    ),
    Command("保存台账", "把台账写回文件（示例台账会先询问保存位置）", "save", key="ctrl+s"),
    Command("台账另存为", "把台账保存到新的 .yaml 文件", "save_as"),
    Command("导出 Word 公文", "按选定（或推荐）模板生成 .docx", "export", key="ctrl+e"),
    Command(
        "检查 Word 文档",
        "打开 .docx，按页列出不合公文格式之处；可一键修正后另存",
        "check_document",
        key="f6",
    ),
    Command("撤销", "撤销上一步修改：编辑、删除、移动、选标题、填写……（最多 200 步）", "undo", key="ctrl+z"),
    Command("重做", "重做刚撤销的修改", "redo", key="ctrl+y"),
    Command("开关自动保存", "自动保存未保存的修改，终端关闭也不丢失", "toggle_autosave"),
    Command("按键帮助", "列出全部按键", "help", key="f1"),
    Command("退出", "退出文秘", "quit", key="ctrl+q"),
    # achievements
    Command("新增成效事项", "打开表单新增一项成效", "add", "achievements", "ctrl+n"),
    Command("编辑成效事项", "编辑光标所在的成效", "edit", "achievements", "enter"),
    Command("删除成效事项", "删除光标所在的成效（会先确认）", "delete", "achievements", "delete"),
    Command("成效事项上移", "把光标所在的成效上移一行", "move(-1)", "achievements", "ctrl+up"),
    Command("成效事项下移", "把光标所在的成效下移一行", "move(1)", "achievements", "ctrl+down"),
    Command(
        "导入 Excel/CSV 台账",
        "从 .xlsx、.csv 或旧 .docx 追加成效事项",
        "import_file",
        "achievements",
        "ctrl+o",
    ),
    # templates
    Command("筛选模板", "按名称、拼音首字母或关键词筛选", "focus_filter", "templates", "ctrl+f"),
    Command("选用模板", "选用光标所在的模板并转到撰写页", "choose", "templates", "enter"),
    # compose
    Command("换一组标题", "让词库给出另一组排比标题", "cycle_headings(1)", "compose", "ctrl+r"),
    Command("上一组标题", "回到上一组排比标题", "cycle_headings(-1)", "compose", "ctrl+b"),
    Command(
        "从词库选标题",
        "搜索词库，替换当前部分的标题（对仗标题只换前半句）",
        "pick_heading",
        "compose",
        "ctrl+t",
    ),
    Command("移到上一部分", "把选中的成效移到上一部分", "move_achievement(-1)", "compose", "ctrl+up"),
    Command("移到下一部分", "把选中的成效移到下一部分", "move_achievement(1)", "compose", "ctrl+down"),
    Command("移到指定部分", "选择要把成效移去的部分", "choose_section", "compose", "m"),
    # phrases
    Command("搜索词库", "按文字、含义或拼音首字母搜索", "focus_search", "phrases", "ctrl+f"),
    Command("复制短语", "把选中的短语复制到剪贴板", "copy", "phrases", "c"),
    Command("用作当前标题", "把选中的短语设为撰写页当前部分的标题", "insert", "phrases", "i"),
    Command("添加自己的短语", "把短语存入用户词库", "add_phrase", "phrases", "ctrl+n"),
)

#: Keys that work inside a dialog (not palette commands): (page, key, what it does). Help lists
#: each under the page's command with the same key, the one that opens the dialog.
DIALOG_KEYS: tuple[tuple[str, str, str], ...] = (
    ("compose", "ctrl+t", "选词框中 Ctrl+T：替换整个标题，不只前半句"),
)


def commands_for(target: str) -> list[Command]:
    return [c for c in COMMANDS if c.target == target]


def key_label(key: str) -> str:
    """ctrl+up -> Ctrl+↑ (for help and palette)."""
    names = {"up": "↑", "down": "↓", "enter": "Enter", "delete": "Delete", "escape": "Esc"}
    parts = [names.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in key.split("+")]
    return "+".join(parts)
