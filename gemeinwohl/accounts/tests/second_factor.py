"""Test helpers for two-factor login: the code an authenticator app would show now."""

import time

from django_otp.oath import TOTP


def totp_code(device) -> str:
    """The code ``device`` accepts next, as the person's app computes it.

    Each code is accepted once: when the current one was used already (two
    logins within 30 seconds), this is the next one, which the device accepts
    too (it tolerates one step of clock difference).
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    totp.drift += max(0, device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"
