"""Build the clitic-segmentation lexicon in ``src/rasd/data`` from ``../shared/data``.

Writes (see ``rasd.arabic.lexicon`` for how they are used):

- ``stems_ar.tsv``: word-form frequencies counted over the ANT news corpus
  (``news/ant``, ~41k articles, ~9M words). Only derived statistics are kept: a form with
  its count, forms seen fewer than ``--min-count`` times are dropped, no sentence or
  article text is stored. Part of rasd (Apache-2.0); cite the ANT papers
  (``licenses/stems_ar_SOURCE.txt``).
- ``names_ar.tsv``: single-word names from named-entity training text: NewsFANE Gold
  ``ner/newsfane/train.tsv`` and AQMAR ``ner/aqmar/*.txt`` (both CC BY-SA 3.0), so this
  file is CC BY-SA 3.0 (``licenses/names_ar_CC-BY-SA-3.0.txt``). Names with a clitic on
  them (``بأثينا``, ``للبنك``) are dropped when the rest is a name or a commoner word.
- ``clitic_not_article.txt``: words starting with ال that news mostly writes with a hamza
  (``ألمانيا``, ``إلا``, ``ألف``), so their ال is not the article. From the ANT counts.
- ``clitic_segmentations.tsv``: the segmentation of every word of ``stems_ar.tsv`` that is
  not left whole, computed by ``rasd.arabic.clitics`` itself and checked against it, with
  the fingerprint of its inputs. ``--segmentations`` rebuilds only this file, from the
  files in the package (no ``../shared`` needed): run it after changing the segmenter.

Not used: the UD Arabic PUD treebank (``ud/PUD``) is the evaluation set of
``bench/segmentation.py``; the NewsFANE dev split is the NER evaluation set.
Place names are not copied: ``places_ar.tsv`` (GeoNames, countries) is read at run time.

Run: ``python scripts/build_stem_lexicon.py [--data ../shared/data] [--min-count 3]``
or ``python scripts/build_stem_lexicon.py --segmentations``.
Output is sorted and deterministic, so a rebuild shows as a reviewable diff.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rasd.arabic import clitics, lexicon
from rasd.arabic.clitics import FUNCTION_WORDS
from rasd.arabic.lexicon import key, starts_with_hamza_alef
from rasd.arabic.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/rasd/data"
LICENSES = DATA / "licenses"
ANT_FILES = ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz")
_ARABIC_KEY = re.compile(r"[\u0621-\u064a]{2,24}")
# Proclitic strings a name token may carry in NER text, longest first.
_NAME_PREFIXES = (
    "وبال",
    "وال",
    "بال",
    "كال",
    "فال",
    "ولل",
    "لل",
    "وب",
    "ول",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)


def count_words(data: Path) -> tuple[Counter[str], Counter[str]]:
    """Word counts (key form) over the ANT titles and bodies, and, for keys starting with
    ال, how often the original spelling began with a hamza alef."""
    counts: Counter[str] = Counter()
    hamza: Counter[str] = Counter()
    for name in ANT_FILES:
        with gzip.open(data / "news/ant" / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                for field in ("title", "text"):
                    for token in tokenize(record.get(field) or "", segment_words=False):
                        if token.kind != "word":
                            continue
                        k = key(token.text)
                        if not _ARABIC_KEY.fullmatch(k):
                            continue
                        counts[k] += 1
                        if k.startswith("ال") and starts_with_hamza_alef(token.text):
                            hamza[k] += 1
    return counts, hamza


def ner_names(data: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How often each word of the NER training text begins an entity span (B- tag of a
    person, place, organisation… class), is inside one (I-), and occurs at all."""
    begins: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    paths = [data / "ner/newsfane/train.tsv", *sorted((data / "ner/aqmar").glob("*.txt"))]
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) != 2:
                    continue
                k = key(parts[0])
                if not _ARABIC_KEY.fullmatch(k):
                    continue
                total[k] += 1
                tag = parts[1]
                if "MIS" in tag:
                    continue  # AQMAR's per-article MISC classes: elements, terms, not names
                if tag.startswith("B-"):
                    begins[k] += 1
                elif tag.startswith("I-"):
                    inside[k] += 1
    return begins, inside, total


