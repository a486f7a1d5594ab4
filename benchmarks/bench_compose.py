"""Benchmark: composition on workbooks made from real published articles (benchmarks/compose_eval).

Each case is a 台账 (`<slug>.yaml`) rebuilt from a published article and the author's own answer
(`<slug>.key.yaml`: genre, tense, the author's sections and which achievements went into each).
For every case it asks `suggest` for templates, renders the best-ranked template of the author's
genre (the one a user would take) and measures what an editor would look at:

- genre rank: where the first template of the right genre stands in `suggest` (top 3 is the target);
- unsourced claims: example content left in a plain render, and renders whose template's framing
  tells of work the workbook never reports (`template-theme-absent`: its theme is said nowhere);
- pair agreement: over all pairs of achievements, how often wenmi and the author agree on "same
  section or not" (the all-apart baseline is printed beside it); measured on the best-ranked
  template of the genre that has sections (the grouping is what is tested), and on the grouping
  engine alone at a plan of four sections ("eng");
- figures missing; catch-all sections (其他…); empty sections; framework mismatches (“三个载体”
  over a different number of parts, a named method the workbook never mentions);
- Composition II: label repetitions (“…活动，展销及美食节活动7次”), repeated or echoing leads, one-sentence
  paragraphs (a paragraph of the achievements that says one thing while its section says more),
  boilerplate share (sentences carrying nothing from the workbook), length in Chinese characters,
  and content use: how many characters of the workbook's own content (titles, details, dates,
  owners, figures, filled fields) exist, and how many of them reach the document.

Cases whose key says `heldout: true` were added after the ranking was last tuned; their figures
are also printed apart (marked * in the table), as the measure on workbooks nobody tuned for.

Held-out cases are added in batches (`batch: N` in the key); `--batch N` also prints the full
summary of batch N alone (the measure of the latest batch, taken once), the rest of the output unchanged;
`--skip-batch N` leaves batch N out, so a batch not yet measured stays unseen while the engine is
worked on.

Run:  python benchmarks/bench_compose.py [--json] [--case SLUG] [--show] [--batch N] [--skip-batch N]
`--show` prints each rendered document, to be read as the person who must sign it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from assistant.compose import compose_markup  # noqa: E402
from assistant.compose.matching import group_achievements  # noqa: E402
from assistant.compose.recommend import recommend as suggest  # noqa: E402
from assistant.errors import WenmiError  # noqa: E402
from assistant.ledger.figcheck import check_figures  # noqa: E402
from assistant.ledger.figures import kinds_of_one_noun, says_action  # noqa: E402
from assistant.ledger.files import load_workbook  # noqa: E402
from assistant.templating import load_catalog  # noqa: E402
from assistant.templating.sandbox import body_names  # noqa: E402

EVAL = Path(__file__).resolve().parent / "compose_eval"

_HEADING = re.compile(r"^(#{2,5}) (.*)$")
_CATCH_ALL = re.compile(r"其[他它]")
_COUNTED = re.compile(r"([一二两三四五六七八九十])个")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_METHOD = re.compile(r"“?(\d{3,4}|[一二三四五六七八九十]{1,2}[高严真实快])”?(?:党建)?工作法")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


@dataclass
class CaseResult:
    slug: str
    genre: str
    rows: int
    genre_rank: int | None
    template: str | None
    group_template: str | None
    pair_agreement: float | None
    all_apart: float | None
    engine_pairs: float
    sections: int
    figures_missing: int
    catch_all: int
    empty_sections: int
    framework_mismatches: int
    label_repetitions: int
    repeated_leads: int
    boilerplate: float
    length: int
    one_sentence_paragraphs: int = 0
    #: Characters of the workbook's own content, and how many of them reach the document.
    content_chars: int = 0
    content_used: int = 0
    #: What of the workbook does not reach the document ("3.detail", "5.date"…).
    dropped: list[str] = field(default_factory=list)
    #: Unsourced claims in the plain render (no --examples): example content left in (`[示例]`),
    #: and whether the template's own framing tells of work the workbook never reports (its theme
    #: absent: a 理论宣讲 report for a ledger that never says 宣讲).
    review_marks: int = 0
    theme_claim: bool = False
    problems: list[str] = field(default_factory=list)
    #: Added after the ranking was last tuned (`heldout: true` in the key): reported apart.
    heldout: bool = False


def _pairs_agreement(author: dict[int, int], ours: dict[int, int]) -> tuple[float, float]:
    items = sorted(set(author) & set(ours))
    agree = apart = total = 0
    for i, j in itertools.combinations(items, 2):
        same_author = author[i] == author[j]
        total += 1
        agree += same_author == (ours[i] == ours[j])
        apart += not same_author
    return (agree / total, apart / total) if total else (1.0, 1.0)


def _headings(markup: str) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every heading."""
    out = []
    for i, line in enumerate(markup.splitlines()):
        m = _HEADING.match(line)
        if m:
            out.append((i, len(m.group(1)), m.group(2)))
    return out


