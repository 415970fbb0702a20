"""sitegen: a static site generator for Arabic (right-to-left) news publishers.

A build is a straight line, see :func:`sitegen.pipeline.build`:
load → collect → plan → render → write.
"""

__version__ = "0.1.0"
