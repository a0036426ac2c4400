"""explain() reads the numbers of a message and computes a fix that works for those numbers (checked with Keras)."""

import re

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers

import convshapes
from convshapes.decoder import explain

layer_names = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


def raised(build) -> str:
    with pytest.raises(Exception) as caught:
        build()
    return f"{type(caught.value).__name__}: {caught.value}"


def reshape_targets(text: str) -> list[tuple[int, ...]]:
    return [
        tuple(int(size) for size in found.split(",") if size.strip())
        for found in re.findall(r"Reshape\(\(([\d, -]+)\)\)", text)
    ]


def test_explain_is_exported_by_the_package_and_declines_an_unknown_message():
    assert convshapes.explain("ValueError: something else entirely") is None


def test_the_explanation_prints_family_numbers_reading_cause_fix_and_link():
    text = str(
        explain("Input to reshape is a tensor with 50176 values, but the requested shape requires a multiple of 2592")
    )
    assert "values=50176, multiple=2592" in text
    assert text.splitlines()[-1].endswith("notebooks/06_error_gallery.html#err-tf-reshape)")


def test_a_tf_reshape_fix_gives_the_nearest_divisors_of_the_values_read():
    fix = explain(
        "Input to reshape is a tensor with 50176 values, but the requested shape requires a multiple of 2592"
    ).fix
    assert "divisor of 50176 (the nearest are 1792 and 3136)" in fix


def test_a_reshape_layer_fix_names_folds_that_keras_accepts():
    message = raised(lambda: layers.Reshape((20, 20, 32))(keras.Input((98, 32))))
    targets = reshape_targets(explain(message).fix)
    assert targets[0] == (7, 14, 32)
    for target in targets:
        assert layers.Reshape(target)(keras.Input((98, 32))).shape[1:] == target


@pytest.mark.parametrize(
    "length, kernel_size, dilation_rate, strides", [(5, 7, 1, 1), (5, 3, 3, 1), (5, 7, 1, 2), (4, 6, 1, 3)]
)
def test_an_output_size_fix_is_the_padding_and_the_shortest_input_keras_accepts(
    length, kernel_size, dilation_rate, strides
):
    def conv():
        return layers.Conv1D(4, kernel_size, strides=strides, dilation_rate=dilation_rate)

    explanation = explain(raised(lambda: conv()(keras.Input((length, 2)))))
    same = int(re.search(r"the output then has (\d+) steps", explanation.fix).group(1))
    shortest = int(re.search(r"an input of at least (\d+) steps", explanation.fix).group(1))
    padded = layers.Conv1D(4, kernel_size, strides=strides, dilation_rate=dilation_rate, padding="same")
    assert padded(keras.Input((length, 2))).shape[1] == same
    assert conv()(keras.Input((shortest, 2))).shape[1] == 1
    with pytest.raises(ValueError):
        conv()(keras.Input((shortest - 1, 2)))


def test_a_tensorflow_window_fix_reads_the_window_and_the_axis():
    message = (
        "ValueError: Negative dimension size caused by subtracting 3 from 1 for 'conv2d_1/convolution' (op: "
        "'Conv2D') with input shapes: [?,1,200,200], [3,3,200,32]."
    )
    fix = explain(message).fix
    assert "needs at least 3 steps" in fix and "(None, 200, 200, 1)" in fix


def test_an_lstm_given_a_feature_map_gets_a_reshape_that_keras_accepts():
    message = raised(lambda: layers.LSTM(8)(keras.Input((28, 14, 2))))
    explanation = explain(message)
    assert explanation.anchor == "nb-crnn"
    for target in reshape_targets(explanation.fix):
        after = layers.Reshape(target)(keras.Input((28, 14, 2)))
        assert layers.LSTM(8)(after).shape == (None, 8)


def test_a_conv2d_given_a_sequence_gets_targets_that_keras_accepts():
    message = raised(lambda: layers.Conv2D(8, 3)(keras.Input((98, 32))))
    explanation = explain(message)
    assert [reason.anchor for reason in explanation.reasons][:2] == ["err-conv2d-sequence", "err-conv2d-3d"]
    targets = reshape_targets(explanation.reasons[0].fix)
    assert (98, 32, 1) in targets and (7, 14, 32) in targets
    for target in targets:
        layers.Conv2D(8, 3)(layers.Reshape(target)(keras.Input((98, 32))))


