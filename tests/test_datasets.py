"""The packaged BasicMotions data loads with its published split, and broken copies fail with a clear error."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from convshapes import datasets
from convshapes.datasets import DatasetError, load_basic_motions, spectrogram, standardize


@pytest.fixture(scope="module")
def basic_motions():
    return load_basic_motions()


@pytest.fixture
def write_copy(tmp_path, basic_motions):
    """Write a copy of the packaged arrays, with some replaced or removed, and return its path."""

    def write(drop=(), **replace):
        arrays = {
            "x_train": basic_motions.x_train,
            "y_train": basic_motions.y_train,
            "x_test": basic_motions.x_test,
            "y_test": basic_motions.y_test,
            "class_names": np.array(basic_motions.class_names),
            "channel_names": np.array(basic_motions.channel_names),
        }
        arrays.update(replace)
        for name in drop:
            del arrays[name]
        path = tmp_path / "copy.npz"
        np.savez(path, **arrays)
        return path

    return write


def test_the_data_file_ships_inside_the_package():
    assert datasets.basic_motions_path().is_file()


def test_split_sizes_match_the_uea_archive(basic_motions):
    # Bagnall et al. 2018, Table 2: BasicMotions has 40 training and 40 test cases.
    assert basic_motions.x_train.shape[0] == 40
    assert basic_motions.x_test.shape[0] == 40


def test_each_case_is_ten_seconds_at_ten_hertz_on_six_channels(basic_motions):
    # The .ts header: 3D accelerometer + 3D gyroscope, sampled every tenth of a second for ten seconds.
    assert basic_motions.x_train.shape[1:] == (100, 6)
    assert basic_motions.x_test.shape[1:] == (100, 6)


def test_every_class_has_ten_cases_in_each_split(basic_motions):
    assert basic_motions.num_classes == 4
    assert np.bincount(basic_motions.y_train).tolist() == [10, 10, 10, 10]
    assert np.bincount(basic_motions.y_test).tolist() == [10, 10, 10, 10]


def test_class_names_follow_the_ts_header_order(basic_motions):
    assert basic_motions.class_names == ("Standing", "Running", "Walking", "Badminton")


def test_standing_moves_less_than_running(basic_motions):
    def motion(label):
        cases = basic_motions.x_train[basic_motions.y_train == basic_motions.class_names.index(label)]
        return np.abs(np.diff(cases, axis=1)).mean()

    assert motion("Standing") < motion("Walking") < motion("Running")


def test_train_and_test_cases_are_different_recordings(basic_motions):
    flat_train = {case.tobytes() for case in basic_motions.x_train}
    assert not any(case.tobytes() in flat_train for case in basic_motions.x_test)


def test_channels_selects_the_accelerometer_half(basic_motions):
    accelerometer = basic_motions.channels("accel_x", "accel_y", "accel_z")
    assert accelerometer.x_train.shape == (40, 100, 3)
    np.testing.assert_array_equal(accelerometer.x_test, basic_motions.x_test[..., :3])
    assert accelerometer.channel_names == ("accel_x", "accel_y", "accel_z")


def test_channels_rejects_an_unknown_channel_by_listing_the_known_ones(basic_motions):
    with pytest.raises(ValueError, match="accel_x"):
        basic_motions.channels("magnetometer")


def test_a_missing_file_raises_file_not_found_naming_the_path(tmp_path):
    missing = tmp_path / "nowhere.npz"
    with pytest.raises(FileNotFoundError, match="nowhere.npz"):
        load_basic_motions(missing)


def test_a_file_that_is_not_npz_is_a_dataset_error(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_text("not an archive")
    with pytest.raises(DatasetError, match="not a readable .npz"):
        load_basic_motions(path)


def test_a_missing_array_is_named(write_copy):
    with pytest.raises(DatasetError, match="y_test"):
        load_basic_motions(write_copy(drop=("y_test",)))


def test_series_of_the_wrong_length_are_rejected(write_copy, basic_motions):
    with pytest.raises(DatasetError, match=r"x_train has shape \(40, 99, 6\)"):
        load_basic_motions(write_copy(x_train=basic_motions.x_train[:, :99]))


def test_one_label_per_case_is_required(write_copy, basic_motions):
    with pytest.raises(DatasetError, match="y_test"):
        load_basic_motions(write_copy(y_test=basic_motions.y_test[:39]))


def test_labels_outside_the_classes_are_rejected(write_copy, basic_motions):
    with pytest.raises(DatasetError, match="labels 0 to 3"):
        load_basic_motions(write_copy(y_train=basic_motions.y_train + 1))


def test_non_finite_values_are_rejected(write_copy, basic_motions):
    corrupted = basic_motions.x_test.copy()
    corrupted[3, 50, 2] = np.nan
    with pytest.raises(DatasetError, match="NaN"):
        load_basic_motions(write_copy(x_test=corrupted))


def test_unexpected_class_names_are_rejected(write_copy):
    with pytest.raises(DatasetError, match="class_names"):
        load_basic_motions(write_copy(class_names=np.array(["a", "b", "c", "d"])))


def test_dataset_error_is_a_value_error():
    assert issubclass(DatasetError, ValueError)


finite = st.floats(-1e3, 1e3, allow_nan=False, width=32)


@settings(max_examples=40, deadline=None)
@given(arrays("float32", (8, 5, 3), elements=finite))
def test_standardize_gives_every_varying_training_channel_zero_mean_and_unit_variance(train):
    (scaled,) = standardize(train)
    varying = train.reshape(-1, 3).std(axis=0) > 1e-2
    flat = scaled.reshape(-1, 3).astype("float64")
    np.testing.assert_allclose(flat.mean(axis=0), 0, atol=1e-3)
    np.testing.assert_allclose(flat.std(axis=0)[varying], 1, atol=1e-3)


def test_standardize_scales_the_test_split_with_training_statistics():
    train = np.array([[[0.0], [2.0]], [[4.0], [6.0]]], dtype="float32")  # mean 3, std sqrt(5)
    test = np.array([[[3.0], [3.0 + np.sqrt(5.0)]]], dtype="float32")
    _, scaled_test = standardize(train, test)
    np.testing.assert_allclose(scaled_test.ravel(), [0.0, 1.0], atol=1e-6)


def test_standardize_leaves_a_constant_channel_finite():
    train = np.ones((4, 10, 2), dtype="float32")
    (scaled,) = standardize(train)
    assert np.all(np.isfinite(scaled))


def test_spectrogram_has_one_frame_per_hop_and_half_the_fft_bins():
    frames = spectrogram(np.zeros((2, 100, 3), dtype="float32"), frame_length=16, frame_step=4)
    assert frames.shape == (2, 1 + (100 - 16) // 4, 16 // 2 + 1, 3)


@pytest.mark.parametrize("bin_index", [2, 3, 6])
def test_a_pure_tone_peaks_in_its_own_frequency_bin(bin_index):
    steps = np.arange(100)
    tone = np.sin(2 * np.pi * bin_index * steps / 16).astype("float32")
    frames = spectrogram(tone[None, :, None], frame_length=16, frame_step=4)
    assert np.all(frames[0, :, :, 0].argmax(axis=1) == bin_index)


def test_spectrogram_keeps_channels_apart():
    steps = np.arange(100)
    x = np.stack([np.sin(2 * np.pi * 2 * steps / 16), np.zeros(100)], axis=-1)[None].astype("float32")
    frames = spectrogram(x)
    assert frames[..., 0].max() > 1 and np.allclose(frames[..., 1], 0)


def test_spectrogram_rejects_a_single_series_without_the_case_axis():
    with pytest.raises(ValueError, match=r"\(cases, steps, channels\)"):
        spectrogram(np.zeros((100, 3), dtype="float32"))


@pytest.fixture(scope="module")
def pickup_gesture():
    return datasets.load_pickup_gesture()


def pickup_arrays(dataset, **replace):
    arrays = {
        "x_train": dataset.x_train,
        "y_train": dataset.y_train,
        "length_train": dataset.length_train,
        "x_test": dataset.x_test,
        "y_test": dataset.y_test,
        "length_test": dataset.length_test,
        "class_names": np.array(dataset.class_names),
        "channel_names": np.array(dataset.channel_names),
    }
    arrays.update(replace)
    return arrays


def test_the_pickup_gesture_file_ships_inside_the_package():
    assert datasets.data_path(datasets.PICKUP_GESTURE_FILE).is_file()


def test_pickup_gesture_has_the_archive_split_of_five_gestures_per_person(pickup_gesture):
    # The .ts header: train size 50, test size 50, 10 classes (one per subject).
    assert pickup_gesture.x_train.shape == (50, 361, 1) and pickup_gesture.x_test.shape == (50, 361, 1)
    assert np.bincount(pickup_gesture.y_train).tolist() == [5] * 10
    assert np.bincount(pickup_gesture.y_test).tolist() == [5] * 10
    assert pickup_gesture.class_names == tuple(str(subject) for subject in range(1, 11))
    assert pickup_gesture.channel_names == ("accel_z",)


def test_pickup_gestures_vary_in_length_up_to_the_padded_361_steps(pickup_gesture):
    assert (pickup_gesture.length_train.min(), pickup_gesture.length_train.max()) == (29, 361)
    assert (pickup_gesture.length_test.min(), pickup_gesture.length_test.max()) == (37, 324)


def test_every_step_past_a_gestures_length_is_zero_padding(pickup_gesture):
    for x, lengths in (
        (pickup_gesture.x_train, pickup_gesture.length_train),
        (pickup_gesture.x_test, pickup_gesture.length_test),
    ):
        past_the_end = np.arange(361)[None, :] >= lengths[:, None]
        assert np.all(x[past_the_end] == 0)


def test_the_second_training_gesture_starts_as_in_the_ts_file(pickup_gesture):
    # PickupGestureWiimoteZ_TRAIN.ts, second data line: 0.923,0.962,0.962,1.0,1.0,1.0,1.038,...
    np.testing.assert_allclose(pickup_gesture.x_train[1, :7, 0], [0.923, 0.962, 0.962, 1.0, 1.0, 1.0, 1.038], atol=1e-6)


def test_a_held_wiimote_reads_about_one_g_on_its_z_axis(pickup_gesture):
    real = np.concatenate(
        [case[:length, 0] for case, length in zip(pickup_gesture.x_train, pickup_gesture.length_train)]
    )
    assert 0.9 < np.median(real) < 1.1


def test_channels_keeps_the_lengths_of_padded_recordings(pickup_gesture):
    selected = pickup_gesture.channels("accel_z")
    np.testing.assert_array_equal(selected.length_test, pickup_gesture.length_test)


def test_pickup_gesture_without_lengths_is_a_dataset_error(tmp_path, pickup_gesture):
    arrays = pickup_arrays(pickup_gesture)
    del arrays["length_test"]
    np.savez(tmp_path / "copy.npz", **arrays)
    with pytest.raises(DatasetError, match="length_test"):
        datasets.load_pickup_gesture(tmp_path / "copy.npz")


def test_lengths_that_do_not_match_the_padding_are_rejected(tmp_path, pickup_gesture):
    np.savez(tmp_path / "copy.npz", **pickup_arrays(pickup_gesture, length_train=pickup_gesture.length_train - 1))
    with pytest.raises(DatasetError, match="past a recording's length must be zeros"):
        datasets.load_pickup_gesture(tmp_path / "copy.npz")


def test_lengths_longer_than_the_padded_steps_are_rejected(tmp_path, pickup_gesture):
    np.savez(tmp_path / "copy.npz", **pickup_arrays(pickup_gesture, length_test=pickup_gesture.length_test + 400))
    with pytest.raises(DatasetError, match="between 1 and 361"):
        datasets.load_pickup_gesture(tmp_path / "copy.npz")


def test_a_missing_pickup_gesture_file_names_the_dataset(tmp_path):
    with pytest.raises(FileNotFoundError, match="PickupGestureWiimoteZ data file not found"):
        datasets.load_pickup_gesture(tmp_path / "nowhere.npz")
