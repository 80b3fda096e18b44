from django.db import transaction

from gemeinwohl.core.models import Page
from gemeinwohl.core.permissions import require_perm


@transaction.atomic
def page_update(*, page: Page, by, title: str, body: str, title_en: str = "", body_en: str = "") -> Page:
    """Replace a page's texts. Only administrators may; nothing changes otherwise."""
    require_perm(by, "core.change_page", page)
    page.title, page.body, page.title_en, page.body_en = title, body, title_en, body_en
    page.full_clean()
    page.save(update_fields=["title", "body", "title_en", "body_en", "updated_at"])
    return page
