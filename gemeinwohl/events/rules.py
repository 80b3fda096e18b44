"""Who may do what with events.

Anyone sees the events their clearance allows (``Event.objects.visible_to``)
and registers without an account. The AKS team plans events, defines
formats, sees and exports registrations, records attendance and writes the
documentation; registrants' details are the team's only. Bezirksamt staff
see the figures (counts, no names).
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_bezirksamt, is_team_or_admin

runs_events = is_team_or_admin

rules.add_perm("events.add_event", runs_events)
rules.add_perm("events.change_event", runs_events)
rules.add_perm("events.manage_formats", runs_events)
rules.add_perm("events.view_registrations", runs_events)
rules.add_perm("events.change_registration", runs_events)
rules.add_perm("events.document_event", runs_events)
rules.add_perm("events.view_figures", runs_events | is_bezirksamt)
# The retention period, and formats besides the team's own page: Django's admin site.
rules.add_perm("events", is_admin)
for model in ("eventformat", "eventretentionpolicy"):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"events.{verb}_{model}", is_admin)
