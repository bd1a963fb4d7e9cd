"""What tells the time: the wall clock in the app, a clock a test moves in its tests."""

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
