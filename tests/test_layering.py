"""The folders show the architecture, and the imports keep to it.

ledger → compose ← templating/phrasebank; compose → document; cli and tui on top. Every import
counts, including the ones inside functions (lazy) and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, name: str | None) -> str:
    """The project module an import names: `from a.b import c` is a.b.c when that is a module."""
    if name and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    while module not in MODULES and "." in module:
        module = module.rsplit(".", 1)[0]
    return module


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under `if TYPE_CHECKING:` (annotations only; they never run)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return out


def _imports(path: Path, *, runtime: bool = False) -> set[str]:
    """Every module of the package (or outside name) that the file imports, anywhere in it
    (with `runtime`, not counting the imports under TYPE_CHECKING)."""
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree) if runtime else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                out.add(_resolve(alias.name, None) if alias.name.startswith("assistant") else alias.name)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            if not module.startswith("assistant"):
                out.add(module)
                continue
            for alias in node.names:
                out.add(_resolve(module, alias.name))
    out.discard(here)
    return out


GRAPH: dict[str, set[str]] = {name: _imports(path) for name, path in MODULES.items()}
RUNTIME: dict[str, set[str]] = {name: _imports(path, runtime=True) for name, path in MODULES.items()}


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


#: (package, packages it must not import).
FORBIDDEN: list[tuple[str, tuple[str, ...]]] = [
    (
        "assistant.document",
        ("assistant.ledger", "assistant.compose", "assistant.templating", "assistant.phrasebank",
         "assistant.render", "assistant.cli", "assistant.tui"),
    ),
    ("assistant.ledger", ("assistant.compose", "assistant.templating", "assistant.phrasebank",
                          "assistant.render", "assistant.cli", "assistant.tui")),
    ("assistant.templating", ("assistant.compose", "assistant.render", "assistant.cli", "assistant.tui")),
    ("assistant.phrasebank", ("assistant.compose", "assistant.ledger", "assistant.document",
                              "assistant.templating", "assistant.render", "assistant.cli", "assistant.tui")),
    ("assistant.compose", ("assistant.render", "assistant.cli", "assistant.tui")),
]  # fmt: skip


@pytest.mark.parametrize(("package", "forbidden"), FORBIDDEN, ids=[p for p, _ in FORBIDDEN])
def test_layer_imports_nothing_above_it(package: str, forbidden: tuple[str, ...]) -> None:
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if _in(module, package)
        for target in targets
        if any(_in(target, f) for f in forbidden)
    )
    assert offenders == []


def test_only_the_tui_imports_textual() -> None:
    offenders = sorted(
        module
        for module, targets in GRAPH.items()
        if not _in(module, "assistant.tui") and any(_in(t, "textual") for t in targets)
    )
    assert offenders == []


def test_no_import_circles() -> None:
    """No module reaches itself through the imports that run (a package's __init__ counts;
    annotations under TYPE_CHECKING, such as a screen naming its app's class, do not)."""
    project = {m: {t for t in ts if t in MODULES} for m, ts in RUNTIME.items()}
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(project[module]):
            if state.get(target) == 1:
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(project):
        if module not in state:
            visit(module)
    assert circles == []


def test_the_stacks_have_their_folders() -> None:
    """The modules the README's map names are where it says."""
    for name in (
        "assistant.document.markup",
        "assistant.document.docx_writer",
        "assistant.document.paginate",
        "assistant.document.check",
        "assistant.ledger.workbook",
        "assistant.ledger.validate",
        "assistant.ledger.files",
        "assistant.ledger.importers",
        "assistant.compose.pipeline",
        "assistant.compose.matching",
    ):
        assert name in MODULES, name
