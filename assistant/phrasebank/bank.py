"""The phrase bank: packaged entries merged with the user's and WENMI_PATH's, and what it does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from assistant.categories import THEMES
from assistant.errors import Diagnostic, WenmiError
from assistant.phrasebank import composer
from assistant.phrasebank.loader import LoadedFile, bank_files, merge, read_bank_file
from assistant.phrasebank.model import KIND_LABELS, KINDS, Entry, resolve_theme
from assistant.phrasebank.parallel import check_parallel, repeated_openings
from assistant.phrasebank.search import SearchIndex


@dataclass
class PhraseBank:
    """All entries, in load order (packaged first), and the problems found while loading."""

    all_entries: list[Entry]
    problems: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.all_entries)

    # --- listing -----------------------------------------------------------------------------

    def entries(self, kind: str | None = None, theme: str | None = None) -> list[Entry]:
        """Entries of one kind and/or theme (WenmiError naming the options for an unknown one)."""
        if kind is not None and kind not in KINDS:
            options = "、".join(f"{k}（{KIND_LABELS[k]}）" for k in KINDS)
            raise WenmiError(f"没有“{kind}”这类条目", field="kind", hint=f"可选：{options}")
        resolved = None
        if theme is not None:
            resolved = resolve_theme(theme)
            if resolved is None:
                raise WenmiError(f"没有名为“{theme}”的主题", field="theme", hint=f"可选：{'、'.join(THEMES)}")
        return [
            e
            for e in self.all_entries
            if (kind is None or e.kind == kind) and (resolved is None or e.theme == resolved)
        ]

    def counts(self) -> Counter[str]:
        """Entries per kind."""
        return Counter(e.kind for e in self.all_entries)

    @cached_property
    def phrase_structures(self) -> dict[str, str]:
        """Structure tags of the texts the bank knows: phrases, and the items of tagged sets."""
        known = {e.text: e.structure for e in self.all_entries if e.kind == "phrase" and e.structure}
        for e in self.all_entries:
            if e.kind == "set" and e.structure:
                for item in e.items:
                    known.setdefault(item, e.structure)
        return known

    def find(self, text: str) -> Entry | None:
        """The phrase (or pair, set, framework) whose text or name is exactly `text`."""
        return self._by_text.get(text.strip())

    @cached_property
    def _by_text(self) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for e in self.all_entries:
            out.setdefault(e.text, e)
            if e.name:
                out.setdefault(e.name, e)
        return out

    # --- the three jobs ----------------------------------------------------------------------

    def compose(
        self,
        count: int,
        theme: str | None = None,
        pattern: str = "phrase",
        seed: int = 0,
        hints: Sequence[str] = (),
        style: str | None = None,
        family: str | None = None,
    ) -> list[str]:
        """`count` headings forming a parallel set (see `assistant.phrasebank.composer`).

        `theme` None means any theme; `style` ("space" | "comma") applies to pairs only;
        `family` names one pair group or framework to take them from. Every set passes `check`
        and never repeats a head word (`repeated_openings`). The same arguments always give the
        same list; seeds 0, 1, 2 … give different sets while the bank has material for them.
        WenmiError when it cannot be done."""
        request = composer.make_request(count, theme, pattern, seed, hints, style, family)
        return composer.compose(self.all_entries, request, accept=self.accepts)

    def accepts(self, headings: Sequence[str]) -> bool:
        """Whether `headings` may be composed as a set: `check` finds nothing and no head word
        repeats (not even as a shared frame: 聚焦…/聚焦…)."""
        return not self.check(headings) and not repeated_openings(headings)

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        """Best matches first: by characters, meaning (jieba words, tags) and pinyin initials."""
        return self.index.search(query, limit)

    def check(self, headings: Sequence[str]) -> list[str]:
        """Reasons, in Chinese, why `headings` are not a parallel set; [] when they are."""
        return check_parallel(headings, self.phrase_structures)

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex(self.all_entries)


def bank_from_files(loaded: Sequence[LoadedFile], severity_of: dict[str, str] | None = None) -> PhraseBank:
    """A bank of already-read files (duplicates dropped and reported on the file repeating them)."""
    entries = list(merge(loaded, severity_of))
    problems = [d for f in loaded for d in f.diagnostics]
    return PhraseBank(entries, problems, [f.path for f in loaded])


def _folders(dirs: Sequence[Path | tuple[str, Path]] | None) -> tuple[tuple[str, Path], ...]:
    if dirs is None:
        from assistant.paths import search_dirs

        return tuple(search_dirs("phrasebank"))
    return tuple(d if isinstance(d, tuple) else ("packaged", Path(d)) for d in dirs)


def _signature(folders: tuple[tuple[str, Path], ...]) -> tuple[tuple[str, str, int, int], ...]:
    out = []
    for source, folder in folders:
        for path in bank_files(folder):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append((source, str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def load_bank(dirs: Sequence[Path | tuple[str, Path]] | None = None) -> PhraseBank:
    """The phrase bank: packaged, then the user folder, then WENMI_PATH folders.

    `dirs` replaces those folders (tests): plain paths count as packaged, (source, path) pairs
    carry their source. Problems in user and WENMI_PATH files are warnings (those entries are
    skipped, the rest loads); problems in packaged files are errors in `PhraseBank.problems`.
    The result is cached until a bank file changes (or `clear_bank_cache()`)."""
    folders = _folders(dirs)
    return _load_cached(folders, _signature(folders))


@lru_cache(maxsize=8)
def _load_cached(
    folders: tuple[tuple[str, Path], ...], _sig: tuple[tuple[str, str, int, int], ...]
) -> PhraseBank:
    loaded: list[LoadedFile] = []
    severity_of: dict[str, str] = {}
    for source, folder in folders:
        severity = "error" if source == "packaged" else "warning"
        severity_of[source] = severity
        loaded += [read_bank_file(p, source, severity) for p in bank_files(folder)]
    return bank_from_files(loaded, severity_of)


def clear_bank_cache() -> None:
    """Forget loaded banks (after `wenmi phrases add`, or between tests)."""
    _load_cached.cache_clear()


def validate_paths(
    paths: Sequence[Path | tuple[str, Path]] | None = None,
) -> tuple[list[Path], list[Diagnostic]]:
    """(files checked, problems) for bank files or folders (default: every bank folder).

    Every entry problem is an error; duplicates within one source are errors, an entry a later
    source repeats is a warning; pair groups too small to compose are warnings."""
    folders = _folders(paths)
    missing = [p for _, p in folders if not p.exists()] if paths is not None else []
    loaded = [read_bank_file(f, source, "error") for source, folder in folders for f in bank_files(folder)]
    bank = bank_from_files(loaded, {source: "error" for source, _ in folders})
    problems = [Diagnostic.at("路径不存在", file=str(p), rule="io", severity="error") for p in missing]
    problems += bank.problems + _group_problems(bank) + _near_duplicates(bank)
    return [f.path for f in loaded], problems


def _near_duplicates(bank: PhraseBank) -> list[Diagnostic]:
    """Phrases of one structure made of the same characters in another order (强化监督 / 监督强化;
    纪律严明 主谓 / 严明纪律 动宾 are different phrases)."""
    seen: dict[tuple[str, str], Entry] = {}
    out = []
    for e in bank.entries("phrase"):
        key = ("".join(sorted(e.text)), e.structure)
        first = seen.setdefault(key, e)
        if first is not e:
            out.append(Diagnostic.at(f"“{e.text}”与“{first.text}”用字相同、只是语序不同，近乎重复",
                                     rule="near-duplicate", file=e.file, line=e.line))  # fmt: skip
    return out


def _group_problems(bank: PhraseBank) -> list[Diagnostic]:
    """Pair groups too small to compose a set of three, or mixing styles."""
    groups: dict[str, list[Entry]] = {}
    for e in bank.entries("pair"):
        groups.setdefault(e.group, []).append(e)
    out = []
    for name, members in groups.items():
        first = members[0]
        if len(members) < 3:
            out.append(Diagnostic.at(f"对仗组“{name}”只有{len(members)}条，凑不成三个以上的成套标题",
                                     rule="pair-group", file=first.file, line=first.line))  # fmt: skip
        if len({e.style for e in members}) > 1:
            out.append(Diagnostic.at(f"对仗组“{name}”混用了空格式和逗号式", rule="pair-group",
                                     file=first.file, line=first.line))  # fmt: skip
    return out
