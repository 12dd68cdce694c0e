"""Rebuild the shipped entity tagger (``make model``); see :mod:`rasd.entities.train`.

.venv/bin/python scripts/train_ner.py [--data ../shared/data] [--out src/rasd/models]
"""

from __future__ import annotations

from rasd.entities.train import main

if __name__ == "__main__":
    raise SystemExit(main())