def reliable_names(
    spans: tuple[Counter[str], Counter[str], Counter[str]],
    places: set[str],
    counts: Counter[str],
) -> list[str]:
    """Words that are names whenever they occur: in an entity span at least half the time
    (``باسم`` is a name, but more often ب + اسم), three letters or more, no function word,
    and no clitic on another name (``بأثينا``, ``لإسرائيل``). A word seen mostly inside
    longer names (``للتنمية`` of الصندوق العربي للتنمية) is also dropped when what follows
    its clitic is a commoner word; one that starts names keeps its letters (``بعقوبة``:
    عقوبة is commoner, but بعقوبة is a city), except after ``لل``, ل + the article, which
    no name starts with (``للقوات`` begins a name or two in the NER text, and is ل + القوات
    six hundred times in the news)."""
    begins, inside, total = spans
    candidates = {
        k
        for k in begins.keys() | inside.keys()
        if begins[k] + inside[k] >= 0.5 * total[k] and len(k) >= 3 and k not in FUNCTION_WORDS
    }
    known = candidates | places
    kept = []
    for name in sorted(candidates):
        starts_names = begins[name] >= inside[name]
        prefixed = False
        for p in _NAME_PREFIXES:
            if not name.startswith(p) or len(name) - len(p) < 2:
                continue
            rest = name[len(p) :]
            own_letters = starts_names and not p.endswith("لل")
            if p.endswith("ال"):
                alternatives = ["ال" + rest]  # والعراق: و + العراق
            elif p.endswith("لل"):
                alternatives = ["ال" + rest, rest]  # للبنك: ل + البنك; للبنان: ل + لبنان
            else:
                alternatives = [rest]
            for alt in alternatives:
                if alt in known or (not own_letters and counts[alt] >= max(3, counts[name])):
                    prefixed = True
        if not prefixed:
            kept.append(name)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument(
        "--segmentations", action="store_true", help="only rebuild clitic_segmentations.tsv"
    )
    opts = parser.parse_args()
    if opts.segmentations:
        write_segmentations()
        return
    if not (opts.data / "news/ant").is_dir():
        sys.exit(f"no ANT corpus under {opts.data}/news/ant")

    counts, hamza = count_words(opts.data)
    with open(DATA / "stems_ar.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Word-form frequencies in the ANT news corpus (derived statistics only), built by\n"
            "# scripts/build_stem_lexicon.py. Forms in rasd.arabic.lexicon.key() form.\n"
            "word\tcount\n"
        )
        kept = sorted(k for k, n in counts.items() if n >= opts.min_count)
        for k in kept:
            fh.write(f"{k}\t{counts[k]}\n")

    not_article = sorted(
        k for k, n in hamza.items() if n >= opts.min_count and n >= 0.3 * counts[k]
    )
    with open(DATA / "clitic_not_article.txt", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Words whose first letters ال are not the article: news writes them with a hamza\n"
            "# (ألمانيا, إلا) at least 30% of the time in the ANT corpus. Built by\n"
            "# scripts/build_stem_lexicon.py.\n"
        )
        fh.writelines(f"{k}\n" for k in not_article)

    names = reliable_names(ner_names(opts.data), lexicon.place_words()[0], counts)
    with open(DATA / "names_ar.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Words that are names wherever they occur, from the entity spans of NewsFANE Gold\n"
            "# and AQMAR (CC BY-SA 3.0, see licenses/names_ar_CC-BY-SA-3.0.txt), in\n"
            "# rasd.arabic.lexicon.key() form. Built by scripts/build_stem_lexicon.py.\n"
            "name\n"
        )
        fh.writelines(f"{n}\n" for n in names)

    write_licences(opts.data)
    write_segmentations()
    print(
        f"stems_ar.tsv: {len(kept)} forms (of {len(counts)}, {sum(counts.values())} words); "
        f"names_ar.tsv: {len(names)} names; clitic_not_article.txt: {len(not_article)} words"
    )


