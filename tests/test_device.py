"""configure_gpus reports the device in one line, turns on memory growth, and falls back to the CPU."""

import pytest
import tensorflow as tf

from convshapes.device import DeviceReport, channels_first_conv_on_cpu, configure_gpus, outcomes_on_cpu


def fake_gpu(index: int) -> tf.config.PhysicalDevice:
    return tf.config.PhysicalDevice(name=f"/physical_device:GPU:{index}", device_type="GPU")


@pytest.fixture
def two_gpus(monkeypatch):
    """Pretend TensorFlow sees two T4 GPUs, and record every memory-growth call."""
    calls = []
    monkeypatch.setattr(
        tf.config, "list_physical_devices", lambda kind=None: [fake_gpu(0), fake_gpu(1)] if kind == "GPU" else []
    )
    monkeypatch.setattr(
        tf.config.experimental, "set_memory_growth", lambda gpu, enable: calls.append((gpu.name, enable))
    )
    monkeypatch.setattr(tf.config.experimental, "get_device_details", lambda gpu: {"device_name": "Tesla T4"})
    return calls


def test_without_a_gpu_it_falls_back_to_the_cpu(monkeypatch):
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [])
    report = configure_gpus()
    assert report.device == "CPU"
    assert str(report) == "No GPU found: running on the CPU."
    assert report.memory_growth is False


def test_on_this_machine_it_reports_whatever_tensorflow_sees_without_failing():
    report = configure_gpus()
    assert len(report.gpus) == len(tf.config.list_physical_devices("GPU"))
    assert str(report).startswith("Using " if report.gpus else "No GPU found")


def test_memory_growth_is_turned_on_for_every_gpu(two_gpus):
    report = configure_gpus()
    assert two_gpus == [("/physical_device:GPU:0", True), ("/physical_device:GPU:1", True)]
    assert report.device == "GPU" and report.memory_growth is True


def test_the_description_counts_and_names_the_gpus(two_gpus):
    assert str(configure_gpus()) == (
        "Using 2 GPUs: /physical_device:GPU:0 (Tesla T4), /physical_device:GPU:1 (Tesla T4) (memory growth on)"
    )


def test_a_single_gpu_is_not_pluralised():
    assert str(DeviceReport(("/physical_device:GPU:0",), memory_growth=True)).startswith("Using 1 GPU: ")


def test_a_gpu_without_device_details_is_named_by_its_device_name(two_gpus, monkeypatch):
    monkeypatch.setattr(tf.config.experimental, "get_device_details", lambda gpu: {})
    assert configure_gpus().gpus == ("/physical_device:GPU:0", "/physical_device:GPU:1")


def test_memory_growth_failure_keeps_the_gpu_and_explains_why(two_gpus, monkeypatch):
    def already_initialised(gpu, enable):
        raise RuntimeError("Physical devices cannot be modified after being initialized")

    monkeypatch.setattr(tf.config.experimental, "set_memory_growth", already_initialised)
    report = configure_gpus()
    assert report.device == "GPU" and report.memory_growth is False
    assert "memory growth off: Physical devices cannot be modified after being initialized" in str(report)
    assert "restart the runtime" in str(report)


def test_channels_first_on_the_cpu_fails_without_onednn_and_runs_with_it():
    assert channels_first_conv_on_cpu() == {
        "0": "UnimplementedError: The Conv2D op currently only supports the NHWC tensor format on the CPU. "
        "The op was given the format: NCHW",
        "1": "runs, output shape (2, 8, 62, 62)",
    }


POOLING_LONGER_THAN_ITS_INPUT = """
import numpy as np
from keras import layers

sequences = np.zeros((2, 3, 2), dtype="float32")
attempt("window 3", lambda: layers.MaxPooling1D(pool_size=3)(sequences))
attempt("window 5", lambda: layers.MaxPooling1D(pool_size=5)(sequences))
"""


def test_a_pooling_window_longer_than_its_input_returns_an_empty_tensor_without_onednn_and_aborts_with_it():
    assert outcomes_on_cpu(POOLING_LONGER_THAN_ITS_INPUT) == {
        "0": {"window 3": "runs, output shape (2, 1, 2)", "window 5": "runs, output shape (2, 0, 2)"},
        "1": {
            "window 3": "runs, output shape (2, 1, 2)",
            "window 5": "AbortedError: Compute received an exception:Status: 2, message: could not create a descriptor "
            "for a pooling forward propagation primitive, in file tensorflow/core/kernels/mkl/mkl_maxpooling_op.cc:211",
        },
    }


def test_each_setting_gets_its_own_process_with_that_setting_and_no_gpu():
    snippet = """
import os
import numpy as np

attempt(os.environ["TF_ENABLE_ONEDNN_OPTS"] + " " + os.environ["CUDA_VISIBLE_DEVICES"], lambda: np.zeros(1))
"""
    assert outcomes_on_cpu(snippet) == {
        "0": {"0 -1": "runs, output shape (1,)"},
        "1": {"1 -1": "runs, output shape (1,)"},
    }


def test_an_error_is_named_with_its_own_words_without_the_keras_call_wrapper():
    snippet = """
def wrapped():
    raise ValueError("Exception encountered when calling X.call().\\n\\nbad shape\\n\\nArguments received by X.call():")


def wordless():
    raise KeyError()


attempt("wrapped", wrapped)
attempt("wordless", wordless)
"""
    assert outcomes_on_cpu(snippet, onednn_settings=("0",)) == {
        "0": {"wrapped": "ValueError: bad shape", "wordless": "KeyError"}
    }


def test_a_snippet_that_crashes_or_tries_nothing_raises_with_its_stderr():
    with pytest.raises(RuntimeError, match="TF_ENABLE_ONEDNN_OPTS=0 probe crashed:\n(.|\n)*ZeroDivisionError"):
        outcomes_on_cpu("1 / 0", onednn_settings=("0",))
    with pytest.raises(RuntimeError, match="TF_ENABLE_ONEDNN_OPTS=1 probe crashed"):
        outcomes_on_cpu("print('nothing tried')", onednn_settings=("1",))
