"""The law as data: report formats, outcome codes, applicant kinds, time limits.

Plain Python, no Django. Every statutory label is written once, in this package;
templates, writers, readers and checks read it from here.
"""

from gongkai.statute.formats import FORMATS, ReportFormat, UnknownFormatError, format_for_year, get_format

__all__ = ["FORMATS", "ReportFormat", "UnknownFormatError", "format_for_year", "get_format"]
