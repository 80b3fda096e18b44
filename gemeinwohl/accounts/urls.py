from django.urls import path

from gemeinwohl.accounts import views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("passwort-aendern/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("zwei-faktor/bestaetigen/", views.SecondFactorVerifyView.as_view(), name="second_factor_verify"),
    path("zwei-faktor/einrichten/", views.SecondFactorSetupView.as_view(), name="second_factor_setup"),
    path("zwei-faktor/ausschalten/", views.SecondFactorSwitchOffView.as_view(), name="second_factor_switch_off"),
    path("zwei-faktor/codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("zwei-faktor/codes/erneuern/", views.RecoveryCodesRenewView.as_view(), name="recovery_codes_renew"),
]
