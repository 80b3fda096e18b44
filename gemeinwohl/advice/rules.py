"""Who may do what with advice cases.

The team (both kinds of staff) works every case; Bezirksamt staff open and
comment on the cases shared with them; nobody else sees a case at all. The
requester reaches their own case only through the private status link, which
is a secret, not a permission (see ``selectors.case_for_status_token``).
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_bezirksamt, is_team_or_admin


@rules.predicate
def is_shared_with(user, case) -> bool:
    if case is None or not user.is_authenticated:
        return False
    return case.shares.filter(user=user).exists()


works_cases = is_team_or_admin

rules.add_perm("advice.view_case_list", works_cases | is_bezirksamt)
rules.add_perm("advice.view_case", works_cases | (is_bezirksamt & is_shared_with))
rules.add_perm("advice.change_case", works_cases)
rules.add_perm("advice.add_note", works_cases | (is_bezirksamt & is_shared_with))
rules.add_perm("advice.share_case", works_cases)
rules.add_perm("advice.renew_status_link", works_cases)
rules.add_perm("advice.export_requester_data", works_cases)
rules.add_perm("advice.view_inbox", works_cases)
rules.add_perm("advice.view_figures", works_cases | is_bezirksamt)
# Case types, their timelines and transitions, consent texts, the retention period: Django's admin site.
rules.add_perm("advice", is_admin)
for model in ("casetype", "timelinestep", "transition", "consenttext", "retentionpolicy"):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"advice.{verb}_{model}", is_admin)
