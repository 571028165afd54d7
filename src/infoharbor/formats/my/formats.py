"""Burmese date and number formats, after CLDR 47 (`my`): year-month-day in words, 24-hour clock.

CLDR's default digits for Burmese are Myanmar digits (၀-၉); Django formats numbers with Latin
digits only, which Burmese readers also use in official documents.
"""

DATE_FORMAT = "Y F j"  # 2026 မတ် 5
TIME_FORMAT = "G:i"  # 9:30
DATETIME_FORMAT = "Y F j G:i"
YEAR_MONTH_FORMAT = "Y F"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "j/n/y"  # 5/3/26
SHORT_DATETIME_FORMAT = "j/n/y G:i"
FIRST_DAY_OF_WEEK = 0  # Sunday

# strptime formats: month names would be parsed in English, so only numeric forms (Django adds
# ISO 8601 itself).
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 05/03/2026
    "%d/%m/%y",  # 05/03/26
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%H:%M",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