def _empty_sections(markup: str) -> int:
    lines = markup.splitlines()
    heads = _headings(markup)
    empty = 0
    for k, (i, level, text) in enumerate(heads):
        if text.endswith("。") or "。" in text:
            continue  # a run-in heading carries its own text
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        end = nxt[0] if nxt else len(lines)
        body = [ln for ln in lines[i + 1 : end] if ln.strip() and not ln.startswith(("落款：", "日期："))]
        if not body and (nxt is None or nxt[1] <= level):
            empty += 1
    # a lone sub-heading: the only child of its parent at its level
    for k, (_i, level, _text) in enumerate(heads):
        siblings = 0
        for _j, lv, _t in heads[k:]:
            if lv < level:
                break
            siblings += lv == level
        first = k == 0 or heads[k - 1][1] < level
        if first and siblings == 1 and level > 2:
            empty += 1
    return empty


def _framework_mismatches(markup: str, workbook_text: str) -> list[str]:
    out = []
    heads = _headings(markup)
    for k, (_i, level, text) in enumerate(heads):
        m = _COUNTED.search(text)
        if not m:
            continue
        promised = _CN[m.group(1)]
        children = 0
        for _j, lv, _t in heads[k + 1 :]:
            if lv <= level:
                break
            children += lv == level + 1
        if children and children != promised:
            out.append(f"“{text}”下有{children}项")
    for m in _METHOD.finditer(markup):
        if m.group(1) not in workbook_text:
            out.append(f"“{m.group(0)}”台账未提及")
    return out


def _label_repetitions(markup: str, workbook: Any) -> list[str]:
    out = []
    for a in workbook.achievements:
        for metric in a.metrics:
            label = (metric.label or "").strip()
            if len(label) < 2:
                continue
            stitched = f"，{label}{metric.text()}"
            han = _HAN.findall(label)
            # the label says again what the title says: two thirds of its characters are in it
            # (not one of several kinds of one noun, whose own word tells it apart: 研究生党支部
            # beside 教工党支部 after a title naming 党支部)
            repeated = len(han) >= 3 and sum(ch in a.title for ch in han) * 3 >= len(han) * 2
            repeated = repeated and not kinds_of_one_noun(metric, a.metrics)
            # a label that says an action of its own (查扣…制品1325件 after 查获…案件77起) is a
            # second action, not the title's noun said again
            repeated = repeated and not says_action(label)
            title = a.title.rstrip("。；，")
            at = markup.find(title)
            # stitched: right behind the title, in the same sentence (not in the next cell of a
            # table row, where a 目标 column lists each figure with its label)
            after = markup[at + len(title) : at + len(title) + 40].split("。")[0].split("|")[0]
            if at >= 0 and repeated and stitched in after:
                out.append(stitched)
    return out


def _leads(markup: str) -> list[str]:
    leads = re.findall(r"\*\*(.+?)\*\*", markup)
    for _i, _level, text in _headings(markup):
        if "。" in text.rstrip("。"):
            leads.append(text.split("。", 1)[0])
    return leads


def _repeated_leads(leads: list[str]) -> int:
    """Leads that say again what an earlier one said: the same words, or most of its words
    (加强理论学习，提升思想认识 / 抓理论学习，强思想认识到位)."""
    from assistant.compose.paragraphs import echoes

    return sum(1 for k, lead in enumerate(leads) if any(lead == m or echoes(lead, m) for m in leads[:k]))


