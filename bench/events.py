"""Event coding: the seed article against its gold, PLOVER Arabic gold (PROTEST/ASSAULT), speed.

    .venv/bin/python bench/events.py seed [--hand-mentions]     # DESIGN.md matching rules
    .venv/bin/python bench/events.py gsr [--cv 5] [--repeats 5]   # detection P/R/F1, actor/recipient countries
    .venv/bin/python bench/events.py throughput [--n 1000]        # whole pipeline with events, ANT articles

``seed`` runs the whole default pipeline (extract, arabic, times, numbers, entities, linking,
events, quotes); ``--hand-mentions`` runs the stages before entities and gives the events
stage the gold entity surfaces as mentions instead (events scored apart from tagger and linker). ``gsr`` reads the dev split of the
PLOVER Arabic gold (``../shared/data/events/arabic_event_gsr``): sentence-level detection
with positives ``yes`` and negatives ``easy no`` + ``difficult no`` (``ambiguous`` left out),
and, on the span files, how often the coded actor/recipient country is the gold one. The
sentence classifier is always scored by cross-validation on that dev split (``--cv``): each
fold's sentences are coded by a classifier trained on the other folds only.
``throughput`` times the whole pipeline on one core (CPU seconds; wall time too) over ANT
articles; article text never leaves the temporary process.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.analyze import default_pipeline  # noqa: E402
from rasd.arabic.normalize import normalize  # noqa: E402
from rasd.arabic.stage import ArabicStage  # noqa: E402
from rasd.arabic.times import TimeStage  # noqa: E402
from rasd.document import Document, Mention, Source, content_id  # noqa: E402
from rasd.events import EventStage, extract_events  # noqa: E402
from rasd.events.classifier import SentenceClassifier, train  # noqa: E402
from rasd.events.score import score  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402

DATA = ROOT.parent / "shared/data"
SEED = ROOT.parent / "shared/fixtures/seed/almasalla-2022-11-13"
FACTUAL = frozenset({"asserted", "alleged", "admitted", "denied"})


def entity_stage() -> Any | None:
    """The entity tagger, when its package and model are there (another issue builds it)."""
    try:
        from rasd.entities import EntityStage

        stage = EntityStage()
        _ = stage.backend  # load now: a missing model shows here, not mid-run
        return stage
    except Exception as exc:  # the events stage falls back to its own place/nisba finder
        print(f"(no entity tagger: {type(exc).__name__}: {exc})", file=sys.stderr)
        return None


def tagging_stages() -> list[Any]:
    """The entity tagger and the KB linker, those that are installed, in pipeline order."""
    stages: list[Any] = []
    ner = entity_stage()
    if ner is not None:
        stages.append(ner)
        try:
            from rasd.kb import LinkingStage

            stages.append(LinkingStage())
        except Exception as exc:  # events code without links, from nisbas and places
            print(f"(no KB linker: {type(exc).__name__}: {exc})", file=sys.stderr)
    return stages


def base_pipeline() -> Pipeline:
    """extract, arabic, times, numbers: the stages before entities."""
    keep = ("extract", "arabic", "times", "numbers")
    return Pipeline([st for st in default_pipeline().stages if st.name in keep])


def full_pipeline() -> Pipeline:
    """The default pipeline; while it does not run the events stage yet, the installed
    tagger and linker and the events stage are added after it."""
    stages = list(default_pipeline().stages)
    if any(st.name == "events" for st in stages):
        return Pipeline(stages)
    tagging = tagging_stages()
    provided = {layer for st in tagging for layer in st.provides}
    given = {"raw", "source"} | ({"mentions", "entities"} - provided)
    return Pipeline([*stages, *tagging, EventStage()], given=given)


def describe_stages(stages: list[Any]) -> str:
    names = [st.name for st in stages]
    if not names:
        return "no entity tagger or linker (the events stage's own place/nisba/title fallback)"
    return " + ".join(names)


# --- seed ------------------------------------------------------------------------------------


def seed(hand: bool) -> dict[str, Any]:
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    raw = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    doc = Document(id=content_id(raw), source=Source(format="text", path=str(SEED)), raw=raw)
    if hand:
        out = base_pipeline()(doc)
        assert isinstance(out, Document), out
        doc = out
        doc.mentions = hand_mentions(doc, gold)
        how = "extract, arabic, times, numbers; gold entity surfaces as mentions; events"
        events = extract_events(doc, classifier=SentenceClassifier.shipped())
    else:
        pipe = full_pipeline()
        out = pipe(doc)
        assert isinstance(out, Document), out
        doc = out
        how = "the whole pipeline: " + ", ".join(st.name for st in pipe.stages)
        events = list(doc.events)
    result = score(events, gold["events"]).to_dict()
    result["mentions"] = how
    result["events"] = [
        {
            "type": e.type,
            "mode": e.mode,
            "actor": e.actor.code if e.actor else None,
            "recipients": [r.code for r in getattr(e, "recipients", [])],
            "modality": e.modality,
            "date": e.date,
            "date_precision": e.date_precision,
            "background": getattr(e, "background", False),
            "attributed_to": getattr(e, "attributed_to", None) and e.attributed_to.text,  # type: ignore[attr-defined]
            "evidence": e.evidence,
        }
        for e in events
    ]
    return result


def hand_mentions(doc: Document, gold: dict[str, Any]) -> list[Mention]:
    """Mentions at every occurrence of a gold entity surface (longest first), NORP for nisbas."""
    norm_text = doc.text
    found: list[Mention] = []
    taken: set[int] = set()
    items = [
        (s, e)
        for e in gold["entities"]["required"] + gold["entities"]["optional"]
        for s in e["surfaces"]
    ]
    items.sort(key=lambda x: -len(x[0]))
    for surface, ent in items:
        start = 0
        while (i := norm_text.find(surface, start)) >= 0:
            start = i + 1
            span = set(range(i, i + len(surface)))
            if span & taken:
                continue
            before = norm_text[i - 1] if i else " "
            after = norm_text[i + len(surface)] if i + len(surface) < len(norm_text) else " "
            if (before.isalpha() and before not in "وبلف") or after.isalpha():
                continue  # inside another word (إيران in إيرانية)
            taken |= span
            nisba = surface.startswith("ال") and surface.endswith(("ي", "ية", "يين"))
            kind = "NORP" if nisba or ent["type"] == "NORP" else ent["type"]
            entity = f"country:{ent['country']}" if nisba and ent.get("country") else None
            if ent["name"] == "the West":
                entity = "region:WST"
            found.append(
                Mention(
                    i, i + len(surface), surface, kind, entity, "Nisba" if kind == "NORP" else None
                )
            )
    return sorted(found, key=lambda m: m.start)


# --- PLOVER Arabic gold ---------------------------------------------------------------------


def sentence_doc(text: str, stages: list[Any]) -> Document:
    doc = Document(id=content_id(text), source=Source(format="text"), raw=text)
    doc.text = text
    # The gold carries no dates; its articles are from 2007-2010.
    doc.published = "2008-01-01"
    for st in stages:
        st.process(doc)
    return doc


def load_gsr(kind: str) -> list[dict[str, str]]:
    path = DATA / f"events/arabic_event_gsr/{kind}_gsr_dev.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def gsr(folds: int, repeats: int, errors: bool, seed_: int) -> dict[str, Any]:
    tagging = tagging_stages()
    stages: list[Any] = [ArabicStage(), TimeStage(), *tagging]
    report: dict[str, Any] = {"stages": "arabic, times, " + describe_stages(tagging) + ", events"}
    docs: dict[str, Document] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    for kind in ("protest", "assault"):
        rows[kind] = [r for r in load_gsr(kind) if r["label"] in ("yes", "easy no", "difficult no")]
        for r in rows[kind]:
            if r["text"] not in docs:
                docs[r["text"]] = sentence_doc(r["text"], stages)
    # Lexicon alone, then lexicon + classifier, cross-validated on the dev split: each fold's
    # sentences are coded by a classifier trained on the other folds only. With 31 PROTEST
    # positives one sentence moves F1 by ~3 points, so the CV is repeated over `repeats`
    # shuffles and reported per shuffle, as mean and standard deviation.
    for kind in ("protest", "assault"):
        label = kind.upper()
        data = rows[kind]
        gold = [r["label"] == "yes" for r in data]
        lex_pred = [detected(docs[r["text"]], label, None) for r in data]
        report[f"{kind}_lexicon"] = prf(gold, lex_pred)
        report[f"{kind}_keyword_baseline"] = prf(gold, [keyword(r["text"], label) for r in data])
        runs = []
        for rep in range(repeats):
            order = list(range(len(data)))
            random.Random(seed_ + rep).shuffle(order)
            cv_pred = [False] * len(data)
            for f in range(folds):
                test = set(order[f::folds])
                train_rows = [
                    (docs[data[i]["text"]], label, gold[i]) for i in order if i not in test
                ]
                clf = train({label: train_rows})
                for i in test:
                    cv_pred[i] = detected(docs[data[i]["text"]], label, clf)
            runs.append(prf(gold, cv_pred))
            if errors and rep == 0:
                report[f"{kind}_errors"] = [
                    {"label": r["label"], "text": r["text"][:200], "predicted": p}
                    for r, g, p in zip(data, gold, cv_pred, strict=True)
                    if g != p
                ]
        f1s = [float(r["f1"]) for r in runs]
        report[f"{kind}_lexicon+classifier_cv{folds}x{repeats}"] = {
            "f1_mean": round(statistics.mean(f1s), 3),
            "f1_sd": round(statistics.stdev(f1s), 3) if len(f1s) > 1 else 0.0,
            "precision_mean": round(statistics.mean(float(r["precision"]) for r in runs), 3),
            "recall_mean": round(statistics.mean(float(r["recall"]) for r in runs), 3),
            "per_shuffle": runs,
        }
    report["spans"] = spans(stages)
    return report


def detected(doc: Document, label: str, clf: SentenceClassifier | None) -> bool:
    events = extract_events(doc, classifier=clf)
    return any(e.type == label and e.modality in FACTUAL for e in events)


_KEYWORDS = {
    "PROTEST": ("مظاهر", "تظاهر", "احتجاج", "متظاهر", "اعتصام", "محتج"),
    "ASSAULT": ("هجوم", "قتل", "انفجار", "تفجير", "غارة", "قصف", "اغتيال", "اشتباك"),
}


def keyword(text: str, label: str) -> bool:
    t = normalize(text)
    return any(k in t for k in _KEYWORDS[label])


def prf(gold: list[bool], pred: list[bool]) -> dict[str, float | int]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum((not g) and p for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "n": len(gold),
        "positives": sum(gold),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }


def spans(stages: list[Any]) -> dict[str, Any]:
    """Actor/recipient country accuracy on the gold spans whose role names a country."""
    out: dict[str, Any] = {}
    for kind in ("protest", "assault"):
        path = DATA / f"events/arabic_event_gsr/{kind}_spans_dev.json"
        items = json.loads(path.read_text(encoding="utf-8"))
        tally: Counter[str] = Counter()
        for item in items:
            doc = sentence_doc(item["text"], stages)
            events = [e for e in extract_events(doc) if e.type == kind.upper()]
            ours_a = {
                a.code[:3]
                for e in events
                for a in (getattr(e, "actors", None) or ([e.actor] if e.actor else []))
                if a.code
            }
            ours_r = {
                a.code[:3]
                for e in events
                for a in (getattr(e, "recipients", None) or ([e.recipient] if e.recipient else []))
                if a.code
            }
            for role, ours in (("source_role", ours_a), ("target_role", ours_r)):
                golds = {
                    sp[role]["main"]
                    for sp in item["spans"]
                    if isinstance(sp.get(role), dict)
                    and sp[role].get("main") not in (None, "None", "")
                }
                name = "actor" if role == "source_role" else "recipient"
                if not golds:
                    continue
                tally[f"{name}_gold"] += 1
                tally[f"{name}_correct"] += bool(golds & ours)
                tally[f"{name}_coded"] += bool(ours)
        out[kind] = {
            name: {
                "gold_with_country": tally[f"{name}_gold"],
                "coded": tally[f"{name}_coded"],
                "correct": tally[f"{name}_correct"],
                "accuracy": round(tally[f"{name}_correct"] / tally[f"{name}_gold"], 3)
                if tally[f"{name}_gold"]
                else None,
            }
            for name in ("actor", "recipient")
        }
    return out


# --- throughput -----------------------------------------------------------------------------


class _Timed:
    """A stage wrapper that adds up the CPU time its stage takes."""

    def __init__(self, stage: Any) -> None:
        self.stage = stage
        self.name = stage.name
        self.requires = stage.requires
        self.provides = stage.provides
        self.cpu = 0.0

    def process(self, doc: Document) -> Any:
        t = time.process_time()
        try:
            return self.stage.process(doc)
        finally:
            self.cpu += time.process_time() - t


def throughput(n: int, seed_: int) -> dict[str, Any]:
    path = DATA / "news/ant/ant_v2.1_multisource.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    random.Random(seed_).shuffle(records)
    pages = []
    for r in records:
        if r.get("text") and r.get("title"):
            pages.append(f"{r['title']}\n\n{r['time'][:10]}\n\n{r['text']}")
        if len(pages) == n + 50:
            break
    del records
    full = full_pipeline()
    stages = [_Timed(st) for st in full.stages]
    given = {"raw", "source"} | (
        {"mentions", "entities"} - {p for st in full.stages for p in st.provides}
    )
    pipe = Pipeline(stages, given=given)
    # Warm up on 50 other articles: models, lexicons and caches load once per process.
    for text in pages[n:]:
        pipe(Document(id=content_id(text), source=Source(format="text"), raw=text))
    for st in stages:
        st.cpu = 0.0
    docs = [Document(id=content_id(t), source=Source(format="text"), raw=t) for t in pages[:n]]
    wall, cpu = time.perf_counter(), time.process_time()
    events = 0
    for d in docs:
        res = pipe(d)
        if isinstance(res, Document):
            events += len(res.events)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "documents": len(docs),
        "mean_chars": round(sum(len(t) for t in pages[:n]) / len(docs)),
        "stages": [st.name for st in stages],
        "docs_per_cpu_s": round(len(docs) / cpu, 1),
        "docs_per_wall_s": round(len(docs) / wall, 1),
        "events": events,
        "cpu_ms_per_doc_by_stage": {st.name: round(1000 * st.cpu / len(docs), 2) for st in stages},
        "drops": dict(pipe.drops),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("seed")
    s.add_argument("--hand-mentions", action="store_true")
    g = sub.add_parser("gsr")
    g.add_argument("--cv", type=int, default=5)
    g.add_argument(
        "--repeats", type=int, default=5, help="CV shuffles (seeds seed..seed+repeats-1)"
    )
    g.add_argument("--errors", action="store_true")
    g.add_argument("--seed", type=int, default=13)
    t = sub.add_parser("throughput")
    t.add_argument("--n", type=int, default=1000)
    t.add_argument("--seed", type=int, default=7)
    opts = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no shared data at {DATA}")
    if opts.cmd == "seed":
        out = seed(opts.hand_mentions)
    elif opts.cmd == "gsr":
        out = gsr(opts.cv, opts.repeats, opts.errors, opts.seed)
    else:
        out = throughput(opts.n, opts.seed)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
