"""The app's log lines, as they would reach CloudWatch, captured while a block runs."""

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from chalicelib.observability import logger


@contextmanager
def app_log_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger.registered_formatter)
    level = logger.log_level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.setLevel(level)
        logger.removeHandler(handler)
