"""Rebuild the shipped entity tagger from ../shared/data (``make model``).

Steps (each seeded, so a rebuild gives the same files):

1. Word clusters from the ANT news corpus (:mod:`rasd.entities.clusters`).
2. Gazetteers from the knowledge-base data: country and city names (the package's places
   table: mledoze/countries, ODbL; GeoNames, CC BY 4.0), people from the Arabic PETRARCH
   actor dictionary (MIT), nisba adjectives derived from country names plus a hand list.
3. The CRF over coarse BIO tags, trained on NewsFANE train (CC BY-SA 3.0), split as
   NewsFANE splits conjunctions (``--augment`` re-attaches some at random instead), and
   the BiLSTM-CRF networks that vote with it (:mod:`rasd.entities.network_train`; needs
   torch), on the same sentences, over the news vectors saved with the clusters.
4. The fine-class classifier (Politician, Nation, …) over gold mentions.
5. Scores on NewsFANE dev, written beside the model.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from rasd.arabic.normalize import normalize
from rasd.entities.clusters import build_clusters
from rasd.entities.conll import Sentence, read_conll
from rasd.entities.features import (
    CLUSTERS_FILE,
    FEATURE_SETS,
    GAZETTEER_FILE,
    NISBA_FILE,
    Featurizer,
    Resources,
    read_resources,
)
from rasd.entities.labels import FINE_TO_TYPE, Span, bio, coarse, map_tags, spans
from rasd.entities.network import NETWORK_GLOB, VECTORS_FILE, Vectors
from rasd.entities.scorer import file_sha256
from rasd.entities.tagger import Backend

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "data"
MODELS = Path(__file__).resolve().parents[1] / "models"
DATA = Path(__file__).resolve().parents[1] / "data"
SEED = 20261129
NETWORKS, NETWORK_SEED = 2, 100
CLUSTER_SEED = 13
ANT_FILES = ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz")
# The shipped CRF's L1 and L2 strengths and L-BFGS iterations (models/README.md compares
# others by cross-validation: bench/ner.py cv).
C1, C2, ITERATIONS = 0.05, 0.01, 150

# -- 1. corpora ---------------------------------------------------------------


def news_sentences(paths: Sequence[Path], limit: int | None = None) -> Iterator[list[str]]:
    """Paragraphs of ANT articles as search-form words (the text itself is never kept)."""
    from rasd.arabic.tokens import tokenize

    cache: dict[str, str] = {}
    n = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                for part in (record.get("title") or "", record.get("text") or ""):
                    for para in part.split("\n"):
                        words = []
                        for tok in tokenize(para, segment_words=False):
                            w = cache.get(tok.text)
                            if w is None:
                                w = cache[tok.text] = normalize(tok.text)
                            words.append(w)
                        if words:
                            yield words
                n += 1
                if limit and n >= limit:
                    return


def load_corpus(path: Path) -> list[Sentence]:
    return list(read_conll(path, tags=True))


def load_aqmar(folder: Path, res: Resources, *, misc: bool = False) -> list[Sentence]:
    """AQMAR with rasd's types: its noisy tags (``IO``, ``B-ENGLISH``) read as O, its
    article-specific MIS0..MIS3 classes as MISC (``misc``) or O, and LOC as GPE when the
    gazetteer knows the name as a country or city (AQMAR has no GPE)."""
    out = []
    places = {"country", "city"}
    for path in sorted(folder.glob("*.txt")):
        for s in read_conll(path, tags=True):
            tags = [
                t if re.fullmatch(r"[BI]-[A-Z0-9-]+", t) and coarse(t[2:]) else "O" for t in s.tags
            ]
            items = []
            for sp in spans(tags):
                label = coarse(sp.label)
                if label == "MISC" and not misc:
                    continue
                if label == "LOC":
                    words = tuple(normalize(w) for w in s.tokens[sp.start : sp.end])
                    kinds = {k for rest, k in res.gazetteer.get(words[0], ()) if rest == words[1:]}
                    if kinds & places:
                        label = "GPE"
                if label:
                    items.append(Span(sp.start, sp.end, label))
            out.append(Sentence(s.tokens, bio(len(tags), items)))
    return out


_PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم", "كما", "ني"})


def attach_clitics(sent: Sentence, rng: random.Random, p: float) -> Sentence:
    """Re-attach split conjunctions (``و الصادرات`` → ``والصادرات``) and pronouns (``حكومة ه``
    → ``حكومته``) with probability ``p`` each: NewsFANE splits them, running text (and the
    tokens rasd makes) does not, so the tagger learns both."""
    toks, tags = list(sent.tokens), list(sent.tags)
    out_t: list[str] = []
    out_g: list[str] = []
    i = 0
    while i < len(toks):
        t, g = toks[i], tags[i]
        if t in ("و", "ف") and i + 1 < len(toks) and _arabic(toks[i + 1]) and rng.random() < p:
            nxt_tag = tags[i + 1]
            # و inside a name (B-) keeps the name's start; otherwise the word's tag wins.
            tag = g if g.startswith("B-") else nxt_tag
            if g == "O" and nxt_tag.startswith("I-"):
                tag = nxt_tag
            out_t.append(t + toks[i + 1])
            out_g.append(tag)
            i += 2
            continue
        if t in _PRONOUNS and out_t and _arabic(out_t[-1]) and rng.random() < p:
            prev = out_t[-1]
            # ة is written ت before a pronoun (حكومة + ه = حكومته).
            prev = prev[:-1] + "ت" if prev.endswith("ة") else prev
            out_t[-1] = prev + t
            i += 1
            continue
        out_t.append(t)
        out_g.append(g)
        i += 1
    return Sentence(out_t, out_g)


def _arabic(tok: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in tok)


# -- 2. gazetteers ------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles that open a PETRARCH actor entry before the name (``رئيس_شافيز_``).
_TITLES = _words(
    """
    رئيس امير ملك شيخ جنرال مقدم لواء عقيد عميد وزير سفير نائب قائد زعيم امين سيد دكتور
    رئيسه ملكه اميره مستشار سيناتور حاكم
    """
)
# Entries that start with one of these are organisations, places or roles, not people.
_NOT_PEOPLE = _words(
    """
    حركه مجلس حزب وزاره منظمه اتحاد جامعه بنك وكاله قوه قوات تنظيم جيش شرطه صحيفه قناه
    اذاعه محكمه هيئه مؤسسه شركه لجنه جبهه كتائب كتيبه جماعه رابطه نقابه مكتب مركز ديوان
    الديوان حكومه رئاسه قياده سلطه جمعيه مفوضيه برلمان غرفه سوق اقليم منطقه محافظه مدينه
    ولايه قطاع جزيره بحر نهر جبل شمال جنوب شرق غرب وسط دوله امه رعيه مواطن شعب
    """
)


def petrarch_people(path: Path) -> Iterator[str]:
    """Names of people in the Arabic PETRARCH actor dictionary: entries with dated roles
    (only people hold offices for a time) that do not start with an organisation word."""
    entry: str | None = None
    dated = False
    for line in [*path.read_text(encoding="utf-8").splitlines(), "END"]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(("\t", " [")) and entry is not None:
            dated = dated or bool(re.search(r"\d{8}|>", line))
            continue
        if entry is not None and dated:
            name = _person_name(entry)
            if name:
                yield name
        head = line.split()
        entry = head[0] if head else None
        dated = bool(re.search(r"\[\w+ [^\]]*(\d{8}|>)", line))


def _person_name(entry: str) -> str | None:
    words = [normalize(w) for w in entry.strip("_").split("_") if w]
    while words and words[0] in _TITLES:
        words = words[1:]
    if not 2 <= len(words) <= 4 or words[0] in _NOT_PEOPLE:
        return None
    if any(len(w) < 2 or not _arabic(w) for w in words if w not in ("بن", "بو", "ابو", "عبد")):
        return None
    return " ".join(words)


# Nisbas the rule (strip ال, drop final يا/ا/ية, add ي) cannot make, and regions that CAMEO
# codes as actors of their own.
NISBA_HAND = {
    "اميركي": "USA",
    "امريكي": "USA",
    "امركي": "USA",
    "بريطاني": "GBR",
    "انجليزي": "GBR",
    "انكليزي": "GBR",
    "اماراتي": "ARE",
    "سعودي": "SAU",
    "نمساوي": "AUT",
    "افغاني": "AFG",
    "اوزبكي": "UZB",
    "كازاخي": "KAZ",
    "طاجيكي": "TJK",
    "تركماني": "TKM",
    "قرغيزي": "KGZ",
    "كوري": "KOR",
    "بورمي": "MMR",
    "هولندي": "NLD",
    "تشيكي": "CZE",
    "مغربي": "MAR",
    "مقدوني": "MKD",
    "بوسني": "BIH",
    "فلسطيني": "PSE",
    "اسرائيلي": "ISR",
    "صربي": "SRB",
    "جيبوتي": "DJI",
    "فلبيني": "PHL",
    "سلفادوري": "SLV",
    "ارجنتيني": "ARG",
    "اكوادوري": "ECU",
    "ارتيري": "ERI",
    "اريتري": "ERI",
    "عربي": "region:ARB",
    "اوروبي": "region:EUR",
    "افريقي": "region:AFR",
    "اسيوي": "region:ASA",
    "غربي": "region:WST",
}
# Country nisbas that mostly mean something else: المالي is "financial", not Malian.
NISBA_EXCLUDE = frozenset({"مالي"})


def nisba_table(places: Path) -> dict[str, str]:
    """Masculine singular nisba (search form) → ISO3 code (``region:XXX`` for regions)."""
    table: dict[str, str] = {}
    for row in _read_places(places):
        if row["kind"] != "country":
            continue
        name = normalize(row["name"])
        if " " in name:
            continue
        base = name[2:] if name.startswith("ال") else name
        for end in ("يه", "يا", "ا"):
            if base.endswith(end) and len(base) > len(end) + 2:
                base = base[: -len(end)]
                break
        nisba = base if base.endswith("ي") else base + "ي"
        if nisba not in NISBA_EXCLUDE and len(nisba) > 3:
            table.setdefault(nisba, row["country"])
    for nisba, code in NISBA_HAND.items():
        table[nisba] = code
    return table


def _read_places(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader((x for x in fh if not x.startswith("#")), delimiter="\t"))


# International organisations and blocs as news writes them (hand-kept, part of rasd). The
# training data knows the frequent ones; the gazetteer feature carries what it learns from
# them to the rest (``مجموعة العشرين``, ``بريكس``).
ORGANISATIONS = """
الأمم المتحدة|مجلس الأمن|مجلس الأمن الدولي|الجمعية العامة|حلف شمال الأطلسي|الناتو|حلف الناتو
الاتحاد الأوروبي|المفوضية الأوروبية|البرلمان الأوروبي|الاتحاد الأفريقي|الاتحاد الإفريقي
جامعة الدول العربية|الجامعة العربية|مجلس التعاون الخليجي|مجلس التعاون لدول الخليج العربية
منظمة التعاون الإسلامي|منظمة المؤتمر الإسلامي|مجموعة العشرين|مجموعة السبع|مجموعة الثماني
مجموعة الدول السبع|بريكس|مجموعة بريكس|منظمة شنغهاي للتعاون|آسيان|رابطة دول جنوب شرق آسيا
أوبك|أوبك+|منظمة الدول المصدرة للنفط|صندوق النقد الدولي|البنك الدولي|منظمة التجارة العالمية
منظمة الصحة العالمية|الوكالة الدولية للطاقة الذرية|اليونسكو|اليونيسف|الصليب الأحمر
اللجنة الدولية للصليب الأحمر|الهلال الأحمر|المحكمة الجنائية الدولية|محكمة العدل الدولية
الإنتربول|مفوضية الأمم المتحدة لشؤون اللاجئين|برنامج الأغذية العالمي|الأونروا|منظمة العفو الدولية
هيومن رايتس ووتش|أطباء بلا حدود|الفيفا|الاتحاد الدولي لكرة القدم|اللجنة الأولمبية الدولية
منظمة الأمن والتعاون في أوروبا|مجلس حقوق الإنسان
"""


def gazetteer(kb: Path, train: Sequence[Sentence]) -> list[tuple[str, str]]:
    """(name, kind) rows: countries, cities and people, in search form.

    Single words that the training data shows to be mostly ordinary words (a GeoNames
    spelling that is also ``قال``) are dropped: a gazetteer feature that fires on common
    words teaches the tagger to ignore it."""
    rows: list[tuple[str, str]] = []
    big: set[str] = set()
    for name in ("places_ar.tsv", "places_extra.tsv"):
        for row in _read_places(DATA / name):
            kind = row["kind"]
            # Big cities are a kind of their own: ``مشهد`` is also "scene", but a city of
            # three million is worth a feature that says so.
            if kind == "city" and int(row["population"] or 0) >= 1_000_000:
                kind = "bigcity"
            rows.append((normalize(row["name"]), kind))
            if kind != "city":
                big.add(normalize(row["name"]))
    rows.extend((normalize(n), "org") for n in ORGANISATIONS.replace("\n", "|").split("|") if n)
    big.update(normalize(n) for n in ORGANISATIONS.replace("\n", "|").split("|") if n)
    actors = kb / "petrarch_ar" / "dictionaries" / "actor_dict_ar_v4.txt"
    rows.extend((name, "person") for name in petrarch_people(actors))
    # How often each word is part of a name in the training data.
    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for s in train:
        inside = {i for sp in spans(s.tags) for i in range(sp.start, sp.end)}
        for i, tok in enumerate(s.tokens):
            w = normalize(tok)
            seen[w] += 1
            named[w] += i in inside
    keep = []
    for name, kind in sorted(set(rows)):
        if (
            " " not in name
            and name not in big
            and seen[name] >= 3
            and named[name] < 0.2 * seen[name]
        ):
            continue
        if len(name) < 2:
            continue
        keep.append((name, kind))
    return keep


# -- 3. the CRF -----------------------------------------------------------------


def coarse_tags(tags: Sequence[str]) -> list[str]:
    return map_tags(tags)


def train_crf(
    sentences: Sequence[Sentence],
    featurizer: Featurizer,
    model: Path,
    *,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
) -> None:
    import pycrfsuite  # type: ignore[import-untyped, import-not-found, unused-ignore]

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(featurizer(s.tokens), s.tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            # Only transitions the data shows get weights (O → I-PER gets none).
            "feature.possible_transitions": False,
            "feature.minfreq": 1,
        }
    )
    trainer.train(str(model))
    # The weights beside it, so the tagger loads them without parsing crfsuite's dump.
    from rasd.entities.scorer import CRFWeights

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    CRFWeights.from_tagger(tagger).save(model)
    tagger.close()


def train_networks(
    model: Path, sentences: Sequence[Sentence], n: int, log: Callable[[str], None] | None = None
) -> None:
    """Train ``n`` networks (seeds ``NETWORK_SEED + k``) on ``sentences`` (coarse tags)
    into ``model``, over the clusters and vectors there; earlier network files go first.
    Words are put in search form, as the tagger hands them to the networks."""
    log = log or (lambda line: print(line, flush=True))
    for old in model.glob(NETWORK_GLOB):
        old.unlink()
    if not n:
        return
    from rasd.entities.network_train import train_network

    res = read_resources(model)
    digest = file_sha256(model / CLUSTERS_FILE)
    vectors = Vectors.load(model / VECTORS_FILE, list(res.clusters), digest)
    norm = Featurizer(res).norm
    searchable = [Sentence([norm(t) for t in s.tokens], s.tags) for s in sentences]
    for k in range(1, n + 1):
        log(f"training network {k} of {n} …")
        path = model / f"ner_net_{k}.npz"
        done = train_network(searchable, vectors, path, seed=NETWORK_SEED + k, log=log)
        log(f"  kept: held-out F1 {done['held_f1']}, {done['seconds']} s")


def write_vectors(
    path: Path, table: dict[str, tuple[int, ...]], vectors: np.ndarray, clusters: Path
) -> None:
    """The news vectors as float16, rows in the clusters file's (sorted) word order, with
    that file's SHA-256 so a tagger never pairs them with other clusters."""
    row = {w: i for i, w in enumerate(table)}  # build_clusters: rows follow the table
    ordered = vectors[[row[w] for w in sorted(table)]].astype(np.float16)
    np.savez_compressed(path, vectors=ordered, clusters_sha256=file_sha256(clusters))


