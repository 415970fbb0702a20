"""Where the packaged default theme lives.

An installed wheel carries the repository's top-level ``templates/`` and
``static/`` as ``sitegen/theme/…`` (see pyproject.toml); in a source checkout
(or an editable install) they are read from the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def theme_dir(name: str) -> Path:
    """The packaged theme's ``templates`` or ``static`` folder."""
    installed = _PACKAGE / "theme" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
