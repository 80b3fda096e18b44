"""The "Übersicht" dashboard. Each domain contributes panels in ``AppConfig.ready()``.

A panel's ``context`` callable receives the reader and must scope everything
it returns by that reader; a panel shows only to holders of its permission.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template_name: str
    context: Callable
    permission: str | None = None
    order: int = 100


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def panels_for(user) -> list[dict]:
    """The panels ``user`` may see, in order, each with its rendered context."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.permission is not None and not user.has_perm(panel.permission):
            continue
        shown.append({"panel": panel, "context": panel.context(user)})
    return shown
