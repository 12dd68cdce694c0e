"""Clitic segmentation accuracy on the UD Arabic PUD treebank, and tokens per second.

PUD (``../shared/data/ud/PUD/ar_pud-ud-test.conllu``, 1,000 sentences, CC BY-SA 3.0) splits
each space-delimited word into syntactic words: ``وبالتالي`` is three tokens و ب التالي
and ``حياته`` two, حيات ه. The file has no multiword-token ranges (``1-2``); a written word
is the run of tokens joined by ``SpaceAfter=No``, which rebuilds every ``# text`` line.
Punctuation at the edges of a run (``ذلك,``) is dropped, as our tokenizer makes it a token
of its own; runs with anything but Arabic letters inside are skipped.

A word is right when our pieces equal the gold pieces, compared in search form:

- **UD convention**: the article stays on its noun, as in the treebank (``التالي`` is one
  piece, ``للسلطة`` is ل + لسلطة). This is the headline number.
- **full convention**: the article is a piece too (و ب ال تالي, ل ل سلطة). Gold splits it
  off a noun, adjective, proper noun, numeral or adverb, or any token with
  ``Definite=Def``, that starts with a bare ال (``ألم``, ``إلى`` have a hamza), and after
  ل off a ``Definite=Def`` token starting with the ل left of the elided article;
  construct-state nouns (``Definite=Def`` without ال), ``الذي`` and verbs keep theirs.

Reported per convention: accuracy over all words; over the words gold splits (split
recall: exactly the gold pieces); over the words gold leaves whole (no over-splitting);
and over the words we split (split precision). Each on the development half of the
documents (alternate ``newdoc id``s, the half looked at while tuning the rules), the
held-out half and all of them. PUD is never used to build the lexicon.

Speed: ``tokenize`` (tokens with their segmentation) and the whole Arabic stage (search
form, sentences, tokens) over ``--articles`` ANT articles on one core, after loading the
lexicon once: with cold segmentation caches (every word's first sighting is paid for, as
in a fresh process) and warm (a long-running process that has seen the vocabulary). CPU
time of this process, best of three runs, so other work on the machine counts less.

    .venv/bin/python bench/segmentation.py [--data ../shared/data] [--articles 2000]
        [--failures 30] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from rasd.arabic import clitics, tokens
from rasd.arabic.lexicon import lexicon
from rasd.arabic.normalize import normalize, strip_marks
from rasd.arabic.stage import ArabicStage
from rasd.document import Document, Source

ROOT = Path(__file__).resolve().parents[1]
PUD = "ud/PUD/ar_pud-ud-test.conllu"
_ARABIC = regex.compile(r"[\p{Arabic}\p{M}]+")
_EDGE_KINDS = ("PUNCT", "SYM")
# Word classes whose initial ال is the article even where the treebank gives no
# ``Definite`` feature (``الصين``, ``اليوم``, ``الأربعين``); not PRON (``الذي``) or VERB.
_ARTICLE_KINDS = ("NOUN", "ADJ", "PROPN", "NUM", "ADV", "X")


@dataclass(slots=True)
class GoldWord:
    text: str  # the written word (pieces joined)
    ud: tuple[str, ...]  # gold pieces, UD convention (search form)
    full: tuple[str, ...]  # gold pieces with the article split off
    doc: int  # index of its document, in file order


@dataclass(slots=True)
class Tally:
    words: int = 0
    right: int = 0
    split_gold: int = 0
    split_right: int = 0
    whole_gold: int = 0
    whole_right: int = 0
    split_ours: int = 0
    split_ours_right: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, word: str, gold: tuple[str, ...], ours: tuple[str, ...]) -> None:
        ok = gold == ours
        self.words += 1
        self.right += ok
        if len(gold) > 1:
            self.split_gold += 1
            self.split_right += ok
        else:
            self.whole_gold += 1
            self.whole_right += ok
        if len(ours) > 1:
            self.split_ours += 1
            self.split_ours_right += ok
        if not ok:
            self.failures.append((word, "+".join(gold), "+".join(ours)))

    def rates(self) -> dict[str, float | int]:
        def rate(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "words": self.words,
            "accuracy": rate(self.right, self.words),
            "split_recall": rate(self.split_right, self.split_gold),
            "no_over_split": rate(self.whole_right, self.whole_gold),
            "split_precision": rate(self.split_ours_right, self.split_ours),
            "gold_split_words": self.split_gold,
        }


def read_pud(path: Path) -> list[GoldWord]:
    words: list[GoldWord] = []
    doc = -1
    run: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc += 1
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue  # multiword ranges or empty nodes (none in this file)
            run.append(cols)
            if "SpaceAfter=No" not in cols[9]:
                word = _gold_word(run, doc)
                if word is not None:
                    words.append(word)
                run = []
    return words


def _gold_word(run: list[list[str]], doc: int) -> GoldWord | None:
    while run and run[0][3] in _EDGE_KINDS:
        run = run[1:]
    while run and run[-1][3] in _EDGE_KINDS:
        run = run[:-1]
    if not run or not all(_ARABIC.fullmatch(cols[1]) for cols in run):
        return None
    ud = tuple(normalize(cols[1]) for cols in run)
    full: list[str] = []
    for i, (cols, piece) in enumerate(zip(run, ud, strict=True)):
        definite = "Definite=Def" in cols[5]
        after_l = i > 0 and ud[i - 1] == "ل" and run[i - 1][3] == "ADP"
        if definite and after_l and piece.startswith("ل") and len(piece) >= 3:
            full += ["ل", piece[1:]]  # ل + (ا)ل + سلطة, written للسلطة
        elif (
            (definite or cols[3] in _ARTICLE_KINDS)
            and strip_marks(cols[1]).startswith("ال")  # أل/إل/آل is no article
            and len(piece) >= 4
        ):
            full += ["ال", piece[2:]]
        else:
            full.append(piece)
    return GoldWord("".join(cols[1] for cols in run), ud, tuple(full), doc)


def ours(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Our pieces in the UD convention (article kept on its noun) and in full."""
    seg = clitics.segment(word)
    full = seg.pieces
    if clitics.ARTICLE not in seg.prefixes:
        return full, full
    at = len(seg.prefixes) - 1  # the article is always the last prefix
    ud = (*full[:at], full[at] + full[at + 1], *full[at + 2 :])
    return ud, full


