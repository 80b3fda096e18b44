"""Who may do what with places.

Everyone sees the places their clearance allows (``Place.objects.visible_to``),
proposes a place without an account, and sees the map. The AKS team records
and changes places, reviews proposals, and sees places still under review.
Criteria and areas are kept by administrators.
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_team_or_admin

rules.add_perm("places.add_place", is_team_or_admin)
rules.add_perm("places.change_place", is_team_or_admin)
rules.add_perm("places.review_place", is_team_or_admin)
rules.add_perm("places", is_admin)
for model in ("criterion", "area"):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"places.{verb}_{model}", is_admin)
