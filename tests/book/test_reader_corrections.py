"""Three statements readers found wrong, in chapters 5, 9 and 10, held to what Keras, TensorFlow and PyTorch do.

Chapter 9 once turned a text CNN's (70, 100) embeddings into `(1, 70, 100)`, which a kernel spanning the embedding
cannot fit; chapter 10 offered only `squeeze(1)` and `flatten(0, 1)` for PyTorch's rank errors, and `unsqueeze(1)`
without looking at `in_channels`; chapter 5 said Keras 3.15 refuses a zero-length pooling output, which it does
only when it builds the layer symbolically. Each test holds the behaviour behind the corrected statement, and the
chapter to showing it.
"""

from __future__ import annotations

import keras
import nbformat
import numpy as np
import pytest
from keras import layers
from notebook_files import ROOT

from convshapes.device import outcomes_on_cpu

BATCHES = "notebooks/09_batches_and_unknown_axes.ipynb"
PYTORCH = "notebooks/10_coming_from_pytorch.ipynb"
ARITHMETIC = "notebooks/05_shape_arithmetic.ipynb"
OUTPUT_SIZE = r"Computed output size would be (zero or )?negative"


def cells(path: str) -> list[nbformat.NotebookNode]:
    return nbformat.read(ROOT / path, as_version=4).cells


def stored_output(cell: nbformat.NotebookNode) -> str:
    return "".join(output.get("text", "") for output in cell.get("outputs", []))


def prose(path: str) -> str:
    return " ".join(" ".join(cell.source.split()) for cell in cells(path) if cell.cell_type == "markdown")


def text_cnn(target_shape: tuple[int, ...]) -> keras.Model:
    tokens = keras.Input(shape=(70,), dtype="int32")
    embedded = layers.Embedding(input_dim=1000, output_dim=100)(tokens)
    image = layers.Reshape(target_shape)(embedded)
    return keras.Model(tokens, layers.Conv2D(8, kernel_size=(3, 100))(image))


def test_a_text_cnn_image_is_tokens_by_embedding_by_one_channel():
    model = text_cnn((70, 100, 1))
    token_ids = np.random.default_rng(0).integers(0, 1000, size=(4, 70))
    assert model.output_shape == (None, 68, 1, 8)
    assert tuple(model(token_ids).shape) == (4, 68, 1, 8)


def test_a_text_cnn_image_one_row_high_does_not_build():
    with pytest.raises(ValueError, match=OUTPUT_SIZE + r".*inputs shape=\(None, 1, 70, 100\)"):
        text_cnn((1, 70, 100))


def test_reshape_still_takes_its_target_shape_as_one_tuple():
    with pytest.raises(TypeError, match="takes 2 positional arguments but 4 were given"):
        layers.Reshape(1, 70, 100)


def test_chapter_9_builds_and_calls_the_text_cnn_on_tokens_by_embedding_by_one_channel():
    built = [cell for cell in cells(BATCHES) if cell.cell_type == "code" and "Reshape((70, 100, 1)" in cell.source]
    assert built, "chapter 9 no longer builds the text CNN as (70, 100, 1)"
    assert "(None, 68, 1, 8)" in stored_output(built[0]) and "-> (4, 68, 1, 8)" in stored_output(built[0])
    assert 'data_format="channels_first"' in prose(BATCHES), "chapter 9 must say when (1, 70, 100) is right"


POOLING = """
import keras
import numpy as np
from keras import layers

sequences = np.zeros((2, 3, 2), dtype="float32")
attempt("max, called", lambda: layers.MaxPooling1D(pool_size=5)(sequences))
attempt("average, called", lambda: layers.AveragePooling1D(pool_size=5)(sequences))
attempt("max, built", lambda: layers.MaxPooling1D(pool_size=5)(keras.Input(shape=(3, 2))))
"""