def _content_fragments(workbook: Any) -> set[str]:
    frags: set[str] = set()
    for a in workbook.achievements:
        for text in (a.title, a.detail or "", *(a.tags or ())):
            han = "".join(_HAN.findall(text))
            frags.update(han[k : k + 4] for k in range(max(0, len(han) - 3)))
    return frags


def _body_sentences(markup: str) -> list[str]:
    out = []
    for line in markup.splitlines():
        if not line.strip() or line.startswith(("#", "|", "落款：", "日期：", "主送：", "附件：", "表：", "---")):
            if line.startswith("#### ") or line.startswith("##### "):
                line = line.lstrip("#").strip()
            else:
                continue
        out += [s for s in _SENTENCE.findall(line.replace("**", "")) if _HAN.search(s)]
    return out


def _boilerplate(markup: str, workbook: Any) -> float:
    figures = {m.text() for a in workbook.achievements for m in a.metrics}
    frags = _content_fragments(workbook)
    sentences = _body_sentences(markup)
    if not sentences:
        return 0.0
    empty = 0
    for s in sentences:
        han = "".join(_HAN.findall(s))
        has = any(f in s for f in figures) or any(han[k : k + 4] in frags for k in range(max(0, len(han) - 3)))
        empty += not has
    return empty / len(sentences)


def _covered(text: str, *docs: str) -> int:
    """How many Chinese characters of `text` the document says: those inside a run of four that
    one of `docs` (the document's Chinese characters, with and without its figures) has; a field
    of fewer than four characters counts only as a whole."""
    han = "".join(_HAN.findall(text))
    if len(han) < 4:
        return len(han) if han and any(han in d for d in docs) else 0
    hit = [False] * len(han)
    for k in range(len(han) - 3):
        if any(han[k : k + 4] in d for d in docs):
            hit[k : k + 4] = [True] * 4
    return sum(hit)


def _date_forms(value: str) -> list[str]:
    """How a document may write a row's date: 3月14日, 2022年3月 -> 3月…"""
    from assistant.ledger.numfmt import parse_date

    parsed = parse_date(value)
    if parsed is None:
        return [value]
    year, month, day = parsed
    if month is None:
        return [f"{year}年"]
    return [f"{month}月{day}日" if day else f"{month}月", f"{month}月{day}至" if day else f"{month}月"]


def content_use(markup: str, workbook: Any) -> tuple[int, int, list[str]]:
    """(characters of the workbook's own content, characters of it the document says, what is
    dropped). Text fields count their Chinese characters, a figure or a date its characters;
    a field counts as dropped when less than half of it reaches the document."""
    body = "\n".join(ln for ln in markup.splitlines() if not ln.startswith(("落款：", "日期：")))
    doc = "".join(_HAN.findall(body))
    # a figure woven into a title (完成8个村…) splits the title's words: read the text without it too
    bare = body
    for figure in sorted({m.text() for a in workbook.achievements for m in a.metrics}, key=len, reverse=True):
        bare = bare.replace(figure, "")
    bare = "".join(_HAN.findall(bare))
    total = used = 0
    dropped: list[str] = []

    def count(name: str, size: int, got: int) -> None:
        nonlocal total, used
        total += size
        used += got
        if size and got * 2 < size:
            dropped.append(name)

    for i, a in enumerate(workbook.achievements, start=1):
        for key in ("title", "detail", "owner"):
            text = str(getattr(a, key) or "")
            if text:
                count(f"{i}.{key}", len(_HAN.findall(text)), _covered(text, doc, bare))
        if a.date:
            forms = _date_forms(str(a.date))
            size = len(forms[0])
            count(f"{i}.date", size, size if any(f in body for f in forms) else 0)
        for j, m in enumerate(a.metrics, start=1):
            figure = m.text()
            count(f"{i}.metric{j}", len(figure), len(figure) if figure in body else 0)
    for key, value in workbook.fields.items():
        if isinstance(value, str) and key not in ("落款", "日期", "成文日期") and _HAN.search(value):
            count(f"fields.{key}", len(_HAN.findall(value)), _covered(value, doc, bare))
    return total, used, dropped


