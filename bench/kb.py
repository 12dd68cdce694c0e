"""Knowledge base and entity linking: build time and size, look-up speed, linking speed
and accuracy.

1. **Build**: compiling the shipped tables (``rasd/data/kb``) into the in-memory index,
   best of ``--repeat`` runs, in this process after imports; the size of the tables on disk
   and of the index (records, alias keys, nisba forms, memory allocated while building).
2. **Alias look-ups per second**: ``KnowledgeBase.lookup`` (matching form + dict) over every
   written alias of the index in shuffled order, and ``candidates`` over the same names with
   a conjunction or preposition written on (``و``/``ب``/``ل``…, so the clitic segmenter runs),
   cold (a fresh cache) and warm.
3. **Linking speed**: mentions per second through ``link_all`` on the table of real
   sentences (one document each), and documents per second on ``--articles`` ANT articles
   (tokenised first; the linker only finds the names the knowledge base knows, no tagger).
4. **Accuracy** on ``tests/data/linking_cases.tsv`` by split (dev: looked at while writing
   the linker; heldout: labelled before the linker ever saw them) and kind of case.

    .venv/bin/python bench/kb.py [--data ../shared/data] [--articles 300] [--json]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from rasd.arabic.sentences import split_sentences
from rasd.arabic.stage import ArabicStage
from rasd.document import Document, Mention, Source
from rasd.kb import index
from rasd.kb.linker import link_all

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests/data/linking_cases.tsv"


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_build(repeat: int) -> tuple[dict[str, Any], index.KnowledgeBase]:
    seconds, kb = best_of(lambda: index.build([]), repeat)
    tracemalloc.start()
    index.build([])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    folder = resources.files("rasd.data").joinpath("kb")
    disk = sum(f.stat().st_size for f in Path(str(folder)).glob("*.tsv"))
    kinds = Counter(r.kind for r in kb.records.values())
    return {
        "build_seconds": round(seconds, 3),
        "tables_bytes": disk,
        "build_peak_memory_bytes": peak,
        "records": len(kb.records),
        "alias_keys": len(kb.aliases),
        "nisba_forms": len(kb.nisbas),
        "people": kinds["person"],
        "roles": sum(len(r.roles) for r in kb.records.values()),
        "countries": kinds["country"],
        "places": kinds["city"] + kinds["place"],
        "agents": len(kb.agents),
        "scan_aliases": len(kb.scan),
    }, kb


def bench_lookups(kb: index.KnowledgeBase) -> dict[str, Any]:
    names = sorted({a for r in kb.records.values() for a in (*r.aliases, *r.short)})
    random.Random(7).shuffle(names)
    t0 = time.perf_counter()
    found = sum(1 for n in names if kb.lookup(n))
    plain = time.perf_counter() - t0
    prefixed = [random.Random(i).choice("وبلف") + n for i, n in enumerate(names)]
    index.variants.cache_clear()
    t0 = time.perf_counter()
    found_prefixed = sum(1 for n in prefixed if kb.candidates(n)[1])
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for n in prefixed:
        kb.candidates(n)
    warm = time.perf_counter() - t0
    return {
        "names": len(names),
        "lookup_per_second": round(len(names) / plain),
        "lookup_found": round(found / len(names), 4),
        "with_proclitic_per_second_cold": round(len(names) / cold),
        "with_proclitic_per_second_warm": round(len(names) / warm),
        "with_proclitic_found": round(found_prefixed / len(names), 4),
    }


def read_cases() -> list[dict[str, str]]:
    lines = [ln for ln in CASES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def case_doc(case: dict[str, str]) -> Document:
    text = case["snippet"]
    start = text.index(case["mention"])
    doc = Document(
        id="c", source=Source(format="text"), raw=text, text=text, published=case["date"]
    )
    doc.sentences = split_sentences(text)
    doc.mentions = [Mention(start, start + len(case["mention"]), case["mention"], case["type"])]
    return doc


def bench_cases(kb: index.KnowledgeBase) -> dict[str, Any]:
    cases = read_cases()
    docs = [case_doc(c) for c in cases]
    t0 = time.perf_counter()
    links = [link_all(d, kb, add_mentions=False)[0] for d in docs]
    seconds = time.perf_counter() - t0
    score: dict[str, list[int]] = {}
    failures = []
    for case, link in zip(cases, links, strict=True):
        want_id, want_code = case["entity"], case["actor_code"]
        id_ok = want_id in ("*", link.id) or (want_id == "new" and link.id.startswith("new:"))
        ok = id_ok and link.entity.actor_code == (None if want_code == "-" else want_code)
        for key in ("all", case["split"], f"{case['split']}:{case['kind']}"):
            score.setdefault(key, [0, 0])
            score[key][0] += ok
            score[key][1] += 1
        if not ok:
            failures.append(
                f"{case['docno']} {case['mention']}: want {want_id} {want_code}, got {link.id} {link.entity.actor_code}"
            )
    return {
        "mentions_per_second": round(len(cases) / seconds),
        "accuracy": {k: f"{v[0]}/{v[1]} = {v[0] / v[1]:.3f}" for k, v in sorted(score.items())},
        "failures": failures,
    }


def bench_articles(kb: index.KnowledgeBase, data: Path, n: int) -> dict[str, Any] | None:
    path = data / "news/ant/ant_v2.1_multisource.jsonl.gz"
    if not path.exists():
        return None
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["category"] not in ("internationalNews", "middleEast"):
                continue
            date = re.sub(r"^.*-(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", rec["docno"])
            doc = Document(
                id=rec["docno"],
                source=Source(format="jsonl"),
                raw=rec["text"],
                text=rec["text"],
                published=date,
            )
            result = ArabicStage().process(doc)
            assert isinstance(result, Document)
            docs.append(result)
            if len(docs) >= n:
                break
    t0 = time.perf_counter()
    mentions = 0
    for doc in docs:
        doc.mentions = []
        mentions += len(link_all(doc, kb))
    seconds = time.perf_counter() - t0
    return {
        "articles": len(docs),
        "articles_per_second": round(len(docs) / seconds, 1),
        "kb_mentions_found": mentions,
        "mentions_per_article": round(mentions / len(docs), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    build, kb = bench_build(args.repeat)
    report = {
        "build": build,
        "lookups": bench_lookups(kb),
        "linking": bench_cases(kb),
        "articles": bench_articles(kb, args.data, args.articles),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for section, values in report.items():
        print(f"## {section}")
        if values is None:
            print("  (skipped: ../shared/data/news/ant is absent)")
            continue
        for key, value in values.items():
            if isinstance(value, dict):
                for k, v in value.items():
                    print(f"  {key}.{k}: {v}")
            elif isinstance(value, list):
                print(f"  {key}: {len(value)}")
                for item in value[:20]:
                    print(f"    {item}")
            else:
                print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
