"""PyTorch's channels message read when the paste starts after the weight's size.

"expected input[16, 4, 320, 128] to have 1 channels, but got 4 channels instead" without its first words
("Given groups=1, weight of size [...]") still says which axis PyTorch read and what the layer was built for.
"""

from __future__ import annotations

from .numbers import Facts, dims, show
from .pytorch import read_channels as read_full_channels


def read_channels(facts: Facts) -> str:
    """What the channels message says, with or without the layer's weight."""
    if "weight" in facts:
        return read_full_channels(facts)
    return (
        f"The layer was built for {facts['expected']} input channels (its weight's size was cut from the paste); "
        f"PyTorch reads axis 1 of the input {show(dims(facts['input']))} as channels and finds {facts['got']}."
    )