def _one_sentence_paragraphs(sections: Any) -> int:
    """Paragraphs of one action that share their section with others (`SectionView.paragraphs`)."""
    n = 0
    for s in sections:
        paragraphs = getattr(s, "paragraphs", ()) or ()
        if len(paragraphs) > 1:
            n += sum(1 for p in paragraphs if len(p.members) == 1)
    return n


def _plan_groups(workbook: Any, template: Any) -> dict[int, int]:
    """How a template with `plan_parts` groups the rows: the rows done as one group (its 前期
    paragraph), the rows to do by part (时间, 对象, 方式, 组织), and those of 内容 by the points
    `mentions` makes of them (like actions together). Done and to do are read as the pipeline
    reads them for this template (a forward document reads a ledger of doubtful tense as tasks)."""
    from assistant.compose.matching import FORWARD_DOCTYPES, planned_rows
    from assistant.compose.paragraphs import split_paragraphs
    from assistant.compose.planparts import PARTS, plan_part

    rows = workbook.achievements
    flags = planned_rows(workbook, forward=template.doctype in FORWARD_DOCTYPES)
    out = {
        i: (1 + PARTS.index(plan_part(a))) if planned else 0
        for i, (a, planned) in enumerate(zip(rows, flags, strict=True))
    }
    content = [i for i, k in out.items() if k == 1 + PARTS.index("内容")]
    for n, members in enumerate(split_paragraphs([rows[i] for i in content])):
        for m in members:
            out[content[m]] = 100 + n
    return out


def run_case(path: Path, catalog: Any) -> tuple[CaseResult, str]:
    key = yaml.safe_load(path.with_name(path.stem + ".key.yaml").read_text(encoding="utf-8"))
    workbook = load_workbook(path)
    genre = key["genre"]
    ranked = suggest(workbook, catalog.all())
    rank = next((k for k, s in enumerate(ranked, start=1) if s.doctype == genre), None)
    chosen = next((s.id for s in ranked if s.doctype == genre), None)
    with_sections = next(
        (
            s.id
            for s in ranked
            if s.doctype == genre
            and (
                ((t := catalog.get(s.id)).sections is not None and t.sections.pattern != "none")
                or "plan_parts" in t.body
            )
        ),
        None,
    )
    author = {i - 1: k for k, sec in enumerate(key["sections"]) for i in sec["items"]}
    agreement = apart = None
    n_sections = 0
    problems: list[str] = []
    if with_sections:
        try:
            grouped = compose_markup(catalog.get(with_sections), workbook)
        except WenmiError as exc:  # a required slot the workbook does not fill
            problems.append(f"{with_sections}：{exc}")
        else:
            if "plan_parts" in catalog.get(with_sections).body:
                ours = _plan_groups(workbook, catalog.get(with_sections))
            else:
                ours = {i: k for k, sec in enumerate(grouped.sections) for i in sec.indices}
                # the unit's honours told in the opening are a group of their own, like an
                # author's （导语）
                ours.update({i: -1 for i in grouped.opening})
            n_sections = len(grouped.sections)
            agreement, apart = _pairs_agreement(author, ours)
    # the grouping engine alone, at the usual plan of four sections
    engine = group_achievements(workbook.achievements, 4, "meaning")
    position = {id(a): i for i, a in enumerate(workbook.achievements)}
    engine_pairs, _ = _pairs_agreement(author, {position[id(a)]: k for k, g in enumerate(engine) for a in g})
    composed = None
    try:
        composed = compose_markup(catalog.get(chosen), workbook) if chosen else None
    except WenmiError as exc:
        problems.append(f"{chosen}：{exc}")
    markup = composed.markup if composed else ""
    uses_paragraphs = chosen is not None and "paragraphs" in catalog.get(chosen).body
    singles = _one_sentence_paragraphs(composed.sections) if composed and uses_paragraphs else 0
    content, used, dropped = content_use(markup, workbook)
    wb_text = "\n".join(f"{a.title}{a.detail or ''}{''.join(a.tags or ())}" for a in workbook.achievements)
    wb_text += "".join(str(v) for v in workbook.fields.values())
    # a template that could not be composed (a required slot left empty) is reported, not counted as
    # missing every figure
    missing = [d for d in check_figures(workbook.achievements, markup) if d.rule == "figure-missing"] if markup else []
    catch = [t for _i, _lv, t in _headings(markup) if _CATCH_ALL.search(t)]
    frames = _framework_mismatches(markup, wb_text)
    labels = _label_repetitions(markup, workbook)
    repeated = _repeated_leads(_leads(markup))
    problems += [f"缺数字：{d.message}" for d in missing] + [f"兜底节：{t}" for t in catch]
    problems += [f"框架：{f}" for f in frames] + [f"标签重复：{s}" for s in labels]
    body = markup.split("\n", 1)[1] if "\n" in markup else markup
    result = CaseResult(
        slug=path.stem,
        genre=genre,
        rows=len(workbook.achievements),
        genre_rank=rank,
        template=chosen,
        group_template=with_sections,
        pair_agreement=None if agreement is None else round(agreement, 3),
        all_apart=None if apart is None else round(apart, 3),
        engine_pairs=round(engine_pairs, 3),
        sections=n_sections,
        figures_missing=len(missing),
        catch_all=len(catch),
        empty_sections=_empty_sections(markup),
        framework_mismatches=len(frames),
        label_repetitions=len(labels),
        repeated_leads=repeated,
        boilerplate=round(_boilerplate(markup, workbook), 3),
        length=len(_HAN.findall(body)),
        one_sentence_paragraphs=singles,
        content_chars=content,
        content_used=used,
        dropped=dropped,
        review_marks=markup.count("[示例]"),
        # a template that words its framing by `theme_said` drops the theme instead of claiming it
        theme_claim=bool(composed)
        and any(d.rule == "template-theme-absent" for d in composed.diagnostics)
        and "theme_said" not in body_names(catalog.get(chosen)),
        problems=problems,
        heldout=bool(key.get("heldout")),
    )
    return result, markup


