"""A pytest plugin for graded runs: notice within a second when nbval's kernel has died.

nbval waits for a dead kernel's reply until the cell timeout; this plugin polls the kernel while it
waits, so ``os._exit`` or a segmentation fault costs seconds, not minutes. Loaded with
``-p convshapes.grading.nbval_watchdog``."""

from __future__ import annotations

import time
from queue import Empty

from nbval.kernel import RunningKernel

POLL_SECONDS = 0.5
KERNEL_DIED = "the kernel died (os._exit, a crash, or too much memory)"


class KernelDied(RuntimeError):
    """The kernel process is gone."""


_wait_for_message = RunningKernel.get_message


def get_message_or_notice_death(self: RunningKernel, stream: str, timeout: float | None = None):
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        wait = POLL_SECONDS if deadline is None else max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))
        try:
            return _wait_for_message(self, stream, timeout=wait)
        except Empty:
            if not self.is_alive():
                raise KernelDied(KERNEL_DIED) from None
            if deadline is not None and time.monotonic() >= deadline:
                raise


RunningKernel.get_message = get_message_or_notice_death
