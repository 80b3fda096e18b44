"""Who may do what in land policy.

- Properties, concept tenders and heritable building rights: the AKS team,
  administrators and Bezirksamt staff work them, each reading what their
  clearance allows (``visible_to``). Jurors reach the tenders they sit on.
- Pre-emption cases are administration-internal by default: administrators,
  administration-internal team members and the Bezirksamt staff responsible for
  a case work them. A case opened to the team is read by the external team
  too, but seller, buyer, price and documents stay with administration staff
  (``PreEmptionCase.reader_sees_parties``). Nobody else sees a case at all.
- The yearly counts by outcome are public once the team publishes a year.
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_bezirksamt, is_team_internal, is_team_or_admin


@rules.predicate
def is_responsible(user, case) -> bool:
    if case is None or not user.is_authenticated:
        return False
    return case.responsibilities.filter(user=user).exists()


@rules.predicate
def is_juror(user, tender) -> bool:
    if tender is None or not user.is_authenticated:
        return False
    return tender.jurors.filter(user=user).exists()


works_land = is_team_or_admin | is_bezirksamt
keeps_cases = is_admin | is_team_internal

# Properties
rules.add_perm("landpolicy.view_property", works_land)
rules.add_perm("landpolicy.add_property", works_land)
rules.add_perm("landpolicy.change_property", works_land)

# Pre-emption cases (the object is a case the reader already may see: views fetch through visible_to)
rules.add_perm("landpolicy.view_preemptioncase", works_land)
rules.add_perm("landpolicy.add_preemptioncase", keeps_cases | is_bezirksamt)
rules.add_perm("landpolicy.change_preemptioncase", keeps_cases | (is_bezirksamt & is_responsible))
rules.add_perm("landpolicy.view_agreement_register", works_land)
rules.add_perm("landpolicy.publish_figures", keeps_cases)

# Concept tenders
rules.add_perm("landpolicy.view_tender", works_land | is_juror)
rules.add_perm("landpolicy.add_tender", works_land)
rules.add_perm("landpolicy.change_tender", works_land)
rules.add_perm("landpolicy.score_tender", is_juror)

# Heritable building rights
rules.add_perm("landpolicy.view_groundlease", works_land)
rules.add_perm("landpolicy.add_groundlease", works_land)
rules.add_perm("landpolicy.change_groundlease", works_land)

# Django's admin site: the obligations catalogue and the reminder lead times.
rules.add_perm("landpolicy", is_admin)
for model in ("obligation", "reminderpolicy"):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"landpolicy.{verb}_{model}", is_admin)
