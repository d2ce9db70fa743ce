"""What the bot shows: texts and keyboards built from the core's results and a translator.

Features import from here and from ``handlers.callbacks``, never from each other. ``keyboard`` builds every
keyboard (at most six buttons a page); ``menu``, ``sources``, ``feedback``, ``share`` and ``sending`` are
shared by every feature; the others hold one feature's views (``positions``, ``salary``, ``admission``,
``complaints``, ``akimat``, ``offtopic``). No view caches what it renders.
"""
