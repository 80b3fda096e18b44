"""The main navigation. Each app adds its entries in ``AppConfig.ready()``.

An entry shows only to readers who hold its permission (``None``: everyone),
so a role sees exactly the sections it can use.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100
    login_required: bool = False

    def shown_to(self, user) -> bool:
        if self.login_required and not user.is_authenticated:
            return False
        return self.permission is None or user.has_perm(self.permission)


_entries: dict[str, NavEntry] = {}


def register(entry: NavEntry) -> None:
    _entries[entry.key] = entry


def entries_for(user, current_path: str) -> list[dict]:
    """The entries ``user`` may use, in order, the one closest to ``current_path`` marked current."""
    result = []
    for entry in sorted(_entries.values(), key=lambda e: (e.order, e.key)):
        if not entry.shown_to(user):
            continue
        url = reverse(entry.url_name)
        matches = current_path == url if url == "/" else current_path.startswith(url)
        result.append({"key": entry.key, "label": entry.label, "url": url, "current": False, "matches": matches})
    # Where one entry's address lies within another's, the closer (longer) one is the current page.
    matching = [item for item in result if item.pop("matches")]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return result
