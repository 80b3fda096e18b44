"""Who may do what in the address book.

The address book is the AKS team's tool: the team and administrators use it,
everyone else has no section here. Within it, every object is further
limited by its visibility level (``can_read``), so the external team never
reaches administration-internal entries or notes.
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_team_or_admin
from gemeinwohl.core.visibility import clearance_for


@rules.predicate
def can_read(user, obj) -> bool:
    if obj is None:
        return True
    return obj.visibility <= clearance_for(user)


@rules.predicate
def is_not_archived(user, obj) -> bool:
    return obj is None or obj.archived_at is None


@rules.predicate
def is_archived(user, obj) -> bool:
    return obj is not None and obj.archived_at is not None


uses_directory = is_team_or_admin

rules.add_perm("directory.view_directory", uses_directory)
rules.add_perm("directory.view_person", uses_directory & can_read)
rules.add_perm("directory.add_person", uses_directory)
rules.add_perm("directory.change_person", uses_directory & can_read & is_not_archived)
rules.add_perm("directory.archive_person", uses_directory & can_read & is_not_archived)
rules.add_perm("directory.restore_person", uses_directory & can_read & is_archived)
rules.add_perm("directory.view_organisation", uses_directory & can_read)
rules.add_perm("directory.add_organisation", uses_directory)
rules.add_perm("directory.change_organisation", uses_directory & can_read & is_not_archived)
rules.add_perm("directory.archive_organisation", uses_directory & can_read & is_not_archived)
rules.add_perm("directory.restore_organisation", uses_directory & can_read & is_archived)
rules.add_perm("directory.add_note", uses_directory & can_read)
rules.add_perm("directory.add_consentrecord", uses_directory & can_read)
rules.add_perm("directory.import_entries", uses_directory)
rules.add_perm("directory.export_entries", uses_directory)

# Vocabulary administrators keep in Django's admin site. Consent texts are never
# changed or deleted there: a consent refers to the exact wording it was given to,
# so a new wording is a new version.
rules.add_perm("directory", is_admin)
rules.add_perm("directory.view_topic", is_admin)
rules.add_perm("directory.add_topic", is_admin)
rules.add_perm("directory.change_topic", is_admin)
rules.add_perm("directory.delete_topic", is_admin)
rules.add_perm("directory.view_consenttext", is_admin)
rules.add_perm("directory.add_consenttext", is_admin)
