"""The benchmark: the whole bot against an echo bot on the same aiogram, with no network (``python -m bench.run``)."""
