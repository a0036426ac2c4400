"""configure_gpus reports the device in one line, turns on memory growth, and falls back to the CPU."""

import pytest
import tensorflow as tf

from convshapes.device import DeviceReport, channels_first_conv_on_cpu, configure_gpus


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
