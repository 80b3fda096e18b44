"""Who may do what with committees.

The AKS team runs the committees: it creates meetings, agendas, invitations,
minutes, decisions and tasks, each only where it can read (the external team
never touches the administration-internal Regelrunde). Members read what
their committee's members' part shows; an assignee marks their own task done.
"""

import rules

from gemeinwohl.accounts.rules import is_admin, is_team_or_admin
from gemeinwohl.committees.visibility import clearance_in
from gemeinwohl.core.visibility import Visibility


def committee_id_of(obj) -> int | None:
    """The committee an object belongs to, for committees, meetings, items, documents, decisions, tasks."""
    for path in ("committee_id", "meeting.committee_id", "agenda_item.meeting.committee_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return obj.pk if obj.__class__.__name__ == "Committee" else None


@rules.predicate
def can_read(user, obj) -> bool:
    if obj is None:
        return True
    return obj.visibility <= clearance_in(user, committee_id_of(obj))


@rules.predicate
def reads_members_part(user, obj) -> bool:
    if obj is None:
        return False
    return clearance_in(user, committee_id_of(obj)) >= Visibility.MEMBERS


@rules.predicate
def is_assignee(user, task) -> bool:
    return (
        task is not None
        and task.assignee_id is not None
        and user.is_authenticated
        and task.assignee.account_id == user.pk
    )


runs_committees = is_team_or_admin

rules.add_perm("committees.view_committee", can_read)
rules.add_perm("committees.add_committee", runs_committees)
rules.add_perm("committees.change_committee", runs_committees & can_read)
rules.add_perm("committees.manage_members", runs_committees & can_read)
rules.add_perm("committees.view_parity", can_read & reads_members_part)
rules.add_perm("committees.view_meeting", can_read)
rules.add_perm("committees.add_meeting", runs_committees & can_read)
rules.add_perm("committees.change_meeting", runs_committees & can_read)
rules.add_perm("committees.invite_meeting", runs_committees & can_read)
rules.add_perm("committees.cancel_meeting", runs_committees & can_read)
rules.add_perm("committees.change_agenda", runs_committees & can_read)
rules.add_perm("committees.add_document", runs_committees & can_read)
rules.add_perm("committees.view_document", can_read)
rules.add_perm("committees.record_attendance", runs_committees & can_read)
rules.add_perm("committees.view_attendance", can_read & reads_members_part)
rules.add_perm("committees.edit_minutes", runs_committees & can_read)
rules.add_perm("committees.approve_minutes", runs_committees & can_read)
rules.add_perm("committees.add_decision", runs_committees & can_read)
rules.add_perm("committees.add_task", runs_committees & can_read)
rules.add_perm("committees.change_task", can_read & (runs_committees | is_assignee))
rules.add_perm("committees", is_admin)  # the app in Django's admin site
