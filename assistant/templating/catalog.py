"""Finding templates: packaged, then the user folder, then every WENMI_PATH folder.

A later folder's template overrides an earlier one with the same id. Listing reads only each
file's metadata; a template is parsed completely the first time it is asked for.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path

from assistant.categories import CATEGORIES
from assistant.errors import WenmiError
from assistant.templating.loader import load_template_file, read_info
from assistant.templating.model import Template, TemplateInfo

TEMPLATE_SUFFIXES = (".yaml", ".yml")


def iter_template_files(folder: Path) -> Iterator[Path]:
    """Template files under `folder`, sorted, skipping names that start with "_" or "."."""
    if folder.is_file():
        yield folder
        return
    if not folder.is_dir():
        return
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in files:
            if name.endswith(TEMPLATE_SUFFIXES) and not name.startswith(("_", ".")):
                found.append(Path(root) / name)
    yield from sorted(found)


def _category_order(info: TemplateInfo) -> tuple[int, str]:
    index = CATEGORIES.index(info.category) if info.category in CATEGORIES else len(CATEGORIES)
    return index, info.id


class Catalog:
    """The templates found in a list of (source, folder) pairs, lowest priority first."""

    def __init__(self, roots: list[tuple[str, Path]]) -> None:
        self.roots = list(roots)
        #: Every template file found, as (source, path), lowest priority first.
        self.files: list[tuple[str, Path]] = [
            (src, p) for src, folder in self.roots for p in iter_template_files(folder)
        ]
        #: Files whose metadata could not be read, and ids defined twice in one folder.
        self.problems: list[WenmiError] = []
        #: Templates that could not be loaded by `all()`.
        self.load_errors: list[WenmiError] = []
        #: For an overridden id, the templates it hides (lowest priority first).
        self.shadowed: dict[str, list[TemplateInfo]] = {}
        self._infos: dict[str, TemplateInfo] | None = None
        self._loaded: dict[str, Template] = {}

    # -- metadata --
    def _index(self) -> dict[str, TemplateInfo]:
        if self._infos is not None:
            return self._infos
        infos: dict[str, TemplateInfo] = {}
        for source, path in self.files:
            try:
                info = read_info(path, source)
            except WenmiError as err:
                self.problems.append(err)
                continue
            previous = infos.get(info.id)
            if previous is not None and previous.source == source:
                self.problems.append(
                    WenmiError(
                        f"模板编号“{info.id}”重复：{previous.path} 中已有同一编号",
                        file=str(path),
                        line=1,
                        field="id",
                        hint="每个模板的编号必须唯一",
                    )
                )
                continue
            if previous is not None:
                self.shadowed.setdefault(info.id, []).append(previous)
            infos[info.id] = info
        self._infos = dict(sorted(infos.items(), key=lambda kv: _category_order(kv[1])))
        return self._infos

    def infos(self) -> list[TemplateInfo]:
        """Metadata of every template (after overrides), by category then id."""
        return list(self._index().values())

    def ids(self) -> list[str]:
        return list(self._index())

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._index()

    def __len__(self) -> int:
        return len(self._index())

    def __iter__(self) -> Iterator[TemplateInfo]:
        """Iterating a catalogue lists its metadata (no body is parsed); `all()` loads templates."""
        return iter(self.infos())

    def info(self, template_id: str) -> TemplateInfo:
        info = self._index().get(template_id.strip())
        if info is None:
            raise self._not_found(template_id)
        return info

    # -- full templates --
    def get(self, template_id: str) -> Template:
        """The template with this id; WenmiError (with suggestions) when there is none."""
        info = self.info(template_id)
        template = self._loaded.get(info.id)
        if template is None:
            assert info.path is not None
            template = load_template_file(info.path, info.source)
            self._loaded[info.id] = template
        return template

    def all(self) -> list[Template]:
        """Every template that loads; the others are recorded in `load_errors`."""
        out: list[Template] = []
        self.load_errors = []
        for info in self.infos():
            try:
                out.append(self.get(info.id))
            except WenmiError as err:
                self.load_errors.append(err)
        return out

    def by_category(self) -> dict[str, list[Template]]:
        """Templates grouped by category, in the order of CATEGORIES."""
        groups: dict[str, list[Template]] = {c: [] for c in CATEGORIES}
        for template in self.all():
            groups.setdefault(template.category, []).append(template)
        return groups

    # -- not found --
    def suggest(self, key: str, n: int = 3) -> list[str]:
        """Ids that look like `key` (by id, or by the template's Chinese name)."""
        index = self._index()
        key = key.strip()
        close = difflib.get_close_matches(key.lower(), list(index), n=n, cutoff=0.75)
        if close:
            return close
        by_name = [i.id for i in index.values() if key and (key in i.name or i.name in key)]
        if by_name:
            return by_name[:n]
        names = {i.name: i.id for i in index.values()}
        return [names[m] for m in difflib.get_close_matches(key, list(names), n=n, cutoff=0.4)]

    def _not_found(self, template_id: str) -> WenmiError:
        guesses = self.suggest(template_id)
        index = self._index()
        if guesses:
            listed = "、".join(f"{g}（{index[g].name}）" for g in guesses)
            hint = f"是不是：{listed}？用 wenmi templates list 查看全部模板"
        else:
            hint = "用 wenmi templates list 查看全部模板"
        return WenmiError(f"没有编号为“{template_id}”的模板", hint=hint)


_CACHE: dict[tuple[tuple[str, str], ...], Catalog] = {}


def load_catalog(refresh: bool = False) -> Catalog:
    """The catalogue for the current search folders (cached per process; `refresh` rereads)."""
    from assistant.paths import search_dirs

    roots = search_dirs("templates")
    key = tuple((src, str(folder)) for src, folder in roots)
    catalog = _CACHE.get(key)
    if catalog is None or refresh:
        catalog = Catalog(roots)
        _CACHE[key] = catalog
    return catalog


def clear_catalog_cache() -> None:
    """Forget cached catalogues (after templates were added or edited)."""
    _CACHE.clear()
