"""Filipino date and number formats, after CLDR 47 (`fil`): month-day-year, 12-hour clock."""

DATE_FORMAT = "F j, Y"  # Marso 5, 2026
TIME_FORMAT = "g:i A"  # 9:30 AM
DATETIME_FORMAT = "F j, Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "n/j/y"  # 3/5/26
SHORT_DATETIME_FORMAT = "n/j/y, g:i A"
FIRST_DAY_OF_WEEK = 0  # Sunday

# strptime formats: month names would be parsed in English, so only numeric forms (Django adds
# ISO 8601 itself). The Philippines writes month first, as in CLDR.
DATE_INPUT_FORMATS = [
    "%m/%d/%Y",  # 03/05/2026
    "%m/%d/%y",  # 03/05/26
]
TIME_INPUT_FORMATS = [
    "%I:%M %p",  # 09:30 PM
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%H:%M",
]
DATETIME_INPUT_FORMATS = [
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S.%f",
    "%m/%d/%Y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
