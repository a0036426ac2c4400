"""import_tensorflow_quietly drops only known start-up noise from file descriptor 2 and passes every other line on."""

import os
import re
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest

import convshapes
from convshapes.notebook.install_cell import INSTALL_CELL_SOURCE
from convshapes.quiet_start import NOISE_FILE, noise_patterns, without_noise

SRC = Path(convshapes.__file__).resolve().parents[1]

# Real stderr of `import os; os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"; import keras, tensorflow` (or with the
# variable unset), captured on a CPU machine in virtualenvs replicating Colab's runtime versions. The same lines reach
# a notebook as a stderr stream output. 2026.07 and latest (Python 3.12 and 3.13, TensorFlow 2.20) wrote nothing.
CAPTURED_AT_LOG_LEVEL_3 = {
    # 2025.07: Python 3.11, TensorFlow 2.18.0, Keras 3.8.0
    "2025.07": """\
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
E0000 00:00:1796595738.212179    4279 cuda_dnn.cc:8310] Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
E0000 00:00:1796595738.218527    4279 cuda_blas.cc:1418] Unable to register cuBLAS factory: Attempting to register factory for plugin cuBLAS when one has already been registered
""",
    # 2026.04: Python 3.12, TensorFlow 2.19.0, Keras 3.13.2 (2025.10 and 2026.01, with Keras 3.10.0, wrote the same)
    "2026.04": """\
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
E0000 00:00:1796596020.571766    5707 cuda_dnn.cc:8579] Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
E0000 00:00:1796596020.575738    5707 cuda_blas.cc:1407] Unable to register cuBLAS factory: Attempting to register factory for plugin cuBLAS when one has already been registered
W0000 00:00:1796596020.588413    5707 computation_placer.cc:177] computation placer already registered. Please check linkage and avoid linking the same target more than once.
W0000 00:00:1796596020.588453    5707 computation_placer.cc:177] computation placer already registered. Please check linkage and avoid linking the same target more than once.
W0000 00:00:1796596020.588456    5707 computation_placer.cc:177] computation placer already registered. Please check linkage and avoid linking the same target more than once.
W0000 00:00:1796596020.588458    5707 computation_placer.cc:177] computation placer already registered. Please check linkage and avoid linking the same target more than once.
""",
}
# 2025.07 with TF_CPP_MIN_LOG_LEVEL unset: the informational lines (I) are not noise, the cuFFT line is.
CAPTURED_WITHOUT_LOG_LEVEL = """\
2026-12-06 22:22:29.347540: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on. You may see slightly different numerical results due to floating-point round-off errors from different computation orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.
2026-12-06 22:22:29.348208: I external/local_xla/xla/tsl/cuda/cudart_stub.cc:32] Could not find cuda drivers on your machine, GPU will not be used.
2026-12-06 22:22:29.351013: I external/local_xla/xla/tsl/cuda/cudart_stub.cc:32] Could not find cuda drivers on your machine, GPU will not be used.
2026-12-06 22:22:29.359452: E external/local_xla/xla/stream_executor/cuda/cuda_fft.cc:477] Unable to register cuFFT factory: Attempting to register factory for plugin cuFFT when one has already been registered
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
E0000 00:00:1796595749.374698    4285 cuda_dnn.cc:8310] Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
E0000 00:00:1796595749.378805    4285 cuda_blas.cc:1418] Unable to register cuBLAS factory: Attempting to register factory for plugin cuBLAS when one has already been registered
2026-12-06 22:22:29.394341: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
To enable the following instructions: AVX2 AVX512F AVX512_VNNI AVX512_BF16 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
"""
REAL_LINES = [
    line for text in [*CAPTURED_AT_LOG_LEVEL_3.values(), CAPTURED_WITHOUT_LOG_LEVEL] for line in text.splitlines()
]
NOISE = CAPTURED_AT_LOG_LEVEL_3["2026.04"]


def run_with_fake_tensorflow(tmp_path: Path, tensorflow_source: str, script: str) -> subprocess.CompletedProcess:
    """Run ``script`` in a fresh Python whose ``tensorflow`` is a package made of ``tensorflow_source``."""
    package = tmp_path / "fake" / "tensorflow"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(tensorflow_source)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "fake"), str(SRC)])}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, env=environment, timeout=60
    )


