"""Every change in land policy: one function each, one transaction, the permission checked.

One module per entity: ``properties``, ``preemption``, ``tenders``, ``leases``.
"""