def write_clusters(path: Path, table: dict[str, tuple[int, ...]], counts: Counter[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:  # mtime 0: same bytes on every rebuild
        lines = [
            f"{w}\t{counts[w]}\t" + "\t".join(str(c) for c in table[w]) + "\n"
            for w in sorted(table)
        ]
        raw.write("".join(lines).encode("utf-8"))


def train_fine(sentences: Sequence[Sentence], featurizer: Featurizer, model: Path) -> None:
    """The fine-class classifier: one-item sequences, one per gold span, so crfsuite
    trains a maximum-entropy model over :func:`rasd.entities.tagger.fine_features`."""
    import pycrfsuite  # type: ignore[import-untyped, import-not-found, unused-ignore]

    from rasd.entities.tagger import fine_features

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        for sp in spans(s.tags):
            kind = coarse(sp.label)
            if kind and sp.label in FINE_TO_TYPE:
                item = Span(sp.start, sp.end, kind)
                trainer.append([fine_features(featurizer, s.tokens, item)], [sp.label])
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 200})
    trainer.train(str(model))


def fine_accuracy(backend: Backend, gold: Sequence[Sentence]) -> float:
    """Of the gold spans found with the right bounds and type, how many get the right fine
    class."""
    right = total = 0
    pred = backend.tag([s.tokens for s in gold])
    for s, tags in zip(gold, pred, strict=True):
        found = {(sp.start, sp.end): sp.label for sp in spans(tags)}
        for sp in spans(s.tags):
            label = found.get((sp.start, sp.end))
            if label and coarse(label) == coarse(sp.label) and sp.label in FINE_TO_TYPE:
                total += 1
                right += label == sp.label
    return right / total if total else 0.0


