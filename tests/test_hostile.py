"""Each attack of issue 15, at full size, run through the real command in a child process the
operating system bounds (`tests/hostile.py`: 1.5 GB of address space, CPU and wall-clock limits).

Every one must end with exit 1 and a single Chinese line naming the file, no traceback, in a
few seconds and a few hundred MB: a guard that gave way would hit the OS limits and fail here
rather than take the machine down. The bombs are built at test time, streamed to disk.
The in-process tests of each guard (located messages, parsers never reached) are in
`tests/test_reliability_*.py`.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from assistant import safezip
from tests import hostile
from tests.test_reliability_yaml import TEMPLATE, alias_bomb

WORKBOOK = "unit: 党群工作部\nperiod: 2023年\nachievements:\n  - title: 开展学习\n    metrics:\n      - {label: 次数, value: 3, unit: 次}\n"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>\n"
)


def bounded(outcome: hostile.Outcome) -> None:
    """Ended on its own, within the time and memory a guarded attack needs, with no traceback."""
    hostile.assert_bounded(outcome)
    assert "Traceback" not in outcome.stderr and "MemoryError" not in outcome.stderr, outcome.describe()


def refused(outcome: hostile.Outcome, name: str, *words: str, stream: str = "stderr") -> str:
    """Exit 1 with one Chinese line naming the file `name` and saying `words`; that line."""
    bounded(outcome)
    assert outcome.code == 1, outcome.describe()
    text = outcome.stderr if stream == "stderr" else outcome.stdout
    lines = [line for line in text.splitlines() if name in line]
    assert len(lines) == 1, outcome.describe()
    assert all(w in lines[0] for w in words), outcome.describe()
    if stream == "stderr":
        assert [line for line in outcome.stderr.splitlines() if line.strip()] == lines, outcome.describe()
        assert lines[0].startswith("wenmi：")
    return lines[0]


def stuffed(src: Path, dst: Path, part: str, before: bytes, unit: bytes, megabytes: int, filler: bytes = b"") -> Path:
    """A copy of the zip `src` with `filler` and `megabytes` MB of `unit` inserted in `part` before
    `before`, written in chunks (a zip bomb of the issue's size without holding it in memory)."""
    block = unit * (1024 * 1024 // len(unit))
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename != part:
                new.writestr(info.filename, data)
                continue
            at = data.index(before)
            with new.open(part, "w") as out:
                out.write(data[:at] + filler)
                for _ in range(megabytes):
                    out.write(block)
                out.write(data[at:])
    return dst


def entity_bomb(src: Path, dst: Path, part: str, root: bytes) -> Path:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == part:  # the root element gets the expansion of a billion "lol"s
                data = BILLION_LAUGHS + data[data.index(root) :].replace(b">", b">&lol9;", 1)
            new.writestr(info.filename, data)
    return dst


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real .xlsx and .docx to build the bombs from."""
    from assistant.document.markup import parse_markup
    from assistant.ledger.importers import export_table
    from assistant.ledger.workbook import Achievement, Metric, Workbook
    from assistant.render import document_bytes

    folder = tmp_path_factory.mktemp("sources")
    wb = Workbook(unit="党群工作部", period="2023年", achievements=[
        Achievement(title=f"开展学习{i}", metrics=[Metric(label="次数", value=i + 1, unit="次")]) for i in range(5)
    ])  # fmt: skip
    export_table(wb, folder / "台账.xlsx")
    text = "# 关于开展学习的总结\n今年以来，开展学习教育12次，参训318人次。\n## 主要做法\n组织专题培训5场。\n"
    (folder / "总结.docx").write_bytes(document_bytes(parse_markup(text), "docx"))
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"WENMI_HOME": str(tmp_path / "home"), "WENMI_PATH": ""}


def test_the_memory_limit_is_real() -> None:
    """Without this the bounds below would only be the timeout."""
    if not hostile.OS_LIMITS:
        pytest.skip(hostile.WHY_UNLIMITED)
    outcome = hostile.call("tests.hostile:allocate", str(2 * hostile.MEMORY_BYTES // 1024 // 1024))
    assert outcome.code == 1 and (outcome.raised or "").startswith("MemoryError"), outcome.describe()
    assert hostile.call("tests.hostile:allocate", "64").stdout.strip() == str(64 * 1024 * 1024)


class TestYaml:
    def test_alias_bomb_in_suggest(self, tmp_path: Path, env: dict[str, str]) -> None:
        path = tmp_path / "台账.yaml"  # 9**12 values once expanded: ~600 bytes
        path.write_text(alias_bomb(levels=12) + "unit: 单位\nachievements:\n  - title: 学习\n    tags: *x11\n",
                        encoding="utf-8")  # fmt: skip
        refused(hostile.run_cli("suggest", str(path), env=env), "台账.yaml", "锚点", "第12行")

    def test_alias_bomb_in_templates_validate(self, tmp_path: Path, env: dict[str, str]) -> None:
        folder = tmp_path / "extra" / "templates"
        folder.mkdir(parents=True)
        (folder / "zf-bomb.yaml").write_text(alias_bomb(levels=12) + TEMPLATE.format(id="bomb"), encoding="utf-8")
        outcome = hostile.run_cli("templates", "validate", str(folder), env=env | {"WENMI_PATH": str(folder.parent)})
        refused(outcome, "zf-bomb.yaml", "锚点", "第11行", stream="stdout")


class TestZipBombs:
    """Bombs of the issue's size: tens of megabytes of repeated XML in a file of ~100 KB."""

    def test_xlsx_bomb_in_import(self, files: Path, tmp_path: Path, env: dict[str, str]) -> None:
        bomb = stuffed(files / "台账.xlsx", tmp_path / "炸弹.xlsx", "xl/worksheets/sheet1.xml", b"</sheetData>",
                       b"<row><c><v>1</v></c></row>", 100)  # fmt: skip
        assert bomb.stat().st_size < 400_000
        out = tmp_path / "out.yaml"
        refused(hostile.run_cli("import", str(bomb), "-o", str(out), env=env), "炸弹.xlsx", "压缩炸弹")
        assert not out.exists()

    @pytest.mark.parametrize("command", ["import", "check"])
    def test_docx_bomb(self, files: Path, tmp_path: Path, env: dict[str, str], command: str) -> None:
        bomb = stuffed(files / "总结.docx", tmp_path / "炸弹.docx", "word/document.xml", b"</w:body>", b"<w:p/>", 60)
        assert bomb.stat().st_size < 200_000
        args = ["-o", str(tmp_path / "out.yaml")] if command == "import" else []
        refused(hostile.run_cli(command, str(bomb), *args, env=env), "炸弹.docx", "压缩炸弹")

    @pytest.mark.parametrize("command", ["import", "check"])
    def test_diluted_docx_bomb(self, files: Path, tmp_path: Path, env: dict[str, str], command: str) -> None:
        """Random text packed beside the empty paragraphs keeps the ratio low: only counting
        the paragraphs stops it (5 million of them would take `check` ~12 minutes)."""
        noise = b"<w:p><w:r><w:t>" + os.urandom(150_000).hex().encode() + b"</w:t></w:r></w:p>"
        bomb = stuffed(files / "总结.docx", tmp_path / "稀释.docx", "word/document.xml", b"</w:body>", b"<w:p/>", 30, noise)
        info = zipfile.ZipFile(bomb).getinfo("word/document.xml")
        assert info.file_size < safezip.MAX_RATIO * info.compress_size  # the ratio alone lets it through
        args = ["-o", str(tmp_path / "out.yaml")] if command == "import" else []
        refused(hostile.run_cli(command, str(bomb), *args, env=env), "稀释.docx", "段落", "拒绝读取")

    def test_entity_bomb_in_docx_and_xlsx(self, files: Path, tmp_path: Path, env: dict[str, str]) -> None:
        docx = entity_bomb(files / "总结.docx", tmp_path / "实体.docx", "word/document.xml", b"<w:document")
        xlsx = entity_bomb(files / "台账.xlsx", tmp_path / "实体.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet")
        refused(hostile.run_cli("check", str(docx), env=env), "实体.docx", "DOCTYPE")
        refused(hostile.run_cli("import", str(docx), "-o", str(tmp_path / "a.yaml"), env=env), "实体.docx", "DOCTYPE")
        refused(hostile.run_cli("import", str(xlsx), "-o", str(tmp_path / "b.yaml"), env=env), "实体.xlsx", "DOCTYPE")


def test_sandbox_filter_chain_blow_up(tmp_path: Path, env: dict[str, str]) -> None:
    """`big|map("center", 200000)|list` reached 7.8 GB before the output limit fired."""
    folder = tmp_path / "extra" / "templates"
    folder.mkdir(parents=True)
    body = "  {% set big = 'x' * 2000 %}{{ big|map('center', 200000)|list|length }}\n"
    (folder / "zf-blow.yaml").write_text(TEMPLATE.format(id="blow").split("  # ")[0] + body, encoding="utf-8")
    workbook = tmp_path / "台账.yaml"
    workbook.write_text(WORKBOOK, encoding="utf-8")
    out = tmp_path / "out.docx"
    outcome = hostile.run_cli("render", str(workbook), "--template", "zf-blow", "-o", str(out),
                              env=env | {"WENMI_PATH": str(folder.parent)})  # fmt: skip
    refused(outcome, "zf-blow.yaml", "第10行", "过大")
    assert not out.exists()


def test_ten_thousand_row_csv_with_a_stray_quote(tmp_path: Path, env: dict[str, str]) -> None:
    rows = "".join(f"开展学习{i},{i + 1},次\n" for i in range(10_010))
    path = tmp_path / "台账.csv"
    path.write_text("事项,数量,单位\n" + rows[: rows.index("开展学习10,")] + '"开展调研,2,次\n' + rows, encoding="utf-8")
    refused(hostile.run_cli("import", str(path), "-o", str(tmp_path / "out.yaml"), env=env), "台账.csv", "第12行", "双引号")


def test_a_genuine_repetitive_ten_thousand_paragraph_docx_is_checked(tmp_path: Path, env: dict[str, str]) -> None:
    """One sentence 10,000 times packs ~220:1, beyond the old ratio limit (200), and is no bomb:
    `check` reads it whole, within bounds."""
    from assistant.document.markup import parse_markup
    from assistant.render import document_bytes

    path = tmp_path / "总结.docx"
    text = "# 关于开展学习的总结\n" + "今年以来，开展学习教育12次，参训318人次。\n" * 10_000
    path.write_bytes(document_bytes(parse_markup(text), "docx"))
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size > 200 * info.compress_size
    outcome = hostile.run_cli("check", str(path), env=env)
    bounded(outcome)
    assert outcome.code == 0 and "总结.docx：未发现问题" in outcome.stdout, outcome.describe()