def write_segmentations() -> None:
    """Segment every counted word with the segmenter itself (the table ignored), check
    that the table gives back exactly that, and write it with its fingerprint."""
    (DATA / lexicon.SEGMENTATIONS).unlink(missing_ok=True)
    lexicon.lexicon.cache_clear()
    words = sorted(lexicon.lexicon().counts)
    entries = {w: e for w in words if (e := clitics.precompute(w)) is not None}
    with open(DATA / lexicon.SEGMENTATIONS, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            f"# fingerprint {lexicon.fingerprint()}\n"
            "# Segmentations of the words of stems_ar.tsv not left whole: word, proclitics,\n"
            "# pronoun, stem (search form). Built and checked by scripts/build_stem_lexicon.py.\n"
        )
        fh.writelines(f"{w}\t{e}\n" for w, e in entries.items())
    lexicon.lexicon.cache_clear()
    clitics.clear_caches()
    wrong = clitics.precomputed_disagreements(words)
    if wrong:
        sys.exit(f"the table disagrees with the segmenter on {len(wrong)} words: {wrong[:10]}")
    print(f"{lexicon.SEGMENTATIONS}: {len(entries)} of {len(words)} words segmented")


def write_licences(data: Path) -> None:
    LICENSES.mkdir(parents=True, exist_ok=True)
    legal = (data / "ner/newsfane/LICENSE.txt").read_text(encoding="utf-8")
    legal = legal[legal.index("License\n\nTHE WORK") :] if "License\n\nTHE WORK" in legal else legal
    (LICENSES / "names_ar_CC-BY-SA-3.0.txt").write_text(
        "src/rasd/data/names_ar.tsv is licensed under the Creative Commons\n"
        "Attribution-ShareAlike 3.0 Unported licence (https://creativecommons.org/licenses/by-sa/3.0/).\n"
        "\n"
        "It is a list of single words taken from the named-entity spans of:\n"
        '- NewsFANE Gold (train split): Fahd Alotaibi and Mark Lee, "A Hybrid Approach to\n'
        '  Features Representation for Fine-grained Arabic Named Entity Recognition",\n'
        "  COLING 2014. http://www.cs.bham.ac.uk/~fsa081/ - CC BY-SA 3.0.\n"
        "- AQMAR Arabic Wikipedia Named Entity Corpus: Behrang Mohit, Nathan Schneider,\n"
        '  Rishav Bhowmick, Kemal Oflazer and Noah A. Smith, "Recall-Oriented Learning of\n'
        '  Named Entities in Arabic Wikipedia", EACL 2012.\n'
        "  http://www.cs.cmu.edu/~ark/ArabicNER/ - CC BY-SA 3.0.\n"
        "Changes: tokens normalised (no diacritics, unified alef and ya), deduplicated; kept\n"
        "only when inside a person, place, organisation (not AQMAR's MISC) span at least half\n"
        "the times they occur, and not a clitic on another name; sorted. Built by\n"
        "scripts/build_stem_lexicon.py.\n"
        "\n"
        "The licence text follows.\n\n" + legal,
        encoding="utf-8",
    )
    (LICENSES / "stems_ar_SOURCE.txt").write_text(
        "src/rasd/data/stems_ar.tsv and clitic_not_article.txt are word-form frequency\n"
        "statistics counted by scripts/build_stem_lexicon.py over the ANT corpus (Arabic News\n"
        "Texts): single words seen at least three times and their counts, no sentence or\n"
        "article text. They are part of rasd (Apache-2.0).\n"
        "\n"
        "src/rasd/data/clitic_segmentations.tsv is computed by rasd's segmenter from\n"
        "stems_ar.tsv, names_ar.tsv (CC BY-SA 3.0) and places_ar.tsv (ODbL / CC BY 4.0): the\n"
        "ANT words with their cut. It copies no name from those lists, but names decided some\n"
        "cuts; whoever wants to be strict can ship it under names_ar.tsv's CC BY-SA 3.0.\n"
        "\n"
        "ANT corpus: https://github.com/antcorpus/antcorpus.data (v1.1) and\n"
        "https://github.com/antcorpus/antcorpus.multisource.data (v2.1). Its authors ask that\n"
        "uses cite:\n"
        '- A. Chouigui, O. Ben Khiroun, B. Elayeb, "ANT Corpus: An Arabic News Text Collection\n'
        '  for Textual Classification", AICCSA 2017.\n'
        '- A. Chouigui, O. Ben Khiroun, B. Elayeb, "A TF-IDF and Co-occurrence Based Approach\n'
        '  for Events Extraction from Arabic News Corpus", NLDB 2018.\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