def test_one_sample_given_to_a_model_gets_the_batch_axis_back():
    inputs = keras.Input((100, 3))
    model = keras.Model(inputs, layers.Conv1D(4, 3)(inputs))
    sample = np.zeros((100, 3), "float32")
    explanation = explain(raised(lambda: model(sample)))
    assert explanation.anchor == "bt-unbatched-sample"
    assert "(1, 100, 3)" in explanation.fix
    assert tuple(model(sample[None]).shape) == (1, 98, 4)


def test_a_dense_on_a_sequence_loss_error_suggests_pooling_to_the_target_shape():
    model = keras.Sequential([keras.Input((100, 3)), layers.Conv1D(8, 3), layers.Dense(2, activation="softmax")])
    model.compile(loss="categorical_crossentropy")
    explanation = explain(raised(lambda: model.fit(np.zeros((4, 100, 3)), np.zeros((4, 2)), verbose=0)))
    assert explanation.anchor == "nb-dense-3d"
    assert "becomes (None, 2)" in explanation.fix
    fixed = keras.Sequential(
        [keras.Input((100, 3)), layers.Conv1D(8, 3), layers.GlobalAveragePooling1D(), layers.Dense(2)]
    )
    assert fixed.output_shape == (None, 2)


def test_a_legacy_model_with_two_leading_none_axes_is_told_its_sample_shape():
    message = (
        "Kernel shape must have the same length as input, but received kernel of shape (3, 3, 3, 32) and input of "
        "shape (None, None, 224, 224, 3)."
    )
    explanation = explain(message)
    assert explanation.anchor == "dw-batch-input-shape" and "keras.Input(shape=(224, 224, 3))" in explanation.fix


def test_a_reshape_given_separate_integers_gets_them_as_one_tuple():
    explanation = explain(raised(lambda: layers.Reshape(1, 70, 100)))
    assert explanation.anchor == "bt-reshape-arguments" and "layers.Reshape((d1, d2, d3))" in explanation.fix


def test_a_function_in_a_sequential_model_is_named():
    explanation = explain(raised(lambda: keras.Sequential([keras.Input((98, 1)), keras.ops.squeeze])))
    assert explanation.anchor == "bt-tf-in-sequential" and "keras.ops.squeeze" in explanation.fix


@settings(max_examples=60, deadline=None)
@given(
    batch=st.one_of(st.none(), st.integers(1, 512)),
    length=st.integers(1, 60),
    extra=st.integers(1, 20),
    channels=st.integers(1, 300),
    filters=st.integers(1, 300),
    layer=layer_names,
    zero=st.booleans(),
)
def test_a_keras_conv_message_is_read_whatever_the_numbers(batch, length, extra, channels, filters, layer, zero):
    kernel = length + extra
    inputs = f"({batch}, {length}, {channels})"
    message = (
        f"ValueError: Exception encountered when calling {layer}.call(). Computed output size would be "
        f"{'zero or ' if zero else ''}negative. Received `inputs shape={inputs}`, `kernel shape=({kernel}, "
        f"{channels}, {filters})`, `dilation_rate=[1]`."
    )
    explanation = explain(message)
    assert explanation.family == "output-size" and dict(explanation.numbers)["inputs"] == inputs
    assert f"an input of at least {kernel} steps" in explanation.fix


@settings(max_examples=60, deadline=None)
@given(
    layer=layer_names,
    expected=st.integers(2, 5),
    found=st.integers(1, 6),
    quote=st.sampled_from(['"', "'", ""]),
    version=st.sampled_from(
        ["Input 0 of layer {q}{l}{q} is incompatible with the layer: ", "Input 0 is incompatible with layer {l}: "]
    ),
)
def test_a_rank_message_is_recognised_whatever_the_layer_name(layer, expected, found, quote, version):
    message = version.format(q=quote, l=layer) + f"expected ndim={expected}, found ndim={found}"
    explanation = explain(message)
    assert explanation.family == "input-rank"
    assert dict(explanation.numbers)["expected"] == str(expected) and dict(explanation.numbers)["found"] == str(found)


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(2, 400), min_size=2, max_size=3),
    channels=st.integers(1, 8),
    batch=st.integers(1, 64),
    filters=st.integers(1, 64),
)
def test_a_pytorch_channels_last_input_gets_the_permutation_that_moves_channels_to_axis_1(
    sizes, channels, batch, filters
):
    shape = [batch, *sizes, channels]
    message = (
        f"RuntimeError: Given groups=1, weight of size [{filters}, {channels}, 3, 3], expected input{shape} to have "
        f"{channels} channels, but got {sizes[0]} channels instead"
    )
    fix = explain(message).fix
    if channels in sizes:
        return
    order = tuple(int(axis) for axis in re.search(r"x\.permute\(([\d, ]+)\)", fix).group(1).split(","))
    assert np.zeros(shape, dtype=np.int8).transpose(order).shape[1] == channels


