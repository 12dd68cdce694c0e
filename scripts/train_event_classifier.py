"""Train the events stage's sentence classifier (``src/rasd/data/events/classifier.tsv``).

Data: the dev split of the PLOVER Arabic gold (``../shared/data/events/arabic_event_gsr``,
MIT): PROTEST and ASSAULT sentences, positives ``yes``, negatives ``easy no`` and
``difficult no`` (``ambiguous`` left out). Each sentence goes through the same stages as an
article (arabic, times, the entity tagger and KB linker when installed) and the events lexicon; the
classifier learns from what the lexicon found and the sentence's words
(:func:`rasd.events.classifier.features`). Its veto threshold is chosen by 3-fold
cross-validation inside the training data. How well it does on sentences it has not seen is
measured by ``bench/events.py gsr`` (5-fold cross-validation on the same split).

Run: ``python scripts/train_event_classifier.py [../shared/data] [--l2 N]`` (default: the
per-type strengths of ``rasd.events.classifier.L2``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from events import load_gsr, sentence_doc, tagging_stages  # noqa: E402
from rasd.arabic.stage import ArabicStage  # noqa: E402
from rasd.arabic.times import TimeStage  # noqa: E402
from rasd.events.classifier import L2, MODEL, train  # noqa: E402

OUT = ROOT / "src/rasd/data/events" / MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared/data"))
    parser.add_argument("--l2", type=float, default=None, help="one L2 strength for all types")
    opts = parser.parse_args()
    import events

    events.DATA = Path(opts.data)
    stages = [ArabicStage(), TimeStage(), *tagging_stages()]
    data = {}
    for kind in ("protest", "assault"):
        rows = [r for r in load_gsr(kind) if r["label"] in ("yes", "easy no", "difficult no")]
        data[kind.upper()] = [
            (sentence_doc(r["text"], stages), kind.upper(), r["label"] == "yes") for r in rows
        ]
        print(f"{kind}: {len(rows)} sentences, {sum(g for _, _, g in data[kind.upper()])} positive")
    clf = train(data, l2=opts.l2, progress=print)
    strength = (
        f"{opts.l2:g}" if opts.l2 is not None else ", ".join(f"{k} {v:g}" for k, v in L2.items())
    )
    OUT.write_text(
        clf.dump(
            f"""Sentence classifier of the events stage: logistic regression per type (weights, and the
veto threshold as __threshold__). Trained by scripts/train_event_classifier.py (l2={strength}) on
the dev split of the PLOVER Arabic gold standard records (github.com/openeventdata/arabic_event_gsr,
MIT, (c) 2018 Open Event Data Alliance; licenses/arabic_event_gsr_MIT.txt). Features: see
rasd.events.classifier.features (w: the sentence's word stems)."""
        ),
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
