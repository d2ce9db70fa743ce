"""Reading the registration date a citizen types, in the forms people actually use."""

import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.datafiles import DataError
from bot.dates import DateProblem, calendar_words, find_date, format_date, looks_like_a_date, parse_user_date
from bot.i18n import default_i18n

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("26.11.2026", date(2026, 11, 26)),
        ("03.11.2026 г.", date(2026, 11, 3)),
        ("3.11.26", date(2026, 11, 3)),
        ("26/11/2026", date(2026, 11, 26)),
        ("26-11-2026", date(2026, 11, 26)),
        ("2026-11-26", date(2026, 11, 26)),
        ("2026.11.02", date(2026, 11, 2)),
        (" 20.11 ", date(2026, 11, 20)),
        ("26 ноября", date(2026, 11, 26)),
        ("26 ноября 2026", date(2026, 11, 26)),
        ("26 ноября 2026 года", date(2026, 11, 26)),
        ("1 Март 2026", date(2026, 3, 1)),
        ("9 мая", date(2026, 5, 9)),
        ("5 май", date(2026, 5, 5)),
        ("26 қараша", date(2026, 11, 26)),
        ("26 қарашада", date(2026, 11, 26)),
        ("2026 жылғы 2 қараша", date(2026, 11, 2)),
        ("21 наурыз 2026", date(2026, 3, 21)),
        ("7 мамыр", date(2026, 5, 7)),
        ("6 маусым", date(2026, 6, 6)),
        ("12 каза", date(2026, 10, 12)),  # қазан typed without the Kazakh keyboard
        ("сегодня", TODAY),
        ("Вчера", date(2026, 11, 25)),
        ("бүгін", TODAY),
        ("кеше", date(2026, 11, 25)),
        ("29 февраля 2024", date(2024, 2, 29)),
        # ordinal endings and the Kazakh genitive: how people write a date in a sentence
        ("5-го марта", date(2026, 3, 5)),
        ("наурыздың 5-і", date(2026, 3, 5)),
        ("5-ші наурыз", date(2026, 3, 5)),
        ("5 наурыз күні", date(2026, 3, 5)),
        ("қарашаның 20-сы", date(2026, 11, 20)),
        # relative days
        ("позавчера", date(2026, 11, 24)),
        ("алдыңғы күні", date(2026, 11, 24)),
        ("3 дня назад", date(2026, 11, 23)),
        ("10 дней назад", date(2026, 11, 16)),
        ("1 день назад", date(2026, 11, 25)),
        ("3 күн бұрын", date(2026, 11, 23)),
        ("месяц назад", date(2026, 10, 26)),
        ("бір ай бұрын", date(2026, 10, 26)),
        ("2 месяца назад", date(2026, 9, 26)),
        # a weekday of last week (today is a Thursday): not yesterday's Wednesday
        ("в прошлую среду", date(2026, 11, 18)),
        ("прошлый понедельник", date(2026, 11, 16)),
        ("өткен жұмада", date(2026, 11, 20)),
        # a day of the month with no month named: the latest such day not ahead, or of the month said
        ("5-го числа", date(2026, 11, 5)),
        ("28 числа", date(2026, 10, 28)),
        ("31 числа", date(2026, 10, 31)),
        ("пятого числа", date(2026, 11, 5)),
        ("5 числа прошлого месяца", date(2026, 10, 5)),
        ("айдың 3-і", date(2026, 11, 3)),
        ("өткен айдың 3-інде", date(2026, 10, 3)),
        ("осы айдың бесінде", date(2026, 11, 5)),
    ],
)
def test_reads_the_usual_forms(typed: str, expected: date) -> None:
    assert parse_user_date(typed, TODAY) == expected


def test_missing_year_means_the_latest_such_day_that_is_not_ahead() -> None:
    assert parse_user_date("20.12", TODAY) == date(2025, 12, 20)
    assert parse_user_date("31 декабря", date(2027, 1, 5)) == date(2026, 12, 31)
    assert parse_user_date("желтоқсан 5", date(2027, 1, 5)) == date(2026, 12, 5)


@pytest.mark.parametrize("typed", ["27.11.2026", "1 января 2027", "2027-01-01", "27 қараша 2026", "завтра", "Ертең",
                                   "28 числа этого месяца", "осы айдың 28-і"])
def test_future_dates_are_flagged(typed: str) -> None:
    assert parse_user_date(typed, TODAY) is DateProblem.FUTURE


@pytest.mark.parametrize("typed", ["31.02.2026", "32.01", "15.13.2026", "2026-02-30", "30 февраля", "0.11"])
def test_impossible_days_are_invalid(typed: str) -> None:
    assert parse_user_date(typed, TODAY) is DateProblem.INVALID


