"""Role predicates every app composes its permissions from, and the accounts' own."""

import rules

from gemeinwohl.accounts.models import Role


@rules.predicate
def is_admin(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


@rules.predicate
def is_team_internal(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.TEAM_INTERNAL


@rules.predicate
def is_team_external(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.TEAM_EXTERNAL


@rules.predicate
def is_bezirksamt(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.BEZIRKSAMT


is_team = is_team_internal | is_team_external
is_team_or_admin = is_team | is_admin
is_signed_in = rules.is_authenticated & rules.is_active

rules.add_perm("accounts.view_team", is_team_or_admin | is_bezirksamt)
rules.add_perm("accounts.add_user", is_admin)
rules.add_perm("accounts.change_user", is_admin)
rules.add_perm("accounts.view_user", is_admin)
rules.add_perm("accounts.unlock_user", is_admin)

# Django's admin site (for administrators): the app itself and the account model.
rules.add_perm("accounts", is_admin)

# django-axes' records of failed logins in the admin site: administrators read them and delete
# them to unlock an address (an account: "Entsperren" on the account).
rules.add_perm("axes", is_admin)
rules.add_perm("axes.view_accessattempt", is_admin)
rules.add_perm("axes.delete_accessattempt", is_admin)
rules.add_perm("axes.view_accessfailurelog", is_admin)
rules.add_perm("axes.view_accesslog", is_admin)
rules.add_perm("accounts.reset_second_factor", is_admin)
