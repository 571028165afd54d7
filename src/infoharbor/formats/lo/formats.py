"""Lao date and number formats, after CLDR 47 (`lo`): day-month-year, 24-hour clock, "1.234,5"."""

DATE_FORMAT = "j F Y"  # 5 ມີນາ 2026
TIME_FORMAT = "G:i"  # 9:30
DATETIME_FORMAT = "j F Y, G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"  # 5/3/2026
SHORT_DATETIME_FORMAT = "j/n/Y G:i"
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
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
