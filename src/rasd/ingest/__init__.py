"""Readers: files, directories, globs, stdin and JSONL records into documents (or drops)."""

from rasd.ingest.decode import decode_bytes
from rasd.ingest.readers import read_inputs, read_jsonl, read_path

__all__ = ["decode_bytes", "read_inputs", "read_jsonl", "read_path"]
