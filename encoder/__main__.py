"""``python -m encoder`` runs the ``telegram-tei`` command line."""

from .cli import main

main(prog_name="telegram-tei")
