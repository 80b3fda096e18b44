"""Mails to registrants, in the language they registered in (to be built).

They run after the action's transaction committed and load the registration
afresh; each carries the private link to the registration (``tokens``).
"""


def send_registration_received(*, registration_id: int) -> None:
    raise NotImplementedError


def send_moved_up(*, registration_id: int) -> None:
    raise NotImplementedError


def send_cancellation_confirmed(*, registration_id: int) -> None:
    raise NotImplementedError


def send_event_changed(*, event_id: int) -> None:
    raise NotImplementedError


def send_event_cancelled(*, event_id: int) -> None:
    raise NotImplementedError
