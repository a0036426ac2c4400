"""The kernel environment convshapes gives notebooks that run side by side."""

import os

from convshapes.notebook.execute import thread_share

THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


def test_each_kernel_gets_its_share_of_the_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert thread_share(2) == dict.fromkeys(THREAD_VARIABLES, "4")
    assert thread_share(1) == dict.fromkeys(THREAD_VARIABLES, "8")


def test_more_kernels_than_cores_still_get_one_thread_each(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert set(thread_share(16).values()) == {"1"}
