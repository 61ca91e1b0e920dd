"""Dates and times: Jalali, Gregorian and Hijri dates, weekdays and relative expressions."""
from __future__ import annotations

import datetime as dt

import pytest

from khabar.document import Document
from khabar.knowledge.calendars import hijri_to_gregorian, jalali_to_gregorian
from khabar.knowledge.dates import TimeStage, parse_published

# Publication date of the table below: Wednesday 23 Farvardin 1402 = 12 April 2023.
PUBLISHED = "1402/01/23"


@pytest.fixture(scope="module")
def stage():
    return TimeStage()


@pytest.mark.parametrize(
    "text, expected",
    [
        # Jalali
        ("روز یکشنبه ۲۰ فروردین ۱۴۰۲ در تهران", [("روز یکشنبه ۲۰ فروردین ۱۴۰۲", "2023-04-09")]),
        ("این نشست ۱۴۰۲/۰۱/۲۰ برگزار شد", [("۱۴۰۲/۰۱/۲۰", "2023-04-09")]),
        ("در فروردین‌ماه ۱۴۰۲ آغاز شد", [("فروردین‌ماه ۱۴۰۲", "2023-03-21/2023-04-20")]),
        ("بیستم فروردین امسال", [("بیستم فروردین امسال", "2023-04-09")]),
        ("۱۲ مهر سال گذشته", [("۱۲ مهر سال گذشته", "2022-10-04")]),
        ("۲۰ فروردین‌ماه سال ۱۴۰۲", [("۲۰ فروردین‌ماه سال ۱۴۰۲", "2023-04-09")]),
        ("تا 16خرداد ماه ادامه دارد", [("16خرداد ماه", "2023-06-06")]),
        ("از ۲۰ تا ۲۵ فروردین ۱۴۰۲", [("۲۰ تا ۲۵ فروردین ۱۴۰۲", "2023-04-09/2023-04-14")]),
        ("حادثه‌ سال گذشته‌ پارک", [("سال گذشته", "2022-03-21/2023-03-20")]),
        ("دو شب پیش", [("دو شب پیش", "2023-04-10")]),
        ("روز 16 ژوئن سال جاری", [("16 ژوئن سال جاری", "2023-06-16")]),
        ("صبح امروز پنجشنبه", [("صبح امروز پنجشنبه", "2023-04-12")]),
        ("در سال 87 افزایش یافت", [("سال 87", "2008-03-20/2009-03-20")]),
        ("مورخ ۹۸/۱۰/۱۲ ابلاغ شد", [("۹۸/۱۰/۱۲", "2020-01-02")]),
        # Gregorian
        ("در ۹ آوریل ۲۰۲۳ امضا شد", [("۹ آوریل ۲۰۲۳", "2023-04-09")]),
        ("تاریخ 2023-04-09 ثبت شد", [("2023-04-09", "2023-04-09")]),
        ("حملات 11 سپتامبر 2001 آمریکا", [("11 سپتامبر 2001", "2001-09-11")]),
        ("در فوریه سال 2006 میلادی", [("فوریه سال 2006 میلادی", "2006-02-01/2006-02-28")]),
        # Hijri (tabular)
        ("مراسم ۱۸ رمضان ۱۴۴۴ برگزار شد", [("۱۸ رمضان ۱۴۴۴", "2023-04-09")]),
        ("اول محرم ۱۴۴۵", [("اول محرم ۱۴۴۵", "2023-07-19")]),
        # weekdays: the most recent such day on or before publication
        ("پنج شنبه در تهران", [("پنج شنبه", "2023-04-06")]),
        ("پنجشنبه گذشته", [("پنجشنبه گذشته", "2023-04-06")]),
        ("روز سه شنبه دیدار کردند", [("روز سه شنبه", "2023-04-11")]),
        ("روز چهارشنبه", [("روز چهارشنبه", "2023-04-12")]),
        ("سه‌شنبه هفته آینده", [("سه‌شنبه هفته آینده", "2023-04-18")]),
        ("شنبه هفته گذشته", [("شنبه هفته گذشته", "2023-04-01")]),
        # day words and parts of the day
        ("دیروز اعلام شد", [("دیروز", "2023-04-11")]),
        ("امروز", [("امروز", "2023-04-12")]),
        ("پریروز", [("پریروز", "2023-04-10")]),
        ("فردا برگزار می‌شود", [("فردا", "2023-04-13")]),
        ("صبح امروز", [("صبح امروز", "2023-04-12")]),
        ("عصر دیروز", [("عصر دیروز", "2023-04-11")]),
        ("پیش از ظهر امروز", [("پیش از ظهر امروز", "2023-04-12")]),
        ("این حادثه بامداد رخ داد", [("بامداد", "2023-04-12")]),
        ("شب گذشته دو دیدار انجام شد", [("شب گذشته", "2023-04-11")]),
        ("صبح روز گذشته", [("صبح روز گذشته", "2023-04-11")]),
        ("پس فردا", [("پس فردا", "2023-04-14")]),
        ("امروز صبح", [("امروز صبح", "2023-04-12")]),
        # periods
        ("هفته گذشته", [("هفته گذشته", "2023-04-01/2023-04-07")]),
        ("اواخر ماه جاری", [("اواخر ماه جاری", "2023-04-10/2023-04-20")]),
        ("اوایل سال 2006", [("اوایل سال 2006", "2006-01-01/2006-05-01")]),
        ("این هفته", [("این هفته", "2023-04-08/2023-04-14")]),
        ("ماه آینده", [("ماه آینده", "2023-04-21/2023-05-21")]),
        ("سال گذشته", [("سال گذشته", "2022-03-21/2023-03-20")]),
        ("۳ روز پیش", [("۳ روز پیش", "2023-04-09")]),
        ("در دو سال گذشته", [("دو سال گذشته", "2021-04-12/2023-04-12")]),
    ],
)
def test_dates_find_and_resolve(stage, text, expected):
    found = stage.find(text, parse_published(PUBLISHED))
    assert [(t.text, t.date) for t in found] == expected
    for t in found:
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize(
    "text",
    [
        "امام جمعه شهرستان گفت",       # Friday prayer leader, not a Friday
        "نماز جمعه این هفته",          # only «این هفته» is a time
        "مهر ۵ نفر",                   # seal, not the month
        "این موضوع مطرح می‌شود",
        "ساعت ۱۲ و ۵ دقیقه",
        "ماه مبارک رمضان",
    ],
)
def test_dates_ignore_non_dates(stage, text):
    found = [t.text for t in stage.find(text, parse_published(PUBLISHED))]
    assert all("جمعه" not in t and "مهر" not in t and "رمضان" not in t for t in found)
    assert found in ([], ["این هفته"])


