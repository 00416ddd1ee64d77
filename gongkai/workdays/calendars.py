"""The default calendar: the seeded years, then any notice files in ``data/``.

A notice file for a seeded year replaces the package's data for that year: the file is
the notice itself, the package a copy of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gongkai.workdays.model import Calendar, YearCalendar
from gongkai.workdays.seed import seed_years
from gongkai.workdays.yearfile import YEAR_FILE_SUFFIXES, load_year_file

DATA_DIR = Path(__file__).with_name("data")


def year_files(directory: Path = DATA_DIR) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in YEAR_FILE_SUFFIXES)


def load_years(extra_files: Iterable[str | Path] = (), directory: Path = DATA_DIR) -> dict[int, YearCalendar]:
    years = seed_years()
    for path in [*year_files(directory), *extra_files]:
        yc = load_year_file(path)
        years[yc.year] = yc
    return years


def default_calendar(count_start_day: bool = False, extra_files: Iterable[str | Path] = ()) -> Calendar:
    return Calendar(load_years(extra_files), count_start_day=count_start_day)
