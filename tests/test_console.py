"""The offline console's contract, run as a newcomer would: ``python -m bot console``."""

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.runtime.console import run_console as run_console_in

ROOT = Path(__file__).resolve().parent.parent


def run_console(lines: list[str], *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_URL"}}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", *args], input="\n".join(lines) + "\n", capture_output=True,
        text=True, cwd=ROOT, env=environment, timeout=60,
    )


def test_jsonl_contract_in_russian_with_presses_by_index_and_label():
    lines = ["/start", "[6]", "[🌐 Русский язык]", "", "[99]"]
    result = run_console(lines, "--jsonl")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["input"] for o in objects] == lines  # exactly one object per input line, in order
    start = objects[0]["replies"]
    assert len(start) == 1 and start[0]["text"].startswith("Здравствуйте")
    assert "<" not in start[0]["text"] and start[0]["edited"] is False
    assert start[0]["buttons"][-1] == ["🌐 Қазақ тілі"]
    switched = objects[1]["replies"][0]  # "🌐 Қазақ тілі" switches at once, and its twin switches back
    assert switched["text"].startswith("Дайын") and switched["buttons"][-1] == ["🌐 Русский язык"]
    assert objects[2]["replies"][0]["text"].startswith("Готово, теперь я говорю по-русски.")
    assert objects[3]["replies"][0]["text"].startswith("Сообщение пустое")  # never silence
    assert objects[4]["replies"] == [] and "no button 99" in objects[4]["error"]


def test_jsonl_contract_in_kazakh_and_edits_are_marked(tmp_path):
    result = run_console(["/help", "/forget", "[1]"], "--jsonl", "--lang", "kk",
                         env={"DATABASE_PATH": str(tmp_path / "c.db")})
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[0]["replies"][0]["text"].startswith("Не істей аламын")
    assert objects[2]["replies"][0]["edited"] is True
    assert objects[2]["replies"][0]["text"].startswith("Дайын: бот сіз туралы")
    assert (tmp_path / "c.db").exists()  # DATABASE_PATH is honoured


def test_a_press_answered_with_a_notice_reports_it_as_a_toast(tmp_path):
    # "Start over" on the first question changes nothing: Telegram shows the pop-up; the console reports it
    lines = ["/admission", "[🔄 Начать заново]", "[Да, гражданин РК]", "[🔄 Начать заново]"]
    env = {"DATABASE_PATH": str(tmp_path / "c.db")}
    result = run_console(lines, "--jsonl", env=env)
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[1] == {"input": lines[1], "replies": [],
                          "toast": "Это первый вопрос — начинать заново не нужно."}
    assert "toast" not in objects[0] and "toast" not in objects[2]  # a message, a press without a notice
    assert "toast" not in objects[3] and objects[3]["replies"][0]["edited"]  # back at the first question


async def test_readable_mode_prints_a_toast_under_the_press(env):
    out = io.StringIO()
    await run_console_in(env.dp, env.bot, "ru", False, io.StringIO("/admission\n[🔄 Начать заново]\n"), out)
    assert "  💬 Это первый вопрос — начинать заново не нужно." in out.getvalue()


def test_interactive_mode_numbers_buttons_and_explains_how_to_connect():
    result = run_console(["/start"])
    assert result.returncode == 0, result.stderr
    assert "BOT_TOKEN" in result.stdout
    assert "[1] 🔎 Должности и категории" in result.stdout


def test_source_links_are_shown_after_the_text_and_listed_in_jsonl():
    # a link's address is not in the text the user sees, so the console prints it (issue 16)
    lines = ["/start", "кто назначает акима"]
    result = run_console(lines, "--jsonl")
    assert result.returncode == 0, result.stderr
    start, akims = (json.loads(line)["replies"][0] for line in result.stdout.splitlines())
    assert start["links"] == []  # on every reply, empty when there is none
    assert akims["links"][0] == "https://adilet.zan.kz/rus/docs/K950001000_"
    assert "https://news.mail.ru/politics/68312578/" in akims["links"]  # every source of the short answer
    readable = run_console(lines[1:])
    assert readable.returncode == 0, readable.stderr
    text_end = readable.stdout.index("сейчас действует Конституция РК 2026 года.")
    assert readable.stdout.index("🔗 https://adilet.zan.kz/rus/docs/K950001000_") > text_end


def test_help_lists_the_modes():
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    for mode in ("console", "polling", "webhook"):
        assert mode in result.stdout


def test_bad_configuration_is_one_line_without_traceback():
    result = run_console(["/start"], env={"WEBHOOK_PORT": "seventy"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "WEBHOOK_PORT" in result.stderr and "Traceback" not in result.stderr


def console_process(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_URL"}}
    environment.update(env or {})
    return subprocess.Popen([sys.executable, "-m", "bot", "console", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=environment)


def test_presses_of_digits_int_cannot_read_get_their_json_line():
    # "²" and "①" are digits to str.isdigit, not to int(): the console ended with a traceback and no line
    lines = ["/start", "[²]", "[①]", "[١]", "[1]"]
    result = run_console(lines, "--jsonl")
    assert result.returncode == 0 and result.stderr == ""
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["input"] for o in objects] == lines
    assert [o.get("error") for o in objects[1:4]] == [f"no button labelled {label!r}" for label in "²①١"]
    assert objects[4]["replies"][0]["text"].startswith("Реестр")  # [1] still presses the first button


def test_input_that_is_not_utf8_is_read_with_replacement_characters(tmp_path):
    # printf '\xc3\x28xyz\n': the undecodable byte reached the miss log, whose write then failed at every flush
    # and at shutdown, which left the database's thread running: the console never exited
    environment = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_URL"}}
    environment["DATABASE_PATH"] = str(tmp_path / "c.db")
    result = subprocess.run([sys.executable, "-m", "bot", "console", "--jsonl"], input=b"\xc3\x28xyz\n\xff\n",
                            capture_output=True, cwd=ROOT, env=environment, timeout=60)
    assert result.returncode == 0 and result.stderr == b""
    objects = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["input"] for o in objects] == ["\ufffd(xyz", "\ufffd"]
    with sqlite3.connect(tmp_path / "c.db") as db:
        assert db.execute("SELECT text FROM unanswered").fetchall() == [("\ufffd(xyz",)]


def test_a_reader_that_goes_away_ends_the_console_quietly():
    # "| head -1": the next write met a closed pipe and printed a BrokenPipeError traceback
    child = console_process("--jsonl")
    assert child.stdin and child.stdout and child.stderr
    child.stdin.write(b"/start\n" * 300)  # far more output than a pipe holds, so writes must meet the closed end
    child.stdin.close()
    assert json.loads(child.stdout.readline())["input"] == "/start"
    child.stdout.close()
    assert child.wait(timeout=60) == 0
    assert child.stderr.read() == b""


def test_ctrl_c_while_waiting_for_input_exits_at_once():
    # stdin was read in the loop's executor, and exit waited for that read: Ctrl-C took effect only after Enter
    child = console_process("--jsonl")
    assert child.stdin and child.stdout and child.stderr
    child.stdin.write(b"/start\n")
    child.stdin.flush()
    assert json.loads(child.stdout.readline())["input"] == "/start"  # answered, and now waiting for the next line
    child.send_signal(signal.SIGINT)
    try:
        assert child.wait(timeout=20) == 0
    finally:
        child.kill()
        child.stdin.close()
    assert child.stderr.read() == b""
