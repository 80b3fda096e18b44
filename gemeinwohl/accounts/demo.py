"""Demo accounts: one per role, plus the rest of the AKS team. Demo only."""

from django.conf import settings

from gemeinwohl.accounts.actions import second_factor_enrol, user_create
from gemeinwohl.accounts.models import Role, User

# (e-mail, name, role); the first account of each role is the one the README lists.
ACCOUNTS = [
    ("admin@gemeinwohl.example", "Ada Admin", Role.ADMIN),
    ("intern@gemeinwohl.example", "Jana Brandt", Role.TEAM_INTERNAL),
    ("murat.yildiz@gemeinwohl.example", "Murat Yıldız", Role.TEAM_INTERNAL),
    ("extern@gemeinwohl.example", "Lea Hoffmann", Role.TEAM_EXTERNAL),
    ("tobias.krueger@gemeinwohl.example", "Tobias Krüger", Role.TEAM_EXTERNAL),
    ("samira.haddad@gemeinwohl.example", "Samira Haddad", Role.TEAM_EXTERNAL),
    ("bezirksamt@gemeinwohl.example", "Dr. Friedrich Lenz", Role.BEZIRKSAMT),
    ("petra.schulze@gemeinwohl.example", "Petra Schulze", Role.BEZIRKSAMT),
    ("initiative@gemeinwohl.example", "Kim Nowak", Role.REGISTERED),
]


def load() -> dict[str, User]:
    """Create the demo accounts that do not exist yet; return all of them by e-mail.

    The accounts created here whose role requires a second factor get the one
    documented demo secret (``DEMO_TOTP_SECRET``), so that anyone trying the
    demo computes their codes. Accounts that existed before are left alone:
    a publicly known secret must never land on a real account.
    """
    accounts = {}
    for email, name, role in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_create(email=email, name=name, role=role, password=settings.DEMO_PASSWORD)
            if user.role_requires_second_factor:
                second_factor_enrol(user=user, secret=settings.DEMO_TOTP_SECRET)
        accounts[email] = user
    return accounts