@pytest.mark.parametrize(
    "typed", ["", "привет", "жалоба от 26", "26", "26 ноября 5 декабря", "ноября", "26 ноября 123",
              "5 и 6 марта", "99999 дней назад", "дня назад 3",
              "5¹ марта", "¹ дня назад", "²³.11"]
)
def test_texts_without_one_clear_date_are_unreadable(typed: str) -> None:
    assert parse_user_date(typed, TODAY) is DateProblem.UNREADABLE


def test_month_forms_must_not_collide(tmp_path: Path) -> None:
    words = yaml.safe_load((Path(__file__).parents[2] / "data" / "calendar_words.yaml").read_text("utf-8"))
    words["months"][6]["kk"].append("мар")  # would clash with март
    (tmp_path / "calendar_words.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match="ambiguous"):
        calendar_words(tmp_path)


@pytest.mark.parametrize("typed", ["5.03", "5 наурыз", "вчера", "кеше", "позавчера", "вчера вечером", "3 дня назад"])
def test_date_attempts_are_told_from_questions(typed: str) -> None:
    assert looks_like_a_date(typed)


@pytest.mark.parametrize("typed", ["бас маман", "стоит ли идти на госслужбу", "главный специалист", "ноября"])
def test_questions_typed_instead_of_a_date_are_not_date_attempts(typed: str) -> None:
    assert not looks_like_a_date(typed)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("обращение подал 5 марта, когда ответят?", date(2026, 3, 5)),
        ("5 наурызда өтініш бердім, қашан жауап береді", date(2026, 3, 5)),
        ("подал 5 марта 2025 года — срок?", date(2025, 3, 5)),
        ("жалоба от 20.11.2026, когда ответ", date(2026, 11, 20)),
        ("подал вчера, когда ответят", date(2026, 11, 25)),
        ("алдыңғы күні өтініш бердім, жауап қашан келеді", date(2026, 11, 24)),  # a relative day of two words
        ("подал " + "очень " * 30 + "давно, 5 марта", date(2026, 3, 5)),  # within the first 40 words
        ("подал " + "очень " * 40 + "давно, 5 марта", None),  # a pasted letter is not read to its end
        ("сколько ждать ответа", None),
        ("ответят через 15 дней?", None),
        ("5 марта или 6 марта", None),  # two days: ask which
        ("подам 27.11.2026", None),  # not yet come
        ("в прошлую среду отправил письмо в акимат", date(2026, 11, 18)),
        ("бір ай бұрын шағым жаздым", date(2026, 10, 26)),
        ("5го числа подавал жалобу через отиниш до сих пор молчат", date(2026, 11, 5)),
        ("өткен айдың 3-інде eOtinish арқылы жаздым", date(2026, 10, 3)),
        ("3 айдың ішінде жауап жоқ", None),  # a span of months, no day: "айдың" comes before a day's number
        ("28 числа этого месяца подам", None),  # not yet come: not the 28th of the month before
        ("подам 5 марта 2027 года", None),  # not yet come: not 5 March 2026
    ],
)
def test_the_one_day_a_question_names_is_found(sentence: str, expected: date | None) -> None:
    assert find_date(sentence, TODAY) == expected


@pytest.mark.parametrize(("lang", "style", "written"), [
    ("ru", "day", "02.10.2024"), ("kk", "day", "02.10.2024"),
    ("ru", "month", "март 2026 г."), ("kk", "month", "2026 жылғы наурыз"),
    ("ru", "long", "18 декабря 2026, пятница"), ("kk", "long", "2026 жылғы 18 желтоқсан, жұма"),
])
def test_one_date_formatter_per_language(lang, style, written):
    day = {"day": date(2024, 10, 2), "month": date(2026, 3, 1), "long": date(2026, 12, 18)}[style]
    assert format_date(default_i18n()(lang), day, style) == written


ADVERSARIAL = ["а" * 4096, "7" * 4096, "a@" * 2048, "1-" * 2048, "5 марта " * 512, "мне 17 лет " * 372, "😀" * 2048,
               ("аәбвгҒқXyz١٢٣中文" * 300)[:4096], " " * 4000 + "5.03", "26.11." * 682]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_reading_a_long_text_for_a_date_is_cheap(text: str) -> None:
    # CPU budget, best of 3: "a@" * 2048 took 23 ms to read as a date (a trailing-word pattern tried at every start)
    spent = []
    for _ in range(3):
        start = time.process_time()
        find_date(text, TODAY)
        parse_user_date(text, TODAY)
        looks_like_a_date(text)
        spent.append(time.process_time() - start)
    assert min(spent) < 0.01


def test_a_date_is_read_however_much_space_is_around_it_but_no_longer_text_is_a_date() -> None:
    assert parse_user_date(" " * 4000 + "5.03" + "\n" * 90, TODAY) == date(2026, 3, 5)
    assert parse_user_date("5 марта " + "года " * 12, TODAY) is DateProblem.UNREADABLE
