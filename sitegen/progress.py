"""What a build tells about its progress as it goes: :class:`Progress` (silent), which the
command line replaces with one that draws a bar."""

from __future__ import annotations


class Progress:
    """What a build tells about its progress (the command line draws a bar; this one is silent).

    ``stage(name, total)`` starts a stage of ``total`` items (``"load"``, ``"render"``),
    ``advance(n)`` reports ``n`` more done, ``done()`` ends the stage.
    """

    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def done(self) -> None:
        pass
