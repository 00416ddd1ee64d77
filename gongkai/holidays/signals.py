"""``year_loaded``: a year's holidays were loaded or replaced, and the change is committed.

Contract for receivers (casework connects one to recompute the due dates of open cases):

- sent once per ``actions.do_load_year`` call, **after the transaction commits**
  (``transaction.on_commit``); never when it rolls back, and not for the seed years that
  ``migrate`` fills in (there are no cases yet then);
- ``sender`` is ``HolidayYear``; keyword arguments: ``year`` (int), ``holiday_year`` (the
  saved ``HolidayYear``), ``replaced`` (bool: an existing year's data was replaced) and
  ``user`` (who loaded it, or ``None`` for the command line);
- ``services.current_calendar()`` already returns the new calendar when receivers run;
- receivers should be idempotent (a reload of the same file sends the signal again) and
  should hand long work to a background task;
- the signal is sent with ``send_robust``: a failing receiver is logged (logger
  ``gongkai.holidays``) and does not undo or hide the load, which is already committed.
"""

from __future__ import annotations

from django.dispatch import Signal

year_loaded = Signal()
