"""Dates and times: candidates from the pattern, calendar ranges checked here."""

from __future__ import annotations

from dataclasses import dataclass

from .check import Check, rejected


def _numbers(value: str) -> list[str]:
    runs: list[str] = []
    current = ""
    for ch in value:
        if ch.isdigit():
            current += ch
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def _time_ok(value: str) -> bool:
    idx = value.find(":")
    if idx < 0:
        return True
    head = value[:idx].rsplit(" ", 1)[-1].rsplit("T", 1)[-1]
    tail = value[idx + 1 : idx + 3]
    return head.isdigit() and tail.isdigit() and int(head) <= 23 and int(tail) <= 59


@dataclass(frozen=True, slots=True)
class DateValidator:
    """Year 1900–2199, month 1–12, day 1–31, hour ≤ 23, minute ≤ 59."""

    name: str = "date"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        # "1.2.2020.5" or "v3.04.2021" are versions, not dates.
        if start > 0 and text[start - 1] in "./-" and value[:1].isdigit():
            return rejected("date: part of a longer dotted number")
        if end + 1 < len(text) and text[end] in "./-" and text[end + 1].isdigit():
            return rejected("date: part of a longer dotted number")
        nums = _numbers(value)
        if not nums:
            return rejected("date: no numbers")
        if not _time_ok(value):
            return rejected("date: impossible time")
        first = nums[0]
        numeric = value[:1].isdigit() and len(nums) >= 3 and value[len(first)] in "-/."
        if numeric:
            if len(first) == 4:
                year, month, day = int(first), int(nums[1]), int(nums[2])
            else:
                a, b, year = int(first), int(nums[1]), int(nums[2])
                if len(nums[2]) == 2:
                    year += 2000
                # Either month/day or day/month order must be possible.
                if not ((1 <= a <= 12 and 1 <= b <= 31) or (1 <= a <= 31 and 1 <= b <= 12)):
                    return rejected("date: day or month out of range")
                month, day = (a, b) if a <= 12 else (b, a)
            if not (1900 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= 31):
                return rejected("date: out of calendar range")
            return Check(True, "date: numeric calendar date")
        # Textual month: the first number is the day unless it is a 4-digit year.
        if len(first) <= 2 and not 1 <= int(first) <= 31:
            return rejected("date: day out of range")
        years = [n for n in nums if len(n) == 4]
        if years and not 1900 <= int(years[0]) <= 2199:
            return rejected("date: year out of range")
        return Check(True, "date: month name and day")
