"""Generate a synthetic knowledge base of N valid records (shared by the benchmarks): all five
kinds, references, honours, outcomes; ~4 KB a record, bodies of varied words, one in five in
traditional characters."""

from __future__ import annotations

import os
import random

SERIES = ["水利大讲堂", "青年理论讲堂", "廉政课堂", "先锋讲坛"]
CATEGORIES = ["抗击疫情", "防汛抗旱", "乡村振兴", "服务群众", "创先争优", "党建业务融合", "作风建设", "廉政建设"]
AREAS = ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设"]
WORDS = ("党建 引领 水利 发展 服务 群众 防汛 抗旱 乡村 振兴 先锋 模范 支部 堡垒 品牌 创建 "
         "示范 阵地 学习 教育 廉政 文化 作风 建设 实践 基层 治理 志愿 河湖 长制").split()


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(words))


def _vocabulary() -> tuple[list[str], list[float], dict[int, str]]:
    """Words for the bodies: the domain words and 5,000 made-up words of 2–4 characters drawn
    from the ~2,700 characters that have a traditional form, with Zipf-like frequencies (as
    text has: many distinct bigrams a record, a few very common), and a simplified →
    traditional map for the records written in traditional characters."""
    from generator.core.t2s import T2S

    to_traditional: dict[int, str] = {}
    for traditional, simplified in sorted(T2S.items()):
        if len(simplified) == 1 and "\u4e00" <= simplified <= "\u9fff":
            to_traditional.setdefault(ord(simplified), traditional)
    pool = sorted(chr(c) for c in to_traditional)
    rng = random.Random(1)
    words = WORDS + ["".join(rng.choice(pool) for _ in range(rng.choice((2, 2, 2, 3, 4)))) for _ in range(5000)]
    weights, total = [], 0.0
    for rank in range(len(words)):
        total += 1 / (rank + 1)
        weights.append(total)
    return words, weights, to_traditional


_VOCABULARY = None
BODY_CHARS = 1200  # Han characters of body a record (~4 KB of UTF-8 with the front matter)
TRADITIONAL_SHARE = 5  # one record in five is written in traditional characters


def _body(rng: random.Random) -> str:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = _vocabulary()
    words, weights, to_traditional = _VOCABULARY
    paragraphs, length = [], 0
    while length < BODY_CHARS:
        clauses = ["".join(rng.choices(words, cum_weights=weights, k=rng.randint(3, 7))) for _ in range(6)]
        paragraph = "，".join(clauses) + "。"
        paragraphs.append(paragraph)
        length += len(paragraph)
    text = "\n\n".join(paragraphs) + "\n"
    return text.translate(to_traditional) if rng.randrange(TRADITIONAL_SHARE) == 0 else text


def write_corpus(root: str, n: int, seed: int = 7) -> str:
    """Write mkdocs.yml and n records under root/content; return root."""
    rng = random.Random(seed)
    content = os.path.join(root, "content")
    n_branches = max(1, n // 10)
    n_brands = max(1, n // 20)
    n_sites = max(1, n // 20)
    n_lectures = max(1, n // 5)
    n_cases = n - n_branches - n_brands - n_sites - n_lectures
    files = {}
    for i in range(n_branches):
        parent = f"\nparent: org-{i // 5:05d}" if i else ""
        files[f"branches/org-{i:05d}.md"] = (
            f"title: 第{i}党支部{_text(rng, 2)}\nlevel: {'党委' if i < n_branches // 5 else '党支部'}{parent}\n"
            f"unit: {_text(rng, 2)}单位\nmembers: {rng.randint(3, 200)}\nfounded: {rng.randint(1990, 2023)}-0{rng.randint(1, 9)}\n"
            f"tags: [{_text(rng, 1)}, {_text(rng, 1)}]\ncategories: [{rng.choice(AREAS)}]\n"
            f"rating: {{stars: {rng.randint(1, 5)}, year: 2022, label: 五星五型}}\n")
    for i in range(n_brands):
        files[f"brands/brand-{i:05d}.md"] = (
            f"title: 品牌{i}{_text(rng, 2)}\nowner: org-{rng.randrange(n_branches):05d}\n"
            f"slogan: {_text(rng, 2)}，{_text(rng, 2)}\nlaunched: {rng.randint(2015, 2024)}年{rng.randint(1, 12)}月\n"
            f"stage: 提升\nmilestones:\n  - name: {_text(rng, 2)}\n    start: 2021-03\n    end: 2021-06\n"
            f"honors:\n  - title: {_text(rng, 3)}品牌\n    level: 省部级\n    year: {rng.randint(2018, 2024)}\n")
    for i in range(n_sites):
        files[f"sites/site-{i:05d}.md"] = (
            f"title: 示范点{i}{_text(rng, 2)}\nbranch: org-{rng.randrange(n_branches):05d}\n"
            f"brand: brand-{rng.randrange(n_brands):05d}\naddress: 某市某区{_text(rng, 1)}路{i}号\n"
            f"location: {{lat: {rng.uniform(20, 45):.4f}, lon: {rng.uniform(100, 125):.4f}}}\nstatus: 已建成\n"
            f"highlights: [{_text(rng, 3)}, {_text(rng, 3)}]\n")
    for i in range(n_lectures):
        series = SERIES[i % len(SERIES)]
        files[f"lectures/{series}/{i // len(SERIES) + 1:04d}.md"] = (
            f"title: {_text(rng, 4)}\nseries: {series}\nnumber: {i // len(SERIES) + 1}\n"
            f"date: 20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"speakers:\n  - name: 主讲人{i}\n    affiliation: {_text(rng, 2)}单位\n    role: 教授\n"
            f"fields: [业务, 党史]\nformat: 线下\nhost: org-{rng.randrange(n_branches):05d}\nattendance: {rng.randint(20, 500)}\n")
    for i in range(n_cases):
        year = rng.randint(2015, 2025)
        files[f"cases/case-{i:05d}.md"] = (
            f"title: {_text(rng, 5)}典型案例{i}\nsummary: {_text(rng, 12)}\n"
            f"date: {{start: {year}-03, end: {year}-09}}\nbranches: [org-{rng.randrange(n_branches):05d}]\n"
            f"category: {rng.choice(CATEGORIES)}\ntags: [{_text(rng, 1)}, {_text(rng, 1)}]\n"
            f"outcomes:\n  - label: 服务群众\n    value: {rng.randint(10, 5000)}\n    unit: 人\n"
            f"honors:\n  - title: {_text(rng, 3)}先进集体\n    level: {rng.choice(['国家级', '省部级', '地市级'])}\n    year: {year}\n")
    for rel, front in files.items():
        path = os.path.join(content, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"---\n{front}---\n\n{_body(rng)}")
    with open(os.path.join(root, "mkdocs.yml"), "w", encoding="utf-8") as fh:
        # Configured as the repository's mkdocs.yml is (the plugin adds our theme folders).
        fh.write("site_name: bench\ndocs_dir: content\ntheme:\n  name: material\n"
                 "  font: false\n  language: zh\n  features: [navigation.tabs]\n"
                 "extra_css: [assets/showcase.css, assets/search/search.css]\nplugins:\n  - showcase\n")
    return root
