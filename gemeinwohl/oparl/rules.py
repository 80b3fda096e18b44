import rules

from gemeinwohl.accounts.rules import is_admin

rules.add_perm("oparl", is_admin)  # the app in Django's admin site
rules.add_perm("oparl.view_legislativeterm", is_admin)
rules.add_perm("oparl.add_legislativeterm", is_admin)
rules.add_perm("oparl.change_legislativeterm", is_admin)
rules.add_perm("oparl.delete_legislativeterm", is_admin)
