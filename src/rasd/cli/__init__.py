"""The ``rasd`` command line: thin wrappers over the library functions."""
