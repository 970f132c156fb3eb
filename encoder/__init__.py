"""telegram-tei: diplomatic telegrams and FRUS pages as plain text -> TEI P5.

The stages, each its own module: ``reader`` (bytes -> text), ``parser`` (text -> model),
``tei`` (model -> TEI), ``validate`` (XSD 1.1 + Schematron), ``transform``/``pdf``
(TEI -> HTML and PDF editions), ``build`` (a whole batch), ``cli`` (the command line).
"""

__version__ = "0.1.0"
