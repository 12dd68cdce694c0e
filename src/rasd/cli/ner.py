"""``rasd ner`` and ``rasd eval ner``: the entity tagger from the shell.

Both wrap plain functions of :mod:`rasd.entities` (``tag_conll``, ``find_mentions``,
``evaluate_conll``), so a script gets the same answers from Python.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from rasd.cli.output import dumps, emit_rows, output_options

NER_MODEL = click.option(
    "--ner-model",
    metavar="PATH",
    help="crf (default: the shipped CRF with the networks that vote with it), crf-only "
    "(the CRF alone: faster, less accurate), or a Hugging Face token-classification model "
    "directory (needs rasd[transformers]). Default: $RASD_NER_MODEL, else crf.",
)
MENTION_COLUMNS = ["doc", "start", "end", "type", "fine", "entity", "text"]


def _backend(ner_model: str | None) -> Any:
    from rasd.entities import get_backend

    return get_backend(ner_model)


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--conll",
    "conll",
    type=click.File("r", encoding="utf-8"),
    metavar="IN.tsv",
    help="Tag a token-per-line file (blank line between sentences, extra columns ignored) "
    "and print token<TAB>BIO tag; - reads standard input.",
)
@click.option("--fine", is_flag=True, help="With --conll: fine classes (B-Politician) in tags.")
@NER_MODEL
@output_options
def ner(
    paths: tuple[str, ...], conll: Any, fine: bool, ner_model: str | None, fmt: str | None
) -> None:
    """Named entities: PER, ORG, GPE, LOC, FAC, NORP (nisbas tied to their country), MISC.

    With --conll, tag given tokens. Otherwise PATHS are articles (files, directories,
    globs, JSONL records or - for standard input), analysed as by `rasd analyze`, and
    their mentions are listed with offsets into the clean text.
    """
    from rasd.entities import tag_conll

    if conll is not None:
        if paths:
            raise click.UsageError("give either --conll FILE or article PATHS, not both")
        tag_conll(conll, sys.stdout, _backend(ner_model), fine=fine)
        return
    if not paths:
        raise click.UsageError("give article PATHS or --conll FILE")
    from rasd.analyze import analyze_paths
    from rasd.cli.output import DropReport
    from rasd.entities import EntityStage

    stage = EntityStage(_backend(ner_model) if ner_model else None)
    report = DropReport()
    rows: list[dict[str, Any]] = []
    for doc in report.documents(analyze_paths(paths)):
        # The default pipeline may have found the mentions already; --ner-model names
        # another backend, which must run here.
        if ner_model or "mentions" not in doc.layers:
            stage.process(doc)
        name = doc.source.path or doc.source.id or doc.id[:19]
        rows.extend({"doc": name, **_mention(m)} for m in doc.mentions)
    emit_rows(rows, fmt or "table", MENTION_COLUMNS)
    report.summarise()
    sys.exit(1 if report.failed else 0)


def _mention(m: Any) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "type": m.type,
        "fine": m.fine,
        "entity": m.entity,
        "text": m.text,
    }


@click.group(name="eval")
def eval_group() -> None:
    """Score rasd against gold data."""


@eval_group.command(name="ner")
@click.argument("gold", type=click.File("r", encoding="utf-8"))
@NER_MODEL
@click.option(
    "--all-types",
    is_flag=True,
    help="Score every rasd type apart (GPE, LOC, FAC, NORP, MISC) instead of PER/ORG/LOC.",
)
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON.")
def eval_ner(gold: Any, ner_model: str | None, all_types: bool, as_json: bool) -> None:
    """Precision, recall and F1 per type on GOLD.tsv (token<TAB>BIO tag, blank line
    between sentences; NewsFANE fine classes, ANERcorp or AQMAR tags).

    Spans must match exactly. By default types are scored as PER, ORG and LOC, with
    GPE, LOC and FAC counted as LOC; the last row is the micro average.
    """
    from rasd.entities import evaluate_conll
    from rasd.entities.labels import EVAL_TYPES

    scores = evaluate_conll(gold, _backend(ner_model), types=None if all_types else EVAL_TYPES)
    if as_json:
        out = {}
        for label in [*scores.labels, None]:
            p, r, f = scores.prf(label)
            out[label or "micro"] = {"precision": p, "recall": r, "f1": f}
        click.echo(dumps(out, pretty=True))
    else:
        click.echo(scores.table())