def test_a_pytorch_view_fix_finds_the_grid_that_holds_the_values_of_one_sample():
    fix = explain("RuntimeError: shape '[16, 9, 9, 32]' is invalid for input of size 50176").fix
    assert "Each of the 16 samples holds 3136 values" in fix and "(16, 7, 14, 32)" in fix


def test_a_pytorch_kernel_larger_than_its_input_gets_the_padding_that_makes_it_fit():
    message = "Calculated padded input size per channel: (2 x 5). Kernel size: (3 x 3). Kernel size can't be greater than actual input size"
    assert "padding=(1, 0)" in explain(message).fix


def anchors(message: str) -> list[str]:
    return [reason.anchor for reason in explain(message).reasons]


def test_an_lstm_given_four_axes_lists_the_unreshaped_map_and_the_missing_timedistributed():
    message = raised(lambda: layers.LSTM(8)(keras.Input((28, 14, 2))))
    assert anchors(message)[:2] == ["nb-crnn", "nb-timedistributed"]
    text = str(explain(message))
    assert "2 causes" in text or "causes give this message" in text


@pytest.mark.parametrize(
    "shape, first",
    [((193, 1), "err-conv2d-sequence"), ((28, 28), "err-conv2d-3d"), ((100, 300), "err-conv2d-sequence")],
)
def test_a_conv2d_given_three_axes_puts_first_the_cause_the_numbers_point_to(shape, first):
    message = raised(lambda: layers.Conv2D(8, 3)(keras.Input(shape)))
    assert anchors(message)[0] == first
    assert set(anchors(message)) >= {"err-conv2d-sequence", "err-conv2d-3d"}


def test_a_channels_first_reshape_in_a_text_cnn_is_named_first():
    message = (
        "ValueError: Negative dimension size caused by subtracting 3 from 1 for 'conv2d_1/convolution' (op: "
        "'Conv2D') with input shapes: [?,1,70,100], [3,100,100,128]."
    )
    explanation = explain(message)
    assert explanation.anchor == "err-channels-first"
    assert "(None, 70, 100, 1)" in explanation.reasons[0].fix
    assert "err-output-size" in anchors(message)


def test_a_deep_axis_of_a_few_steps_points_first_at_a_shrinking_stack():
    message = (
        "ValueError: Negative dimension size caused by subtracting 2 from 1 for 'max_pooling2d_4/MaxPool' (op: "
        "'MaxPool') with input shapes: [?,1,1,512]."
    )
    assert anchors(message)[0] in {"err-stack-shrinks", "err-channels-first"}
    assert "err-stack-shrinks" in anchors(message)


@pytest.mark.parametrize(
    "message, family",
    [
        ("expected min_ndim=4, found ndim=3. Full shape received: (None, 100, 300)", "input-rank"),
        ('Input 0 of layer "global_average_pooling1d" is inco...', "input-rank"),
        ("Negative dimension size caused by subtracting 3 from 1 for 'conv2d_2/convolution'", "output-size"),
        ("InvalidArgumentError: Incompatible shapes: [32] vs. [24]", "incompatible-shapes"),
        (
            "ValueError: Arguments `target` and `output` must have the same shape. Received: target.shape=(10, 1, 1), "
            "output.shape=(10, 800, 1)",
            "loss-rank",
        ),
        (
            "Error when checking target: expected dense to have shape (None, 800, 1) but got array with shape "
            "(200, 1, 1)",
            "loss-rank",
        ),
        (
            "model.add(Reshape(1, 70, 100))\nTypeError: __init__() takes exactly 2 arguments (4 given)",
            "reshape-arguments",
        ),
        (
            'ValueError: Input 0 of layer "conv1d" is incompatible with the layer: expected min_ndim=3, found nd\nim=2',
            "input-rank",
        ),
    ],
)
def test_fragments_cut_and_wrapped_messages_are_recognised(message, family):
    assert explain(message).family == family


def test_a_cut_message_says_so_and_lists_the_causes_for_its_layer():
    text = str(explain('Input 0 of layer "global_average_pooling1d" is inco...'))
    assert "cut off" in text and "nb-global-pooling" in text