def summary(results: list[CaseResult]) -> dict[str, Any]:
    ranks = [r.genre_rank for r in results]
    agreements = [r.pair_agreement for r in results if r.pair_agreement is not None]
    aparts = [r.all_apart for r in results if r.all_apart is not None]
    retro = [r for r in results if r.genre in ("工作总结", "经验材料", "宣传报道", "工作报告")]
    return {
        "cases": len(results),
        "genre_top3": f"{sum(1 for k in ranks if k is not None and k <= 3)}/{len(ranks)}",
        "pair_agreement": round(sum(agreements) / len(agreements), 3) if agreements else None,
        "all_apart_baseline": round(sum(aparts) / len(aparts), 3) if aparts else None,
        "engine_pair_agreement": round(sum(r.engine_pairs for r in results) / len(results), 3),
        "figures_missing": sum(r.figures_missing for r in results),
        "catch_all_sections": sum(r.catch_all for r in results),
        "empty_sections": sum(r.empty_sections for r in results),
        "framework_mismatches": sum(r.framework_mismatches for r in results),
        "label_repetitions": sum(r.label_repetitions for r in results),
        "repeated_leads": sum(r.repeated_leads for r in results),
        "review_marks_plain": sum(r.review_marks for r in results),
        "theme_claims": f"{sum(r.theme_claim for r in results)}/{sum(1 for r in results if r.length)}",
        "one_sentence_paragraphs": sum(r.one_sentence_paragraphs for r in results),
        # of the documents written (a template that asks for what the workbook lacks writes none)
        "content_use": round(sum(r.content_used for r in results if r.length) / max(1, sum(r.content_chars for r in results if r.length)), 3),
        "content_chars_median": sorted(r.content_chars for r in results)[len(results) // 2] if results else None,
        "boilerplate_retrospective": round(sum(r.boilerplate for r in retro) / len(retro), 3) if retro else None,
        "length_retrospective_median": sorted(r.length for r in retro)[len(retro) // 2] if retro else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--case", help="only this case (slug)")
    parser.add_argument("--show", action="store_true", help="print each rendered document")
    parser.add_argument("--batch", type=int, help="also summarise the held-out cases whose key says batch: N")
    parser.add_argument(
        "--skip-batch", type=int, action="append", default=[], help="leave out the cases whose key says batch: N"
    )
    args = parser.parse_args(argv)
    catalog = load_catalog()
    paths = case_paths(args.skip_batch)
    if args.case:
        paths = [p for p in paths if p.stem == args.case]
    results = []
    for path in paths:
        result, markup = run_case(path, catalog)
        results.append(result)
        if args.show:
            print(f"===== {result.slug}（{result.genre}，{result.template}）=====\n{markup}\n")
    total = summary(results)
    if args.json:
        held = [r for r in results if r.heldout]
        split = {"tuned": summary([r for r in results if not r.heldout]), "heldout": summary(held)} if 0 < len(held) < len(results) else {}
        if args.batch is not None:
            split[f"batch_{args.batch}"] = summary(_batch(results, args.batch))
        print(json.dumps({"summary": total, **split, "cases": [asdict(r) for r in results]}, ensure_ascii=False, indent=1))
        return 0
    head = f"{'case':46} {'genre':6} rank {'pairs':>5} {'apart':>5} {'eng':>5} fig 其他 empty frame label lead  one boiler  len  wb→doc  use"
    print(head)
    for r in sorted(results, key=lambda r: r.heldout):
        pa = "  -  " if r.pair_agreement is None else f"{r.pair_agreement:.2f}"
        ap = "  -  " if r.all_apart is None else f"{r.all_apart:.2f}"
        slug = f"{r.slug}*" if r.heldout else r.slug
        print(
            f"{slug:46} {r.genre:6} {r.genre_rank or '-':>4} {pa:>5} {ap:>5} {r.engine_pairs:>5.2f} {r.figures_missing:>3} "
            f"{r.catch_all:>4} {r.empty_sections:>5} {r.framework_mismatches:>5} {r.label_repetitions:>5} "
            f"{r.repeated_leads:>4} {r.one_sentence_paragraphs:>4} {r.boilerplate:>6.2f} {r.length:>5} "
            f"{r.content_chars:>4}→{r.content_used:<4} {r.content_used / max(1, r.content_chars):.2f}"
        )
    print()
    for k, v in total.items():
        print(f"{k:28} {v}")
    _print_split(results)
    if args.batch is not None:
        _print_batch(results, args.batch)
    return 0


def case_paths(skip: Sequence[int] = ()) -> list[Path]:
    """The workbooks of the evaluation set, less those of the batches in `skip` (a batch not yet
    measured stays unseen while the engine is worked on)."""
    paths = sorted(p for p in EVAL.glob("*.yaml") if not p.name.endswith(".key.yaml"))
    if not skip:
        return paths
    return [
        p for p in paths
        if (yaml.safe_load(p.with_name(p.stem + ".key.yaml").read_text(encoding="utf-8")) or {}).get("batch") not in skip
    ]


def _batch(results: list[CaseResult], batch: int) -> list[CaseResult]:
    """The cases whose answer key says `batch: N`."""
    keys = {r.slug: EVAL / f"{r.slug}.key.yaml" for r in results}
    return [
        r for r in results
        if (yaml.safe_load(keys[r.slug].read_text(encoding="utf-8")) or {}).get("batch") == batch
    ]


def _print_batch(results: list[CaseResult], batch: int) -> None:
    """Every summary figure of one batch of held-out cases, apart from the rest."""
    chosen = _batch(results, batch)
    print()
    print(f"batch {batch}: {', '.join(r.slug for r in chosen) or '（无）'}")
    if chosen:
        for k, v in summary(chosen).items():
            print(f"{k:28} {v}")


def _print_split(results: list[CaseResult]) -> None:
    """The tuned and the held-out cases apart: the held-out ones were added after the ranking was
    last tuned, so their figures show how suggest does on workbooks nobody tuned for."""
    held = [r for r in results if r.heldout]
    if not held or len(held) == len(results):
        return
    tuned = [r for r in results if not r.heldout]
    print()
    print(f"{'* held-out cases':28} {'tuned':>10} {'held-out':>10}")
    a, b = summary(tuned), summary(held)
    for k in ("cases", "genre_top3", "pair_agreement", "all_apart_baseline", "engine_pair_agreement"):
        print(f"{k:28} {a[k]!s:>10} {b[k]!s:>10}")


if __name__ == "__main__":
    raise SystemExit(main())
