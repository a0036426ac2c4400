"""essential_message keeps the words a reader searches for and drops the wrapping that varies."""

from convshapes.error_text import essential_message, first_sentence

KERAS_WRAPPED = (
    "Exception encountered when calling Reshape.call().\n\n\x1b[1mThe total size of the tensor must be unchanged. "
    "Received: input_shape=(98, 32), target_shape=(20, 20, 32)\x1b[0m\n\nArguments received by Reshape.call():\n"
    "  • args=('<KerasTensor shape=(None, 98, 32), dtype=float32, sparse=False, ragged=False, name=keras_tensor_1>',)"
)
TENSORFLOW_OP = (
    "{{function_node __wrapped__Conv2D_device_/job:localhost/replica:0/task:0/device:CPU:0}} The Conv2D op "
    "currently only supports the NHWC tensor format on the CPU. The op was given the format: NCHW [Op:Conv2D] name: "
)


def test_the_keras_call_wrapper_colour_codes_and_arguments_are_dropped():
    assert essential_message(KERAS_WRAPPED) == (
        "The total size of the tensor must be unchanged. Received: input_shape=(98, 32), target_shape=(20, 20, 32)"
    )


def test_tensorflow_node_names_and_the_op_suffix_are_dropped():
    assert essential_message(TENSORFLOW_OP) == (
        "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was given the format: NCHW"
    )


def test_a_plain_message_is_kept_as_it_is():
    message = "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2,)"
    assert essential_message(message) == message


def test_the_first_sentence_ends_at_the_first_full_stop():
    assert first_sentence(KERAS_WRAPPED) == "The total size of the tensor must be unchanged."
    assert first_sentence(TENSORFLOW_OP) == "The Conv2D op currently only supports the NHWC tensor format on the CPU."


def test_a_message_without_a_full_stop_is_one_sentence():
    message = "Input to reshape is a tensor with 50176 values, but the requested shape requires a multiple of 2592"
    assert first_sentence(message) == message
