"""The Telegram front end: the only package that imports ``telegram``.

Entry points: ``bot.telegram.app.build_application`` and ``bot.telegram.runner.run`` (``electionbot run``).
"""

import os

# Opt in now to python-telegram-bot's coming timedelta durations: without it every 429 RetryAfter
# emits a deprecation warning (and the test suite turns warnings into errors).
os.environ.setdefault("PTB_TIMEDELTA", "1")
