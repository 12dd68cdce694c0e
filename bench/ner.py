"""Accuracy and speed of the entity tagger.

``speed``: tokens/second of ``rasd ner`` end to end on one core (``taskset -c 0``), on ANT
articles: the articles are tokenized by rasd into a token-per-line file under /tmp
(outside the clock), then ``rasd ner --conll FILE`` runs as a fresh process, so the time
includes start-up and model loading; the same is reported without them (tagging only,
in a fresh process on one core, documents of 32 sentences as ``rasd ner`` tags them), with
the model's load time and size. ``--text`` also times ``rasd ner
FILE.jsonl`` on the articles as JSONL records (extraction, Arabic layer and entities).

``compare``: trains one CRF per feature set (``rasd.entities.features.FEATURE_SETS``)
with the settings of ``make model`` into a temporary folder, and prints a table of
NewsFANE dev P/R/F1 (PER, ORG, LOC = GPE+LOC+FAC; exact spans), with and without the
document-level propagation, and tagging speed on ANT sentences (one core, CPU time).

``cv``: for each feature set, five-fold cross-validation on NewsFANE train in contiguous
blocks of sentences (stories are held out whole, but for the few a fold boundary cuts:
the file marks no documents), scored through the whole tagger as ``compare`` scores:
the CRF alone, or with ``--networks 2`` also with the networks that vote with it, trained
on the same fold (needs torch; about an hour).

``dev``: the shipped model's scores on NewsFANE dev, per type.

Article text is the outlets' copyright: files go to /tmp and are deleted afterwards.

    .venv/bin/python bench/ner.py dev
    .venv/bin/python bench/ner.py speed --n 500 [--text]
    .venv/bin/python bench/ner.py compare [--iterations 150]
    .venv/bin/python bench/ner.py cv --feature-sets full [--folds 5] [--networks 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.entities import train as T
from rasd.entities.conll import Sentence
from rasd.entities.evaluate import score
from rasd.entities.features import FEATURE_SETS, Featurizer, Resources, read_resources
from rasd.entities.network import NETWORK_GLOB
from rasd.entities.tagger import CRFBackend, models_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RASD = Path(sys.executable).parent / "rasd"


def ant_records(data: Path, n: int) -> list[dict[str, str]]:
    out = []
    with gzip.open(data / "news" / "ant" / "ant_v2.1_multisource.jsonl.gz", "rt") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                out.append(rec)
            if len(out) >= n:
                break
    return out


def write_conll(records: list[dict[str, str]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            text = rec["text"]
            for s in split_sentences(text):
                toks = [t.text for t in tokenize(text[s.start : s.end], segment_words=False)]
                if toks:
                    fh.write("\n".join(toks) + "\n\n")
                    n += len(toks)
    return n


def one_core(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def speed(args: argparse.Namespace) -> None:
    records = ant_records(args.data, args.n)
    tmp = Path(tempfile.mkdtemp(prefix="rasd-ner-"))
    try:
        conll = tmp / "ant.tsv"
        tokens = write_conll(records, conll)
        # 1. End to end: a fresh `rasd ner --conll` process on one core.
        started = time.perf_counter()
        subprocess.run(
            one_core([str(RASD), "ner", "--conll", str(conll)]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        # 2. Load, then tagging alone, as `rasd ner --conll` tags (documents of 32
        # sentences), in a fresh process on one core: numpy's threads start as they would.
        timed = subprocess.run(
            one_core([sys.executable, __file__, "tagtime", "--conll", str(conll)]),
            check=True,
            capture_output=True,
            text=True,
        )
        load, tag_cpu, n_sents = (float(x) for x in timed.stdout.split())
        size = sum(p.stat().st_size for p in models_dir().glob("ner_*"))
        print(f"articles {len(records)}, tokens {tokens}, sentences {n_sents:.0f}")
        print(f"rasd ner --conll end to end (one core): {wall:.2f}s, {tokens / wall:,.0f} tokens/s")
        print(f"tagging only (after load): {tag_cpu:.2f}s CPU, {tokens / tag_cpu:,.0f} tokens/s")
        print(f"model load: {load:.2f}s; model files: {size / 1e6:.1f} MB")
        if args.text:
            jsonl = tmp / "ant.jsonl"
            with jsonl.open("w", encoding="utf-8") as fh:
                for r in records:
                    rec = {"id": r["docno"], "title": r["title"], "text": r["text"]}
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            started = time.perf_counter()
            subprocess.run(
                one_core([str(RASD), "ner", str(jsonl), "--jsonl"]),
                check=True,
                stdout=subprocess.DEVNULL,
            )
            wall = time.perf_counter() - started
            print(
                f"rasd ner FILE.jsonl (extract + arabic + entities, one core): {wall:.2f}s, "
                f"{tokens / wall:,.0f} tokens/s"
            )
    finally:
        shutil.rmtree(tmp)


def tagtime(args: argparse.Namespace) -> None:
    """(for ``speed``) Load time, tagging CPU time and sentence count of ``--conll``."""
    from rasd.entities.api import _documents
    from rasd.entities.conll import read_conll
    from rasd.entities.tagger import tag_split

    started = time.perf_counter()
    backend = CRFBackend()
    load = time.perf_counter() - started
    docs = [[s.tokens for s in chunk] for chunk in _documents(read_conll(args.conll))]
    cpu = time.process_time()
    for doc in docs:
        tag_split(backend, doc)
    print(load, time.process_time() - cpu, sum(map(len, docs)))


def dev(args: argparse.Namespace) -> None:
    backend = CRFBackend()
    gold = T.load_corpus(args.data / "ner" / "newsfane" / "dev.tsv")
    pred = backend.tag([s.tokens for s in gold])
    print(score(zip([s.tags for s in gold], pred, strict=True)).table())


def train_into(
    model: Path,
    sentences: list[Sentence],
    res: Resources,
    feature_set: str,
    **settings: Any,
) -> CRFBackend:
    """A CRF trained as ``make model`` trains it (``settings``: ``train_crf``'s c1, c2 and
    iterations), in ``model`` beside copies of the shipped resources, loaded as the tagger
    loads it: the CRF alone, since the shipped networks saw all of NewsFANE train."""
    shutil.copytree(models_dir(), model, ignore=shutil.ignore_patterns("__*", NETWORK_GLOB))
    T.train_crf(sentences, Featurizer(res, feature_set), model / "ner_crf.crfsuite", **settings)
    meta = json.loads((model / "ner_model.json").read_text(encoding="utf-8"))
    meta["feature_set"] = feature_set
    (model / "ner_model.json").write_text(json.dumps(meta), encoding="utf-8")
    return CRFBackend(model)


def add_networks(model: Path, sentences: list[Sentence], n: int) -> CRFBackend:
    """Train ``n`` networks as ``make model`` does (same seeds) on ``sentences`` into
    ``model``, beside the shipped news vectors; the tagger loaded with them."""
    from rasd.entities.network import VECTORS_FILE

    shutil.copy(models_dir() / VECTORS_FILE, model / VECTORS_FILE)
    T.train_networks(model, sentences, n, log=lambda _: None)
    return CRFBackend(model)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    return {"c1": args.c1, "c2": args.c2, "iterations": args.iterations}


def cv(args: argparse.Namespace) -> None:
    """K-fold cross-validation on NewsFANE train, each fold a contiguous block of sentences
    (so of whole stories, but for those a boundary cuts): a steadier yardstick than dev
    alone (883 names in a few stories, where a change that should not matter moves F1 by
    a point) for choosing between variants."""
    from rasd.entities.api import evaluate_conll
    from rasd.entities.conll import write_conll

    res = read_resources(models_dir())
    train = T.load_corpus(args.data / "ner" / "newsfane" / "train.tsv")
    n, k = len(train), args.folds
    tmp = Path(tempfile.mkdtemp(prefix="rasd-ner-cv-"))
    try:
        for fs in args.feature_sets:
            f1s: list[float] = []
            alone: list[float] = []
            for fold in range(k):
                a, b = fold * n // k, (fold + 1) * n // k
                held = tmp / f"held{fold}.tsv"
                with held.open("w", encoding="utf-8") as fh:
                    for s in train[a:b]:
                        write_conll(fh, s.tokens, s.tags)
                rest = [Sentence(s.tokens, T.coarse_tags(s.tags)) for s in train[:a] + train[b:]]
                backend = train_into(tmp / f"{fs}{fold}", rest, res, fs, **_settings(args))
                if args.networks:
                    # The CRF alone first, then with networks trained on the same fold.
                    p, r, f = evaluate_conll(held, backend).prf()
                    alone.append(f)
                    print(f"{fs:<10} fold {fold}: CRF alone P {p:.3f} R {r:.3f} F1 {f:.4f}")
                    backend = add_networks(tmp / f"{fs}{fold}", rest, args.networks)
                p, r, f = evaluate_conll(held, backend).prf()
                f1s.append(f)
                print(f"{fs:<10} fold {fold}: P {p:.3f} R {r:.3f} F1 {f:.4f}", flush=True)
            folds = " ".join(f"{f:.4f}" for f in f1s)
            if alone:
                print(f"{fs:<10} CRF alone mean F1 {sum(alone) / k:.4f}")
            print(f"{fs:<10} mean F1 {sum(f1s) / k:.4f} over {k} folds ({folds})", flush=True)
    finally:
        shutil.rmtree(tmp)


def compare(args: argparse.Namespace) -> None:
    """One CRF per feature set, same data, seed and settings as the shipped model, each
    scored through the whole tagger (conjunction splitting, rules, propagation)."""
    from rasd.entities.api import evaluate_conll, tag_sentences
    from rasd.entities.conll import read_conll

    res = read_resources(models_dir())
    train = T.load_corpus(args.data / "ner" / "newsfane" / "train.tsv")
    coarse = [Sentence(s.tokens, T.coarse_tags(s.tags)) for s in train]
    tmp = Path(tempfile.mkdtemp(prefix="rasd-ner-"))
    conll = tmp / "ant.tsv"
    ant_tokens = write_conll(ant_records(args.data, args.n), conll)
    ant = [s.tokens for s in read_conll(conll)]
    rows = []
    try:
        for fs in args.feature_sets:
            model = tmp / fs
            started = time.perf_counter()
            backend = train_into(model, coarse, res, fs, **_settings(args))
            trained = time.perf_counter() - started
            scores = evaluate_conll(args.data / "ner" / "newsfane" / "dev.tsv", backend)
            backend.propagate = False
            crf_only = evaluate_conll(args.data / "ner" / "newsfane" / "dev.tsv", backend).prf()[2]
            backend.propagate = True
            backend = CRFBackend(model)  # cold caches, as a new process has
            cpu = time.process_time()
            for b in range(0, len(ant), 32):
                tag_sentences(ant[b : b + 32], backend)
            tps = ant_tokens / (time.process_time() - cpu)
            p, r, f = scores.prf()
            size = (model / "ner_crf.crfsuite").stat().st_size / 1e6
            rows.append((fs, crf_only, p, r, f, tps, trained, size))
            print(
                f"{fs:<10} F1 {crf_only:.3f} → P {p:.3f} R {r:.3f} F1 {f:.3f}  {tps:,.0f} tok/s",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp)
    print(
        "\n| features | F1 (CRF + rules) | P | R | F1 (+ propagation) | tokens/s (1 core) | train s | CRF MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for fs, f0, p, r, f, tps, trained, mb in rows:
        print(
            f"| {fs} | {f0:.3f} | {p:.3f} | {r:.3f} | {f:.3f} | {tps:,.0f} | {trained:.0f} | {mb:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("speed", "dev", "compare", "cv", "tagtime"))
    parser.add_argument("--conll", type=Path, help="tagtime: the token-per-line file")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--n", type=int, default=500, help="ANT articles")
    parser.add_argument("--text", action="store_true", help="speed: also articles as JSONL")
    parser.add_argument("--iterations", type=int, default=T.ITERATIONS)
    parser.add_argument("--folds", type=int, default=5, help="cv: folds of NewsFANE train")
    parser.add_argument("--c1", type=float, default=T.C1, help="compare, cv: L1 strength")
    parser.add_argument("--c2", type=float, default=T.C2, help="compare, cv: L2 strength")
    parser.add_argument("--feature-sets", nargs="+", default=list(FEATURE_SETS))
    parser.add_argument(
        "--networks", type=int, default=0, help="cv: also train this many networks per fold"
    )
    args = parser.parse_args()
    {"speed": speed, "dev": dev, "compare": compare, "cv": cv, "tagtime": tagtime}[args.what](args)


if __name__ == "__main__":
    main()