def test_the_last_smaller_batch_gets_the_fixed_batch_cause():
    explanation = explain("InvalidArgumentError: Incompatible shapes: [32] vs. [24]")
    assert explanation.anchor == "bt-fixed-batch" and "(here 24 against 32)" in explanation.fix


def test_two_minus_ones_get_a_fix_without_a_second_minus_one_that_keras_accepts():
    message = raised(lambda: layers.Reshape((-1, -1, 32))(keras.Input((98, 32))))
    fix = explain(message).fix
    assert "layers.Reshape((-1, 32))" in fix
    assert layers.Reshape((-1, 32))(keras.Input((98, 32))).shape == (None, 98, 32)


NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_no_corpus_message_makes_the_decoder_fail_whatever_its_numbers(data):
    from corpus_files import CORPUS

    record = data.draw(st.sampled_from(CORPUS))
    # Real messages hold sizes up to ~10**9, and 0 or 1 where something went wrong.
    sizes = st.one_of(st.sampled_from([0, 1, 2, 3]), st.integers(0, 5000), st.integers(0, 10**12))
    message = NUMBER.sub(lambda _: str(data.draw(sizes)), record["message"])
    explanation = explain(message)
    assert explanation is None or str(explanation)


def offered_pipelines(explanation) -> list[list]:
    """The layers each fix of an explanation offers: a Reshape, after the padding or cropping it names first."""
    pipelines = []
    for reason in explanation.reasons:
        for before, target in re.findall(
            r"(?:layers\.(ZeroPadding1D|Cropping1D)\(\(0, \d+\)\)\)? and )?Reshape\(\(([\d, -]+)\)\)", reason.fix
        ):
            sizes = tuple(int(size) for size in target.split(",") if size.strip())
            edge = re.search(rf"layers\.{before}\(\(0, (\d+)\)\)", reason.fix) if before else None
            first = [getattr(layers, before)((0, int(edge.group(1))))] if edge else []
            pipelines.append([*first, layers.Reshape(sizes)])
    return pipelines


@settings(max_examples=25, deadline=None)
@given(
    sample=st.one_of(
        st.tuples(st.integers(6, 120), st.integers(1, 40)),
        st.tuples(st.integers(6, 40), st.integers(6, 40), st.integers(1, 16)),
    ),
    layer=st.sampled_from(["conv1d", "conv2d", "lstm"]),
)
def test_every_reshape_a_rank_explanation_offers_builds_and_feeds_the_layer_that_failed(sample, layer):
    def make():
        return {"conv1d": layers.Conv1D(4, 3), "conv2d": layers.Conv2D(4, 3), "lstm": layers.LSTM(4)}[layer]

    try:
        make()(keras.Input(sample))
        return
    except ValueError as error:
        message = f"ValueError: {error}"
    explanation = explain(message)
    assert explanation is not None, message
    for pipeline in offered_pipelines(explanation):
        reshaped = keras.Input(sample)
        for step in pipeline:
            reshaped = step(reshaped)
        if layer == "conv2d" and min(reshaped.shape[1:3]) < 3:
            continue  # a grid narrower than the 3-wide kernel: the fix says the kernel must fit it
        make()(reshaped)


def test_a_message_copied_from_a_web_page_source_is_read_with_its_entities_decoded():
    explanation = explain(
        "Input 0 of layer &quot;lstm&quot; is incompatible with the layer: expected ndim=3, found ndim=2"
    )
    assert dict(explanation.numbers)["layer"] == "lstm"


@pytest.mark.parametrize(
    "found, first",
    [
        ("(None, 28, 28)", "err-conv2d-3d"),  # a batch (None) of grayscale images: the channels axis is missing
        ("(28, 28, 1)", "bt-unbatched-sample"),  # one image as an array: the batch axis is missing
        ("(None, 28, 28, 3)", "err-channels-first"),  # RGB into a grayscale model: the channel count differs
        ("(None, 1, 28, 28)", "err-channels-first"),  # channels first
    ],
)
def test_a_model_input_message_names_the_axis_its_numbers_point_to(found, first):
    message = f'Input 0 of layer "sequential" is incompatible with the layer: expected shape=(None, 28, 28, 1), found shape={found}'
    assert explain(message).anchor == first


def test_an_axis_of_size_1_is_added_where_the_model_has_it():
    message = 'Input 0 of layer "sequential" is incompatible with the layer: expected shape=(None, 1, 3), found shape=(None, 3)'
    assert "np.expand_dims(x, 1) gives (None, 1, 3)" in explain(message).fix
