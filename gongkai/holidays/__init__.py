"""The statutory calendar in the database (节假日安排): one row per year's State Council notice.

``gongkai.workdays`` does the arithmetic on ``YearCalendar`` values; this app stores those
years, seeds 2019–2026 from chinesecalendar, loads further years from notice files (command
and admin page), and tells the rest of the system when a year changes (``signals.year_loaded``).
"""
