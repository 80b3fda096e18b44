"""Invitation mails with their .ics (to be built)."""


def member_addresses(committee):
    """(person, e-mail) of every current member who can be reached by mail."""
    raise NotImplementedError


def send_meeting_mail(*, meeting_id: int, kind: str) -> None:
    raise NotImplementedError
