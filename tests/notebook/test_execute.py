"""The kernel environment convshapes gives notebooks that run side by side, and what an executed cell printed."""

import os

from nbformat.v4 import new_code_cell, new_output

from convshapes.notebook.execute import printed_text, thread_share

THREAD_VARIABLES = ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")


def test_each_kernel_gets_its_share_of_the_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert thread_share(2) == dict.fromkeys(THREAD_VARIABLES, "4")
    assert thread_share(1) == dict.fromkeys(THREAD_VARIABLES, "8")


def test_more_kernels_than_cores_still_get_one_thread_each(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert set(thread_share(16).values()) == {"1"}


def test_printed_text_is_only_what_the_cell_printed_on_stdout():
    cell = new_code_cell(
        "x",
        outputs=[
            new_output("stream", name="stdout", text="PASS q: "),
            new_output("stream", name="stderr", text="a warning\n"),
            new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
            new_output("stream", name="stdout", text="correct.\n"),
        ],
    )
    assert printed_text(cell) == "PASS q: correct.\n"
