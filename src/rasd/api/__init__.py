"""The REST API and the application that serves it with the web UI (``rasd serve``).

>>> from rasd.api import create_app
>>> app = create_app("rasd.db", token=None)  # doctest: +SKIP
"""

from rasd.api.app import create_app

__all__ = ["create_app"]
