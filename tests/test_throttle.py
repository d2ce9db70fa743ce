"""Flood rate logic on a fake clock: incoming bursts are cut short, outgoing messages are spaced."""

import pytest

from bot.throttle import PRUNE_SIZE, FloodGate, Pacer, Verdict


def burst(gate: FloodGate, user_id: int, count: int, now: float, step: float = 0.0) -> list[Verdict]:
    return [gate.check(user_id, now + i * step) for i in range(count)]


def test_a_burst_of_thirty_in_a_second_gets_one_warning_and_the_rest_dropped():
    gate = FloodGate(burst=10, rate=1.0)
    verdicts = burst(gate, 1, 30, now=100.0, step=1 / 30)
    assert verdicts.count(Verdict.WARN) == 1
    passed = verdicts.count(Verdict.PASS)
    assert 10 <= passed <= 11  # the burst, plus at most what refilled during that second
    assert verdicts[:10] == [Verdict.PASS] * 10
    assert verdicts.count(Verdict.DROP) == 30 - passed - 1


def test_another_user_is_unaffected_by_someone_elses_flood():
    gate = FloodGate(burst=10, rate=1.0)
    burst(gate, 1, 30, now=0.0)
    assert burst(gate, 2, 10, now=0.0) == [Verdict.PASS] * 10


def test_a_person_at_a_human_pace_is_never_throttled():
    gate = FloodGate(burst=10, rate=1.0)
    assert set(burst(gate, 1, 300, now=0.0, step=1.0)) == {Verdict.PASS}


def test_after_a_pause_the_user_is_served_again_and_warned_at_most_once_a_minute():
    gate = FloodGate(burst=3, rate=1.0, warn_every=60.0)
    assert burst(gate, 1, 5, now=0.0) == [Verdict.PASS] * 3 + [Verdict.WARN, Verdict.DROP]
    assert gate.check(1, 10.0) is Verdict.PASS
    assert burst(gate, 1, 5, now=10.0)[-2:] == [Verdict.DROP, Verdict.DROP]  # flooding again within a minute
    assert burst(gate, 1, 5, now=100.0)[-2:] == [Verdict.WARN, Verdict.DROP]


def test_an_album_counts_once_however_many_photos_it_has():
    gate = FloodGate(burst=3, rate=1.0)
    verdicts = [gate.check(1, 0.0, album="A") for _ in range(10)]
    assert verdicts == [Verdict.PASS] + [Verdict.DROP] * 9
    assert gate.check(1, 0.0) is Verdict.PASS  # only one allowance was used by the album


def test_memory_stays_bounded_as_users_come_and_go():
    gate = FloodGate(burst=5, rate=1.0, warn_every=60.0)
    for i in range(50_000):
        gate.check(i, now=i * 0.01)  # a hundred new users a second for over eight minutes
    assert len(gate) < 2 * PRUNE_SIZE


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        FloodGate(burst=0)
    with pytest.raises(ValueError):
        Pacer(chat_rate=0)


def test_a_few_replies_to_one_chat_go_out_at_once():
    pacer = Pacer(chat_rate=1.0, chat_burst=5)
    assert [pacer.reserve(7, 0.0) for _ in range(5)] == [0.0] * 5


def test_a_long_run_to_one_chat_is_spaced_a_second_apart():
    pacer = Pacer(chat_rate=1.0, chat_burst=5)
    waits = [pacer.reserve(7, 0.0) for _ in range(8)]
    assert waits == [0.0] * 5 + [1.0, 2.0, 3.0]


def test_overall_never_more_than_thirty_in_any_second_across_chats():
    pacer = Pacer()
    sent_at = [pacer.reserve(chat, 0.0) for chat in range(200)]
    assert sent_at == sorted(sent_at)
    assert sent_at[:5] == [0.0] * 5  # a few users at once are answered at once
    for first in range(len(sent_at)):
        in_a_second = [t for t in sent_at[first:] if t < sent_at[first] + 1.0]
        assert len(in_a_second) <= 30
    assert sent_at[-1] < 200 / 25  # and no slower than needed


def test_a_quiet_chat_is_forgotten():
    pacer = Pacer()
    for i in range(20_000):
        pacer.reserve(i, now=i * 0.05)
    assert len(pacer) < 2 * PRUNE_SIZE
