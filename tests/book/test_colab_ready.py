"""Every chapter and solution runs top to bottom on Colab's runtime and on the book's locked versions.

Each notebook is executed as on Colab (see runtime_profiles): its own first cell installs convshapes.
On every profile it must raise no unexpected error, write no stderr outside expected-warning cells, show
the outputs the book stores (compared as nbval compares them), and every error it raises must be quoted,
in the wording that profile produces, in the notebook's prose.
"""

from __future__ import annotations

import nbformat
import pytest
from runtime_profiles import (
    COLAB_PROFILE,
    LOCKED_PROFILE,
    ROOT,
    RUNNABLE,
    Profile,
    ProfileRun,
    output_differences,
    stderr_outside_expected_warnings,
    unquoted_errors,
    where_it_ran,
)

from convshapes.notebook.execute import printed_text

EXERCISES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "exercises").glob("*.ipynb"))
EVERY_NOTEBOOK = sorted(
    str(path.relative_to(ROOT))
    for folder in ("notebooks", "exercises", "solutions")
    for path in (ROOT / folder).glob("*.ipynb")
)


class RunsOnAProfile:
    """The checks every profile must pass; each subclass names its profile (and runs on its own worker)."""

    profile: Profile

    @pytest.fixture(scope="class")
    @classmethod
    def runtime(cls, tmp_path_factory) -> ProfileRun:
        return ProfileRun(cls.profile, tmp_path_factory.mktemp(cls.profile.name))

    @pytest.mark.parametrize("path", RUNNABLE)
    def test_runs_top_to_bottom_with_convshapes_from_its_own_install_cell(self, runtime, path):
        python, module = where_it_ran(runtime.execute(path))
        assert python == str(runtime.python), "the notebook ran in another Python"
        assert "/site-packages/convshapes/" in module, f"convshapes came from {module}, not from the notebook's install"

    @pytest.mark.parametrize("path", RUNNABLE)
    def test_shows_the_outputs_the_book_stores(self, runtime, path):
        differences = output_differences(nbformat.read(ROOT / path, as_version=4), runtime.execute(path))
        assert not differences, "\n".join(differences)

    @pytest.mark.parametrize("path", RUNNABLE)
    def test_writes_no_stderr_outside_expected_warnings(self, runtime, path):
        noisy = stderr_outside_expected_warnings(runtime.execute(path))
        assert noisy == [], f"cells {noisy} write to stderr on the {self.profile.name} profile"

    @pytest.mark.parametrize("path", RUNNABLE)
    def test_every_error_is_quoted_in_the_prose_as_this_runtime_words_it(self, runtime, path):
        assert unquoted_errors(runtime.execute(path)) == []

    @pytest.mark.parametrize("path", EXERCISES)
    def test_an_untouched_exercise_gets_feedback_from_the_key_its_install_cell_brought(self, runtime, path):
        executed = runtime.execute(path)
        lines = [
            printed_text(cell).strip()
            for cell in executed.cells
            if cell.cell_type == "code" and cell.source.startswith("checks.check(")
        ]
        assert lines and all(line.startswith("FAIL") and "not answered yet" in line for line in lines), lines


class TestOnTheLockedVersions(RunsOnAProfile):
    profile = LOCKED_PROFILE


class TestOnColabsRuntime(RunsOnAProfile):
    profile = COLAB_PROFILE


@pytest.mark.parametrize("path", EVERY_NOTEBOOK)
def test_notebook_asks_colab_for_a_gpu_runtime(path):
    metadata = nbformat.read(ROOT / path, as_version=4).metadata
    assert metadata.get("accelerator") == "GPU"
    assert metadata.get("colab", {}).get("gpuType"), "Colab picks the GPU type from metadata.colab.gpuType"
