"""PyTorch's matmul message read beyond :mod:`convshapes.decoder.fixes.pytorch`: a paste without its numbers, and
a spectrogram's mel filterbank, which multiplies with the same function as nn.Linear but is no layer of the model.

``n_fft // 2 + 1`` frequency bins (201 for torchaudio's default n_fft=400, 257, 513, 1025, 2049) on either side of
"mat1 and mat2 shapes cannot be multiplied" is a spectrogram of one FFT size meeting a filterbank built for another
(a torchaudio or librosa setting, or an API that changed between versions). A Linear layer after a flattened
convolution map has in_features of channels x height x width, which these odd counts are not.
"""

from __future__ import annotations

from .numbers import Facts, yes
from .pytorch import derive_linear as derive_pytorch_linear
from .pytorch import read_linear as read_pytorch_linear

STFT_BINS = {"201", "257", "513", "1025", "2049"}


def derive_linear(facts: Facts) -> Facts:
    """The PyTorch facts when the message gives its numbers, plus ``numbers`` (whether it does) and ``stft_bins``
    (the features or the weight's rows are a spectrogram's frequency bins: a mel filterbank, not a layer)."""
    if "rows" not in facts:
        return {
            "numbers": "no",
            "flattened_wrong": "",
            "batch_in_features": "no",
            "plausible": "yes",
            "stft_bins": "no",
        }
    bins = facts["features"] in STFT_BINS or facts["in"] in STFT_BINS
    return derive_pytorch_linear(facts) | {"numbers": "yes", "stft_bins": yes(bins)}


def read_linear(facts: Facts) -> str:
    """What the matmul message says, or what it means when the paste stops before the shapes."""
    if "rows" not in facts:
        return (
            "A matrix product got operands whose inner sizes differ: in a model, nn.Linear received another number of "
            "features per row than its in_features (the shapes were cut from the paste)."
        )
    return read_pytorch_linear(facts)