def write_table(path: Path, header: str, rows: Iterable[tuple[str, str]]) -> None:
    path.write_text(header + "\n" + "".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=MODELS, help="where the model files go")
    parser.add_argument("--feature-set", default="full", choices=FEATURE_SETS)
    # 0 by default: tagging splits written-on conjunctions the way NewsFANE does
    # (features.conjunction_split), which scored better on dev than teaching the CRF both
    # spellings (0.671 against 0.652 F1 at 0.5, before propagation).
    parser.add_argument("--augment", type=float, default=0.0, help="clitic re-attachment rate")
    parser.add_argument("--aqmar", action="store_true", help="add AQMAR to the training data")
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument(
        "--reuse-clusters",
        action="store_true",
        help="keep the clusters and vectors in --out",
    )
    parser.add_argument(
        "--networks", type=int, default=NETWORKS, help="BiLSTM-CRFs that vote (0: the CRF alone)"
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(SEED)
    train = load_corpus(data / "ner" / "newsfane" / "train.tsv")
    dev = load_corpus(data / "ner" / "newsfane" / "dev.tsv")
    # 1. Word clusters.
    if not (
        args.reuse_clusters and (out / CLUSTERS_FILE).is_file() and (out / VECTORS_FILE).is_file()
    ):
        # In this order: the order of first occurrence breaks ties between equally
        # frequent words, and so decides where k-means starts.
        ant = [data / "news" / "ant" / name for name in ANT_FILES]
        if not all(p.is_file() for p in ant):
            raise SystemExit(f"the ANT corpus is missing under {data / 'news' / 'ant'}")
        print(f"clusters from {', '.join(p.name for p in ant)} …", flush=True)
        table, counts, news_vectors = build_clusters(news_sentences(ant), seed=CLUSTER_SEED)
        write_clusters(out / CLUSTERS_FILE, table, counts)
        write_vectors(out / VECTORS_FILE, table, news_vectors, out / CLUSTERS_FILE)
    # 2. Gazetteers.
    write_table(out / GAZETTEER_FILE, "name\tkind", gazetteer(data / "kb", train))
    write_table(
        out / NISBA_FILE, "nisba\tcode", sorted(nisba_table(DATA / "places_ar.tsv").items())
    )
    res = read_resources(out)
    featurizer = Featurizer(res, args.feature_set)
    # 3. The CRF over coarse tags.
    coarse_train = [
        attach_clitics(Sentence(s.tokens, coarse_tags(s.tags)), rng, args.augment) for s in train
    ]
    if args.aqmar:
        coarse_train += load_aqmar(data / "ner" / "aqmar", res)
    print(f"training the CRF on {len(coarse_train)} sentences …", flush=True)
    train_crf(
        coarse_train,
        featurizer,
        out / "ner_crf.crfsuite",
        c1=args.c1,
        c2=args.c2,
        iterations=args.iterations,
    )
    # 3b. The networks that vote with the CRF.
    train_networks(out, [Sentence(s.tokens, coarse_tags(s.tags)) for s in train], args.networks)
    # 4. The fine classifier (on the text as annotated: fine classes need no augmentation).
    train_fine(train, featurizer, out / "ner_fine.crfsuite")
    # 5. Scores on dev, recorded with the model.
    from rasd.entities.api import evaluate_conll
    from rasd.entities.tagger import CRFBackend

    meta = {
        "feature_set": args.feature_set,
        "seed": SEED,
        "training": {
            "newsfane_train_sentences": len(train),
            "aqmar": args.aqmar,
            "augment": args.augment,
            "c1": args.c1,
            "c2": args.c2,
            "iterations": args.iterations,
            "networks": args.networks,
        },
        "licence": "CC BY-SA 3.0 (derived from NewsFANE and, with --aqmar, AQMAR); see README.md",
    }
    (out / "ner_model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    # The way `rasd eval ner` scores: conjunctions split, documents of 32 sentences.
    backend = CRFBackend(out)
    scores = evaluate_conll(data / "ner" / "newsfane" / "dev.tsv", backend)
    p, r, f = scores.prf()
    meta["dev"] = {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "per_type_f1": {t: round(scores.prf(t)[2], 4) for t in scores.labels},
        "fine_accuracy": round(fine_accuracy(backend, dev), 4),
    }
    (out / "ner_model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(scores.table())
    print(f"fine class right on {meta['dev']['fine_accuracy']:.1%} of the spans found exactly")
    print(f"done in {time.perf_counter() - started:.0f}s; model files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
