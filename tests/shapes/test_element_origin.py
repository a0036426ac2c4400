"""element_origin: where each value of a row-major (steps, channels) tensor came from."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers, ops

from convshapes.shapes import element_origin


@given(steps=st.integers(1, 20), channels=st.integers(1, 20), data=st.data())
def test_element_origin_inverts_row_major_layout(steps, channels, data):
    step = data.draw(st.integers(0, steps - 1))
    channel = data.draw(st.integers(0, channels - 1))
    positions = np.arange(steps * channels).reshape(steps, channels)
    assert element_origin(positions[step, channel], channels) == (step, channel)


@pytest.mark.parametrize("index, channels", [(-1, 3), (0, 0)])
def test_element_origin_rejects_negative_index_or_no_channels(index, channels):
    with pytest.raises(ValueError, match="channels"):
        element_origin(index, channels)


@settings(max_examples=20, deadline=None)
@given(steps=st.integers(1, 6), channels=st.integers(1, 6))
def test_permute_keeps_every_value_of_a_step_with_its_step(steps, channels):
    positions = ops.reshape(ops.arange(steps * channels, dtype="float32"), (1, steps, channels))
    permuted = ops.convert_to_numpy(layers.Permute((2, 1))(positions))[0].astype(int)
    for column in range(steps):
        assert {element_origin(index, channels)[0] for index in permuted[:, column]} == {column}