def noisy_tensorflow(writes: str = NOISE + "an unknown line\n", then: str = "") -> str:
    """Source of a fake tensorflow that writes ``writes`` straight to file descriptor 2, then runs ``then``."""
    return f"import os\nos.write(2, {writes.encode()!r})\n{then}"


QUIET_IMPORT = "from convshapes.quiet_start import import_tensorflow_quietly\nimport_tensorflow_quietly()\n"


def test_known_noise_written_to_file_descriptor_2_is_dropped_and_an_unknown_line_kept(tmp_path):
    result = run_with_fake_tensorflow(
        tmp_path, noisy_tensorflow(), QUIET_IMPORT + "import sys\nprint(sys.modules['tensorflow'].__file__)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "an unknown line\n"
    assert result.stdout.startswith(str(tmp_path / "fake" / "tensorflow"))


def test_without_the_quiet_import_the_same_fake_tensorflow_is_noisy(tmp_path):
    result = run_with_fake_tensorflow(tmp_path, noisy_tensorflow(), "import tensorflow")
    assert result.stderr == NOISE + "an unknown line\n"


def test_file_descriptor_2_is_restored_after_the_import(tmp_path):
    after = "import os, sys\nos.write(2, b'written to fd 2 after\\n')\nprint('printed to sys.stderr after', file=sys.stderr)\n"
    result = run_with_fake_tensorflow(tmp_path, noisy_tensorflow(), QUIET_IMPORT + after)
    assert result.stderr == "an unknown line\nwritten to fd 2 after\nprinted to sys.stderr after\n"


def test_an_error_during_the_import_propagates_and_what_was_printed_before_it_is_kept(tmp_path):
    broken = noisy_tensorflow(then="raise ImportError('this build of TensorFlow is broken')")
    result = run_with_fake_tensorflow(tmp_path, broken, QUIET_IMPORT)
    assert result.returncode == 1
    assert result.stderr.startswith("an unknown line\nTraceback")
    assert result.stderr.endswith("ImportError: this build of TensorFlow is broken\n")
    assert "cuDNN" not in result.stderr


def test_a_tensorflow_missing_one_of_its_own_modules_still_raises(tmp_path):
    result = run_with_fake_tensorflow(tmp_path, "import a_module_tensorflow_needs\n", QUIET_IMPORT)
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'a_module_tensorflow_needs'" in result.stderr


def test_a_missing_tensorflow_is_tolerated(tmp_path):
    script = """\
        import sys
        from convshapes.quiet_start import import_tensorflow_quietly
        sys.path[:] = [path for path in sys.path if "-packages" not in path and path != ""]
        import_tensorflow_quietly()
        print("tensorflow" in sys.modules)
    """
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, env=environment, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("False\n", "")


def test_every_noise_pattern_is_a_valid_regex_that_matches_a_real_captured_line():
    text = (resources.files("convshapes") / "data" / NOISE_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == len(noise_patterns()) >= 5
    for line in lines:
        pattern = re.compile(line)
        assert any(pattern.fullmatch(real) for real in REAL_LINES), f"no real captured line matches {line!r}"


@pytest.mark.parametrize("runtime", sorted(CAPTURED_AT_LOG_LEVEL_3))
def test_everything_a_runtime_wrote_at_log_level_3_is_noise(runtime):
    assert without_noise(CAPTURED_AT_LOG_LEVEL_3[runtime]) == ""


def test_informational_lines_shown_below_log_level_3_are_kept():
    kept = without_noise(CAPTURED_WITHOUT_LOG_LEVEL).splitlines()
    assert len(kept) == 5
    assert all("] Unable to register" not in line for line in kept)
    assert any("Could not find cuda drivers" in line for line in kept)


def test_a_line_is_dropped_only_when_a_pattern_matches_all_of_it():
    noise = CAPTURED_AT_LOG_LEVEL_3["2025.07"].splitlines()[1]
    assert without_noise(f"{noise}\n{noise} (and then something else)\nno newline at the end") == (
        f"{noise} (and then something else)\nno newline at the end"
    )


def test_the_install_cell_imports_tensorflow_quietly_after_installing_convshapes():
    assert INSTALL_CELL_SOURCE.index("import_tensorflow_quietly()") > INSTALL_CELL_SOURCE.index("pip")


def test_the_install_cell_run_outside_colab_writes_nothing_for_a_noisy_tensorflow(tmp_path):
    result = run_with_fake_tensorflow(tmp_path, noisy_tensorflow(writes=NOISE), INSTALL_CELL_SOURCE)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
