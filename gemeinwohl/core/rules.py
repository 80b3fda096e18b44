import rules

from gemeinwohl.accounts.rules import is_admin

rules.add_perm("core.change_page", is_admin)
rules.add_perm("core.view_page", is_admin)
rules.add_perm("core", is_admin)  # the app in Django's admin site
