"""Real data shipped with the package: BasicMotions (the capstone), PickupGestureWiimoteZ (the hybrid system
chapter), and the spectrograms of their recordings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np

BASIC_MOTIONS_FILE = "basic_motions.npz"
BASIC_MOTIONS_SHAPE = (100, 6)
BASIC_MOTIONS_CLASSES = ("Standing", "Running", "Walking", "Badminton")
PICKUP_GESTURE_FILE = "pickup_gesture.npz"
PICKUP_GESTURE_SHAPE = (361, 1)
PICKUP_GESTURE_CLASSES = tuple(str(subject) for subject in range(1, 11))
_ARRAYS = ("x_train", "y_train", "x_test", "y_test", "class_names", "channel_names")
_LENGTHS = ("length_train", "length_test")


class DatasetError(ValueError):
    """A data file exists but does not hold what the loader expects."""


@dataclass(frozen=True)
class SeriesDataset:
    """A train/test split of multichannel series, ``x`` shaped ``(cases, steps, channels)``.

    Recordings of different lengths are padded with zeros at the end; ``length_train`` and ``length_test`` then
    hold each recording's own number of steps (``None`` when every recording fills all the steps)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]
    channel_names: tuple[str, ...]
    length_train: np.ndarray | None = None
    length_test: np.ndarray | None = None

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    def channels(self, *names: str) -> SeriesDataset:
        """The same split keeping only the named channels, in the order given."""
        unknown = [name for name in names if name not in self.channel_names]
        if unknown or not names:
            raise ValueError(f"choose one or more channels from {self.channel_names}, got {names}.")
        index = [self.channel_names.index(name) for name in names]
        return replace(self, x_train=self.x_train[..., index], x_test=self.x_test[..., index], channel_names=names)


@dataclass(frozen=True)
class _Spec:
    """What one packaged data file must hold."""

    title: str
    file: str
    shape: tuple[int, int]
    classes: tuple[str, ...]
    padded: bool


_BASIC_MOTIONS = _Spec("BasicMotions", BASIC_MOTIONS_FILE, BASIC_MOTIONS_SHAPE, BASIC_MOTIONS_CLASSES, padded=False)
_PICKUP_GESTURE = _Spec(
    "PickupGestureWiimoteZ", PICKUP_GESTURE_FILE, PICKUP_GESTURE_SHAPE, PICKUP_GESTURE_CLASSES, padded=True
)


def data_path(file: str) -> Path:
    """Where a packaged data file lives (it may be missing from a broken install)."""
    return Path(str(resources.files("convshapes") / "data" / file))


def basic_motions_path() -> Path:
    """Where the packaged BasicMotions file lives."""
    return data_path(BASIC_MOTIONS_FILE)


def load_basic_motions(path: str | Path | None = None) -> SeriesDataset:
    """Load BasicMotions (UEA archive): 40 training and 40 test cases of 100 steps x 6 channels, 4 classes."""
    return _load(_BASIC_MOTIONS, path)


def load_pickup_gesture(path: str | Path | None = None) -> SeriesDataset:
    """Load PickupGestureWiimoteZ (UCR archive): 50 training and 50 test pick-up gestures by 10 people.

    Each is the Wiimote's z acceleration, 29 to 361 steps long, zero-padded to 361 steps x 1 channel;
    the class is the person (``"1"`` to ``"10"``)."""
    return _load(_PICKUP_GESTURE, path)


def _load(spec: _Spec, path: str | Path | None) -> SeriesDataset:
    path = Path(path) if path is not None else data_path(spec.file)
    if not path.is_file():
        raise FileNotFoundError(
            f"{spec.title} data file not found at {path}. It ships inside the convshapes package "
            f"(src/convshapes/data/{spec.file}); reinstall convshapes, or pass path= to a copy of the file."
        )
    names = _ARRAYS + (_LENGTHS if spec.padded else ())
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [name for name in names if name not in archive.files]
            if missing:
                raise DatasetError(f"{path.name} is malformed: it lacks the arrays {missing}.")
            arrays = {name: archive[name] for name in names}
    except DatasetError:
        raise
    except (OSError, ValueError) as error:
        raise DatasetError(f"{path.name} is not a readable .npz file: {error}") from error
    return _validated(arrays, path.name, spec)


def _validated(arrays: dict[str, np.ndarray], name: str, spec: _Spec) -> SeriesDataset:
    class_names = tuple(str(label) for label in arrays["class_names"])
    channel_names = tuple(str(channel) for channel in arrays["channel_names"])
    steps, channels = spec.shape
    if class_names != spec.classes:
        raise DatasetError(f"{name} is malformed: class_names is {class_names}, expected {spec.classes}.")
    if len(channel_names) != channels:
        raise DatasetError(f"{name} is malformed: it names {len(channel_names)} channels, expected {channels}.")
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != spec.shape:
            raise DatasetError(
                f"{name} is malformed: x_{split} has shape {x.shape}, expected (cases, {steps}, {channels})."
            )
        if y.shape != (x.shape[0],):
            raise DatasetError(
                f"{name} is malformed: y_{split} has shape {y.shape}, expected ({x.shape[0]},), one label per case."
            )
        if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= len(class_names):
            raise DatasetError(f"{name} is malformed: y_{split} must hold integer labels 0 to {len(class_names) - 1}.")
        if not np.all(np.isfinite(x)):
            raise DatasetError(f"{name} is malformed: x_{split} contains NaN or infinite values.")
        if spec.padded:
            _check_padding(x, arrays[f"length_{split}"], f"{name} is malformed: length_{split}")
    lengths = {key: arrays[key].astype("int64") for key in _LENGTHS} if spec.padded else {}
    return SeriesDataset(
        arrays["x_train"].astype("float32"),
        arrays["y_train"].astype("int64"),
        arrays["x_test"].astype("float32"),
        arrays["y_test"].astype("int64"),
        class_names,
        channel_names,
        **lengths,
    )


def _check_padding(x: np.ndarray, lengths: np.ndarray, problem: str) -> None:
    """Every length lies between 1 and the steps, and every step past a recording's length is zero."""
    cases, steps, _ = x.shape
    if lengths.shape != (cases,) or not np.issubdtype(lengths.dtype, np.integer):
        raise DatasetError(f"{problem} must hold one integer length per case, got shape {lengths.shape}.")
    if lengths.min() < 1 or lengths.max() > steps:
        raise DatasetError(f"{problem} must lie between 1 and {steps}.")
    past_the_end = np.arange(steps)[None, :] >= lengths[:, None]
    if np.any(x[past_the_end] != 0):
        raise DatasetError(f"{problem} does not match the data: steps past a recording's length must be zeros.")


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