def test_keras_refuses_a_pooling_window_longer_than_its_input_only_when_it_builds_the_layer():
    found = outcomes_on_cpu(POOLING)
    assert found["0"]["max, called"] == "runs, output shape (2, 0, 2)"
    assert found["1"]["max, called"].startswith("AbortedError: ")
    assert {found[setting]["average, called"] for setting in found} == {"runs, output shape (2, 0, 2)"}
    if tuple(int(part) for part in keras.version().split(".")[:2]) >= (3, 15):
        assert {found[setting]["max, built"] for setting in found} == {
            "ValueError: Computed output size would be zero or negative. Received: `inputs.shape=[None 3 2]`, "
            "`pool_size=[5]`, `strides=(5,)`, `padding=valid`."
        }


def test_chapter_5_says_keras_3_15_refuses_zero_length_pooling_only_when_built():
    text = prose(ARITHMETIC)
    assert "Keras 3.15 refuses zero as well." not in text
    assert "refuses a zero-length pooling output only when it builds the layer symbolically" in text
    assert "Keras 3.14" not in text, "no Keras 3.14 runtime is measured"


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def test_torchsummary_batch_with_the_batch_size_in_input_size_is_one_axis_too_many(torch):
    conv = torch.nn.Conv1d(in_channels=3, out_channels=8, kernel_size=5)
    with pytest.raises(RuntimeError, match=r"input to conv1d, but got input of size: \[2, 1, 3, 100\]"):
        conv(torch.rand(2, *(1, 3, 100)))
    assert tuple(conv(torch.rand(2, *(3, 100))).shape) == (2, 8, 96)
    conv2d = torch.nn.Conv2d(in_channels=3, out_channels=8, kernel_size=3)
    with pytest.raises(RuntimeError, match=r"input to conv2d, but got input of size: \[2, 1, 3, 64, 64\]"):
        conv2d(torch.rand(2, *(1, 3, 64, 64)))
    assert tuple(conv2d(torch.rand(2, *(3, 64, 64))).shape) == (2, 8, 62, 62)


def test_unsqueeze_1_fixes_only_a_layer_made_for_one_channel(torch):
    mono = torch.randn(16, 100)
    assert tuple(torch.nn.Conv1d(1, 8, 3)(mono.unsqueeze(1)).shape) == (16, 8, 98)
    with pytest.raises(RuntimeError, match=r"expected input\[16, 1, 100\] to have 3 channels, but got 1 channels"):
        torch.nn.Conv1d(3, 8, 5)(mono.unsqueeze(1))
    channels_last = torch.randn(16, 100, 3)
    assert tuple(torch.nn.Conv1d(3, 8, 5)(channels_last.permute(0, 2, 1)).shape) == (16, 8, 96)


def test_windows_of_each_sample_have_no_axis_to_squeeze_and_flatten_into_the_batch(torch):
    windows = torch.randn(16, 10, 3, 100)
    conv = torch.nn.Conv1d(3, 8, 5)
    with pytest.raises(RuntimeError, match=r"but got input of size: \[16, 10, 3, 100\]"):
        conv(windows)
    assert windows.squeeze(1).shape == windows.shape
    assert tuple(conv(windows.flatten(0, 1)).unflatten(0, (16, 10)).shape) == (16, 10, 8, 96)


def test_an_image_batch_given_to_a_conv1d_needs_a_conv2d_or_flattened_pixels(torch):
    images = torch.randn(16, 3, 64, 64)
    with pytest.raises(RuntimeError, match=r"but got input of size: \[16, 3, 64, 64\]"):
        torch.nn.Conv1d(3, 8, 5)(images)
    assert tuple(torch.nn.Conv2d(3, 8, 3)(images).shape) == (16, 8, 62, 62)
    assert tuple(torch.nn.Conv1d(3, 8, 5)(images.flatten(2)).shape) == (16, 8, 4092)


def test_chapter_10_runs_each_cause_of_the_rank_errors_with_its_message():
    errors = {
        output.evalue
        for cell in cells(PYTORCH)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    }
    for size in ("[16, 1, 40, 100]", "[2, 1, 3, 100]", "[16, 10, 3, 100]", "[16, 3, 64, 64]", "[2, 1, 3, 64, 64]"):
        assert any(message.endswith(f"but got input of size: {size}") for message in errors), size
    assert "input_size=(3, 100)" in prose(PYTORCH) and "torch.rand(2, *input_size)" in prose(PYTORCH)
