"""Real data for the capstone: the BasicMotions smart-watch recordings, shipped with the package, and their spectrograms."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

BASIC_MOTIONS_FILE = "basic_motions.npz"
BASIC_MOTIONS_SHAPE = (100, 6)
BASIC_MOTIONS_CLASSES = ("Standing", "Running", "Walking", "Badminton")
_ARRAYS = ("x_train", "y_train", "x_test", "y_test", "class_names", "channel_names")


class DatasetError(ValueError):
    """A data file exists but does not hold what the loader expects."""


@dataclass(frozen=True)
class SeriesDataset:
    """A train/test split of equal-length multichannel series, ``x`` shaped ``(cases, steps, channels)``."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    channel_names: tuple[str, ...]

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    def channels(self, *names: str) -> SeriesDataset:
        """The same split keeping only the named channels, in the order given."""
        unknown = [name for name in names if name not in self.channel_names]
        if unknown or not names:
            raise ValueError(f"choose one or more channels from {self.channel_names}, got {names}.")
        index = [self.channel_names.index(name) for name in names]
        return SeriesDataset(
            self.x_train[..., index], self.y_train, self.x_test[..., index], self.y_test, self.class_names, tuple(names)
        )


def basic_motions_path() -> Path:
    """Where the packaged BasicMotions file lives (it may be missing from a broken install)."""
    return Path(str(resources.files("convshapes") / "data" / BASIC_MOTIONS_FILE))


def load_basic_motions(path: str | Path | None = None) -> SeriesDataset:
    """Load BasicMotions (UEA archive): 40 training and 40 test cases of 100 steps x 6 channels, 4 classes."""
    path = Path(path) if path is not None else basic_motions_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"BasicMotions data file not found at {path}. It ships inside the convshapes package "
            f"(src/convshapes/data/{BASIC_MOTIONS_FILE}); reinstall convshapes, or pass path= to a copy of the file."
        )
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [name for name in _ARRAYS if name not in archive.files]
            if missing:
                raise DatasetError(f"{path.name} is malformed: it lacks the arrays {missing}.")
            arrays = {name: archive[name] for name in _ARRAYS}
    except DatasetError:
        raise
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path.name} is not a readable .npz file: {error}") from error
    return _validated(arrays, path.name)


def _validated(arrays: dict[str, np.ndarray], name: str) -> SeriesDataset:
    class_names = tuple(str(label) for label in arrays["class_names"])
    channel_names = tuple(str(channel) for channel in arrays["channel_names"])
    if class_names != BASIC_MOTIONS_CLASSES:
        raise DatasetError(f"{name} is malformed: class_names is {class_names}, expected {BASIC_MOTIONS_CLASSES}.")
    if len(channel_names) != BASIC_MOTIONS_SHAPE[1]:
        raise DatasetError(
            f"{name} is malformed: it names {len(channel_names)} channels, expected {BASIC_MOTIONS_SHAPE[1]}."
        )
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != BASIC_MOTIONS_SHAPE:
            raise DatasetError(f"{name} is malformed: x_{split} has shape {x.shape}, expected (cases, 100, 6).")
        if y.shape != (x.shape[0],):
            raise DatasetError(
                f"{name} is malformed: y_{split} has shape {y.shape}, expected ({x.shape[0]},), one label per case."
            )
        if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= len(class_names):
            raise DatasetError(f"{name} is malformed: y_{split} must hold integer labels 0 to {len(class_names) - 1}.")
        if not np.all(np.isfinite(x)):
            raise DatasetError(f"{name} is malformed: x_{split} contains NaN or infinite values.")
    return SeriesDataset(
        arrays["x_train"].astype("float32"),
        arrays["y_train"].astype("int64"),
        arrays["x_test"].astype("float32"),
        arrays["y_test"].astype("int64"),
        class_names,
        channel_names,
    )


def standardize(train: np.ndarray, *others: np.ndarray) -> tuple[np.ndarray, ...]:
    """Scale every channel to zero mean and unit variance using statistics of ``train`` only."""
    axes = tuple(range(train.ndim - 1))
    mean = train.mean(axis=axes, keepdims=True, dtype="float64")
    std = train.std(axis=axes, keepdims=True, dtype="float64")
    std = np.where(std > 1e-8 * (1 + np.abs(mean)), std, 1.0)  # a constant channel is only centred
    return tuple(((array - mean) / std).astype("float32") for array in (train, *others))


def spectrogram(x: np.ndarray, frame_length: int = 16, frame_step: int = 4) -> np.ndarray:
    """Log-magnitude STFT of each channel: ``(cases, steps, channels)`` -> ``(cases, frames, bins, channels)``."""
    import tensorflow as tf

    if x.ndim != 3:
        raise ValueError(f"x must have shape (cases, steps, channels), got {x.shape}.")
    series = tf.transpose(tf.convert_to_tensor(x, dtype=tf.float32), (0, 2, 1))  # stft runs over the last axis
    stft = tf.signal.stft(series, frame_length=frame_length, frame_step=frame_step, fft_length=frame_length)
    magnitude = tf.math.log1p(tf.abs(stft))
    return tf.transpose(magnitude, (0, 2, 3, 1)).numpy()