@pytest.mark.parametrize("text", ["دیروز", "پنج شنبه", "هفته گذشته", "۲۰ فروردین"])
def test_dates_unresolvable_without_publication_date(stage, text):
    (found,) = stage.find(text, None)
    assert found.date is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1402/01/20", dt.date(2023, 4, 9)),
        ("۱۴۰۲/۰۱/۲۰", dt.date(2023, 4, 9)),
        ("2023-04-09", dt.date(2023, 4, 9)),
        ("2023-04-09T10:15:00+04:30", dt.date(2023, 4, 9)),
        ("فردا", None),
        (None, None),
    ],
)
def test_dates_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "hijri, gregorian",
    [((1444, 9, 18), dt.date(2023, 4, 9)), ((1445, 1, 1), dt.date(2023, 7, 19)), ((1, 1, 1), dt.date(622, 7, 19))],
)
def test_calendars_hijri_tabular(hijri, gregorian):
    assert hijri_to_gregorian(*hijri) == gregorian


def test_calendars_jalali_uses_jdatetime():
    assert jalali_to_gregorian(1402, 1, 1) == dt.date(2023, 3, 21)


def test_dates_stage_writes_doc_times(stage):
    doc = Document.from_text("دیدار دیروز در تهران", {"published": "۱۴۰۲/۰۱/۲۳"})
    doc = stage(doc)
    assert [(t.text, t.date, t.start, t.end) for t in doc.times] == [("دیروز", "2023-04-11", 6, 11)]
