"""The last seat under real concurrency: registrations arriving at the same moment never overbook an event.

Each registration runs in its own thread with its own database connection and
its own transaction, all released at once by a barrier. Only PostgreSQL has the
row locks this is about; SQLite serialises every write anyway.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gemeinwohl.events import actions, mails
from gemeinwohl.events.actions import RegistrationInput
from gemeinwohl.events.models import Registration, RegistrationStatus
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = [
    # Serialized rollback: the flush after each test would take the formats the migrations seeded.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: concurrent transactions and row locks (SELECT … FOR UPDATE); "
        "SQLite serialises all writes, so the test would prove nothing there",
    ),
]


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    """The mails are not written yet; here they really run after each commit."""
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


def register_at_once(event, people: list[RegistrationInput]) -> tuple[list[Registration], list[ValidationError]]:
    """Register ``people`` in as many threads, each on its own connection, released together by a barrier."""
    barrier = threading.Barrier(len(people))
    done, refused, failed = [], [], []
    lock = threading.Lock()

    def run(data):
        try:
            barrier.wait(timeout=10)
            registration = actions.registration_register(event=event, data=data)
            with lock:
                done.append(registration)
        except ValidationError as error:
            with lock:
                refused.append(error)
        except Exception as error:  # reported below, whatever it was
            with lock:
                failed.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(data,)) for data in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failed, failed
    assert not any(thread.is_alive() for thread in threads)
    return done, refused


def person(number: int) -> RegistrationInput:
    return RegistrationInput(name=f"Person {number}", email=f"person{number}@example.org")


def confirmed(event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def test_two_people_for_the_last_seat_one_gets_it_the_other_waits():
    # given an event with three places, two taken
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)

    # when two people register at the same moment
    done, refused = register_at_once(event, [person(1), person(2)])

    # then exactly one has the last place and the other is on the waitlist
    assert not refused
    assert sorted(registration.status for registration in done) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]
    assert confirmed(event) == 3


@pytest.mark.parametrize("capacity, crowd", [(1, 8), (5, 20)])
def test_a_crowd_at_once_never_overbooks(capacity, crowd):
    # given an empty event with few places
    event = EventFactory(capacity=capacity)

    # when a crowd registers at the same moment
    done, refused = register_at_once(event, [person(number) for number in range(crowd)])

    # then every place is taken exactly once and everyone else waits, in the order they were served
    assert not refused and len(done) == crowd
    assert confirmed(event) == capacity
    assert Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count() == crowd - capacity


def test_without_a_waitlist_the_others_are_told_it_is_full():
    event = EventFactory(capacity=2, waitlist_enabled=False)

    done, refused = register_at_once(event, [person(number) for number in range(6)])

    assert len(done) == 2 and confirmed(event) == 2
    assert len(refused) == 4
    assert all("ausgebucht" in " ".join(error.messages) for error in refused)


def test_the_same_address_twice_at_once_gives_one_registration():
    # given an event with places free
    event = EventFactory(capacity=10)

    # when the same address is sent four times at the same moment (a double click, two tabs)
    same = RegistrationInput(name="Alex Doppelt", email="Alex.Doppelt@example.org")
    done, refused = register_at_once(event, [same] * 4)

    # then there is one registration, and the others are told that it already exists
    assert len(done) == 1
    assert Registration.objects.filter(event=event).count() == 1
    assert Registration.objects.get(event=event).email == "alex.doppelt@example.org"
    assert len(refused) == 3
    assert all("schon eine Anmeldung" in error.message_dict["email"][0] for error in refused)
