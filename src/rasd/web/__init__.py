"""The analyst's web UI: Jinja2 templates rendered on the server, right-to-left Arabic
first, every page with a JSON twin (see :mod:`rasd.web.pages`)."""
