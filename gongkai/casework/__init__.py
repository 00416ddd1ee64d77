"""依申请公开 casework: applications, their event log, the derived reply clock and fees.

The pure parts (``lifecycle``, ``intake``, ``fees``, ``clock``) import no Django; the models
store events and the business actions in ``actions`` are the only code that appends them.
"""
