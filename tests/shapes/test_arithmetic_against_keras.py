"""conv_output_length, conv_transpose_output_length, pool_output_length and same_padding agree with Keras' own layers."""

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers

from convshapes import conv_output_length, conv_transpose_output_length, pool_output_length, same_padding

lengths = st.integers(min_value=1, max_value=300)
kernels = st.integers(min_value=1, max_value=12)
strides = st.integers(min_value=1, max_value=6)
dilations = st.integers(min_value=1, max_value=5)
SLOW = settings(max_examples=150, deadline=None)


def keras_conv1d_length(length, kernel_size, strides, padding, dilation_rate):
    layer = layers.Conv1D(1, kernel_size, strides=strides, padding=padding, dilation_rate=dilation_rate)
    return layer.compute_output_shape((None, length, 1))[1]


@SLOW
@given(lengths, kernels, strides, dilations, st.sampled_from(["valid", "same", "causal"]))
def test_conv1d_length_matches_keras(length, kernel_size, stride, dilation_rate, padding):
    if stride > 1 and dilation_rate > 1:
        with pytest.raises(ValueError, match="strides > 1"):
            keras_conv1d_length(length, kernel_size, stride, padding, dilation_rate)
        with pytest.raises(ValueError, match="strides > 1 together with dilation_rate > 1"):
            conv_output_length(length, kernel_size, stride, padding, dilation_rate)
        return
    span = (kernel_size - 1) * dilation_rate + 1
    if padding == "valid" and span > length:
        with pytest.raises(ValueError):
            keras_conv1d_length(length, kernel_size, stride, padding, dilation_rate)
        with pytest.raises(ValueError, match="vanishes"):
            conv_output_length(length, kernel_size, stride, padding, dilation_rate)
        return
    expected = keras_conv1d_length(length, kernel_size, stride, padding, dilation_rate)
    assert conv_output_length(length, kernel_size, stride, padding, dilation_rate) == expected


@SLOW
@given(lengths, lengths, kernels, kernels, strides, strides, dilations, st.sampled_from(["valid", "same"]))
def test_conv2d_shape_matches_keras(height, width, kernel_h, kernel_w, stride_h, stride_w, dilation, padding):
    if max(stride_h, stride_w) > 1 and dilation > 1:
        dilation = 1  # Keras refuses the combination; test_conv1d_length_matches_keras covers the error
    if padding == "valid" and max((kernel_h - 1) * dilation + 1 - height, (kernel_w - 1) * dilation + 1 - width) > 0:
        return
    layer = layers.Conv2D(
        1, (kernel_h, kernel_w), strides=(stride_h, stride_w), padding=padding, dilation_rate=dilation
    )
    expected = layer.compute_output_shape((None, height, width, 1))[1:3]
    ours = (
        conv_output_length(height, kernel_h, stride_h, padding, dilation),
        conv_output_length(width, kernel_w, stride_w, padding, dilation),
    )
    assert ours == tuple(expected)


@SLOW
@given(
    lengths,
    kernels,
    st.one_of(st.none(), strides),
    st.sampled_from(["valid", "same"]),
    st.sampled_from([layers.MaxPooling1D, layers.AveragePooling1D]),
)
def test_pool1d_length_matches_keras(length, pool_size, stride, padding, layer_class):
    if padding == "valid" and pool_size > length:
        with pytest.raises(ValueError, match="vanishes"):
            pool_output_length(length, pool_size, stride, padding)
        return
    layer = layer_class(pool_size=pool_size, strides=stride, padding=padding)
    assert pool_output_length(length, pool_size, stride, padding) == layer.compute_output_shape((None, length, 1))[1]


@SLOW
@given(
    lengths,
    lengths,
    kernels,
    st.one_of(st.none(), strides),
    st.sampled_from(["valid", "same"]),
    st.sampled_from([layers.MaxPooling2D, layers.AveragePooling2D]),
)
def test_pool2d_shape_matches_keras(height, width, pool_size, stride, padding, layer_class):
    if padding == "valid" and pool_size > min(height, width):
        return
    layer = layer_class(pool_size=pool_size, strides=stride, padding=padding)
    expected = layer.compute_output_shape((None, height, width, 1))[1:3]
    ours = tuple(pool_output_length(size, pool_size, stride, padding) for size in (height, width))
    assert ours == tuple(expected)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=7),
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=1, max_value=3),
)
def test_same_padding_reproduces_keras_same_convolution(length, kernel_size, stride, dilation_rate):
    """ZeroPadding1D(same_padding(...)) followed by a valid conv computes exactly what padding='same' does."""
    if stride > 1 and dilation_rate > 1:
        dilation_rate = 1  # Keras refuses the combination
    before, after = same_padding(length, kernel_size, stride, dilation_rate)
    inputs = np.random.default_rng(length * 100 + kernel_size).normal(size=(1, length, 2)).astype("float32")
    same = layers.Conv1D(3, kernel_size, strides=stride, padding="same", dilation_rate=dilation_rate)
    valid = layers.Conv1D(3, kernel_size, strides=stride, padding="valid", dilation_rate=dilation_rate)
    expected = keras.ops.convert_to_numpy(same(inputs))
    valid.build((None, length + before + after, 2))
    valid.set_weights(same.get_weights())
    padded = layers.ZeroPadding1D((before, after))(inputs)
    assert np.allclose(keras.ops.convert_to_numpy(valid(padded)), expected, atol=1e-5)


@SLOW
@given(lengths, kernels, strides, dilations, st.sampled_from(["valid", "same"]), st.integers(min_value=-1, max_value=5))
def test_conv1d_transpose_length_matches_keras(length, kernel_size, stride, dilation_rate, padding, output_padding):
    if stride > 1:
        dilation_rate = 1  # Keras refuses the combination; test_conv1d_length_matches_keras covers the error
    output_padding = None if output_padding < 0 else output_padding % stride  # Keras wants output_padding < strides
    layer = layers.Conv1DTranspose(
        1, kernel_size, strides=stride, padding=padding, output_padding=output_padding, dilation_rate=dilation_rate
    )
    expected = layer.compute_output_shape((None, length, 1))[1]
    assert conv_transpose_output_length(length, kernel_size, stride, padding, output_padding, dilation_rate) == expected
