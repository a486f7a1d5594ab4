"""A light jieba tokenizer for breaking titles and other short texts.

jieba's full dictionary (349,000 words) takes about 0.6 s to load, longer than the rest of a
render. Titles only need common words, so we build a compact dictionary once (words jieba has
seen at least `MIN_FREQ` times, about 24,000, plus the 公文 words in DOMAIN_WORDS), keep it in the user cache folder, and load
that instead (about 0.03 s). The full dictionary is used when the cache cannot be written.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

MIN_FREQ = 200
#: Words of 公文 titles that jieba's dictionary lacks or ranks too low to keep.
DOMAIN_WORDS = (
    "实施方案 工作方案 活动方案 整改方案 工作总结 工作报告 经验材料 宣传报道 调研报告 述职报告 讲话稿 "
    "会议纪要 考核细则 计划表 工作配档表 配档表 工作要点 主题党日 民主生活会 组织生活会 三会一课 第一议题 "
    "理论学习中心组 中心组 党风廉政 廉政建设 警示教育 一岗双责 主体责任 志愿服务 乡村振兴 双报到 党建品牌 "
    "工作作风 作风建设 纪律建设 政治建设 思想建设 组织建设 意识形态 党支部 党总支 星级党支部 标准化规范化 "
    "发展党员 换届选举 青年理论学习小组 统战部 党群工作部 我为群众办实事 形式主义 官僚主义 问题整改 "
    "全面从严治党 从严治党 党的建设 基层党建 党建工作 年度 两个维护 四个意识 中央八项规定 主题教育 理论学习 专题学习 党员领导干部 领导班子 领导干部"
).split()
_NAME = f"jieba-compact-{MIN_FREQ}-{len(DOMAIN_WORDS)}.txt"


def _cache_dir() -> Path:
    import os

    env = os.environ.get("WENMI_HOME")
    if env:
        return Path(env) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wenmi", appauthor=False))


def _compact_dictionary(jieba: Any) -> Path | None:
    target = _cache_dir() / _NAME
    if target.exists():
        return target
    source = Path(jieba.__file__).with_name("dict.txt")
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
        kept = [ln for ln in lines if len(parts := ln.split()) >= 2 and parts[1].isdigit() and int(parts[1]) >= MIN_FREQ]
        kept += [f"{w} {MIN_FREQ * 50} n" for w in DOMAIN_WORDS]
        from assistant.atomic import write_text_atomic

        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, "\n".join(kept) + "\n")
    except OSError:
        return None
    return target


def import_jieba() -> Any:
    """`import jieba`, without letting it pull in setuptools' slow, deprecated pkg_resources.

    jieba only uses pkg_resources to locate its own data files and falls back to a plain path
    when the import fails; the import alone costs about 70 ms of every start-up.
    """
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if block:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """A ready jieba.Tokenizer (compact dictionary when possible)."""
    import logging

    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    path = _compact_dictionary(jieba)
    tk = jieba.Tokenizer(str(path)) if path else jieba.Tokenizer()
    try:
        tk.initialize()
    except OSError:
        tk = jieba.dt
    return tk


def cut(text: str) -> list[str]:
    return list(tokenizer().lcut(text, HMM=True))


@lru_cache(maxsize=1)
def full_jieba() -> Any:
    """jieba with its full dictionary loaded (matching and search need the rare words too)."""
    import logging

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba
