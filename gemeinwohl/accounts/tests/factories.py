import factory

from gemeinwohl.accounts.actions import user_create, user_set_role
from gemeinwohl.accounts.models import Role, User

TEST_PASSWORD = "ein-testpasswort-42"


class UserFactory(factory.django.DjangoModelFactory):
    """Accounts made the way the platform makes them: through ``user_create``."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"konto{n}@test.example")
    name = factory.Faker("name", locale="de_DE")
    role = Role.REGISTERED
    password = TEST_PASSWORD
    is_active = True

    @classmethod
    def _create(cls, model_class, *, email, name, role, password, is_active):
        user = user_create(email=email, name=name, role=role, password=password)
        if not is_active:
            admin = User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk).first() or user_create(
                email=f"admin-{email}", name="Admin", role=Role.ADMIN
            )
            user_set_role(user=user, role=role, is_active=False, by=admin)
        return user