def evaluate(words: list[GoldWord]) -> dict[str, dict[str, Tally]]:
    out: dict[str, dict[str, Tally]] = {
        part: {"ud": Tally(), "full": Tally()} for part in ("dev", "held_out", "all")
    }
    for w in words:
        ud, full = ours(w.text)
        part = "dev" if w.doc % 2 == 0 else "held_out"
        for p in (part, "all"):
            out[p]["ud"].add(w.text, w.ud, ud)
            out[p]["full"].add(w.text, w.full, full)
    return out


def ant_texts(data: Path, n: int) -> Iterator[str]:
    with gzip.open(data / "news/ant/ant_v2.1_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                return
            yield json.loads(line)["text"]


def speed(data: Path, n: int, repeat: int = 3) -> dict[str, float | int]:
    """Tokens per second of ``tokenize`` and of the Arabic stage, CPU time of this process
    (other processes on the machine do not count), best of ``repeat`` runs."""
    texts = list(ant_texts(data, n))
    lexicon.cache_clear()
    start = time.process_time()
    lexicon()
    load = time.process_time() - start

    cold = tokens.clear_caches

    def best(run: Callable[[], object], *, warm: bool = False) -> float:
        times = []
        for _ in range(repeat):
            if not warm:
                cold()
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        return min(times)

    count = sum(len(tokens.tokenize(t)) for t in texts)
    words = sum(1 for t in texts for tok in tokens.tokenize(t) if tok.stem is not None)
    stage = ArabicStage()

    # Documents stream through, as in a pipeline: each is dropped once processed (keeping
    # all 2,000 alive would time the garbage collector walking them, not the stage).
    def tokenize_all() -> None:
        for t in texts:
            tokens.tokenize(t)

    def stage_all() -> None:
        for i, t in enumerate(texts):
            stage.process(Document(id=str(i), source=Source("text"), raw=t, text=t))

    cold()
    first = time.process_time()
    tokenize_all()
    first_s = time.process_time() - first
    return {
        "articles": len(texts),
        "tokens": count,
        "arabic_words": words,
        "lexicon_load_s": round(load, 3),
        "tokenize_tokens_per_s": round(count / best(tokenize_all)),
        "tokenize_warm_tokens_per_s": round(count / best(tokenize_all, warm=True)),
        "stage_tokens_per_s": round(count / best(stage_all)),
        "stage_warm_tokens_per_s": round(count / best(stage_all, warm=True)),
        "first_run_tokenize_s": round(first_s, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--articles", type=int, default=2000, help="ANT articles for speed")
    parser.add_argument("--failures", type=int, default=0, help="print N failures (dev half)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = parser.parse_args()
    if not (opts.data / PUD).is_file():
        sys.exit(f"no UD PUD treebank at {opts.data / PUD}")

    words = read_pud(opts.data / PUD)
    tallies = evaluate(words)
    report: dict[str, object] = {
        part: {conv: t.rates() for conv, t in convs.items()} for part, convs in tallies.items()
    }
    if (opts.data / "news/ant").is_dir() and opts.articles:
        report["speed"] = speed(opts.data, opts.articles)
    if opts.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    if opts.failures:
        for conv in ("ud", "full"):
            print(f"\nfirst {opts.failures} failures, dev half, {conv} (word: gold | ours)")
            for word, gold, got in tallies["dev"][conv].failures[: opts.failures]:
                print(f"  {word}: {gold} | {got}")


def _print_table(report: dict[str, object]) -> None:
    metrics = ("words", "accuracy", "split_recall", "no_over_split", "split_precision")
    print(f"{'part':<9} {'convention':<10} " + " ".join(f"{m:>15}" for m in metrics))
    for part in ("dev", "held_out", "all"):
        convs = report[part]
        assert isinstance(convs, dict)
        for conv in ("ud", "full"):
            row = convs[conv]
            print(f"{part:<9} {conv:<10} " + " ".join(f"{row[m]:>15}" for m in metrics))
    if "speed" in report:
        print()
        for k, v in report["speed"].items():  # type: ignore[attr-defined]
            print(f"{k:<24} {v}")


if __name__ == "__main__":
    main()
