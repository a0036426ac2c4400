"""Every chapter and solution runs top to bottom on every Colab runtime version and on the book's locked versions.

Each notebook is executed as on Colab (see runtime_profiles): its own first cell installs convshapes.
On every profile it must raise no unexpected error, write no stderr outside expected-warning cells, show
the outputs the book stores (compared as nbval compares them), and every error it raises must be quoted,
in the wording that profile produces, in the notebook's prose. A Colab profile runs every notebook except
those that import torch (convshapes.authoring.runtimes.NEEDS_TORCH); the locked profile runs only those, since
nbval runs the others on the locked versions in the same test run. `make test` runs the profiles of
runtimes.DEVELOPER_PROFILES, `.ci/run` all of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from runtime_profiles import (
    ROOT,
    ProfileRun,
    imports_torch,
    output_differences,
    stderr_outside_expected_warnings,
    unquoted_errors,
    where_it_ran,
)

from convshapes.authoring.behaviours import BEHAVIOURS, ONEDNN, example_key, is_example, outcome
from convshapes.authoring.runtimes import (
    ALL_PROFILES,
    DEVELOPER_PROFILES,
    LOCKED_PROFILE,
    NEEDS_TORCH,
    REQUIRE_ALL_PROFILES,
    RUNNABLE,
    TORCH_REQUIREMENT,
    Profile,
    colab_profiles,
    selected_profiles,
)
from convshapes.grading.autograder.bundle import build_wheel
from convshapes.notebook.execute import printed_text

EXERCISES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "exercises").glob("*.ipynb"))
EVERY_NOTEBOOK = sorted(
    str(path.relative_to(ROOT))
    for folder in ("notebooks", "exercises", "solutions")
    for path in (ROOT / folder).glob("*.ipynb")
)


def pytest_generate_tests(metafunc):
    """`notebook` is each notebook of the test's class: those its profile runs, in the class's folders."""
    if "notebook" in metafunc.fixturenames:
        metafunc.parametrize("notebook", metafunc.cls.notebooks())


@pytest.fixture(scope="session")
def convshapes_wheel(tmp_path_factory) -> Path:
    """The wheel every notebook's install cell installs, built once per worker."""
    folder = tmp_path_factory.mktemp("convshapes-wheel")
    return build_wheel(ROOT, folder)


class RunsOnAProfile:
    """A profile's environment, shared by a class's tests; each subclass names its profile.

    A profile's notebooks are split over several classes, so that xdist's loadscope can hand them to
    different workers (they share the profile's venv, see runtime_profiles.profile_venv).
    """

    profile: Profile

    @pytest.fixture(scope="class")
    @classmethod
    def runtime(cls, tmp_path_factory, convshapes_wheel) -> ProfileRun:
        return ProfileRun(cls.profile, tmp_path_factory.mktemp(cls.profile.name), convshapes_wheel)


class RunsNotebooks(RunsOnAProfile):
    """The checks every notebook a profile runs must pass, for those in the class's folders."""

    folders: tuple[str, ...] = ("notebooks", "solutions")

    @classmethod
    def notebooks(cls) -> list[str]:
        return [path for path in cls.profile.runnable() if path.split("/", 1)[0] in cls.folders]

    def test_runs_top_to_bottom_with_convshapes_from_its_own_install_cell(self, runtime, notebook):
        python, module = where_it_ran(runtime.execute(notebook))
        assert python == str(runtime.python_for(notebook)), "the notebook ran in another Python"
        assert "/site-packages/convshapes/" in module, f"convshapes came from {module}, not from the notebook's install"
        assert module.startswith(str(runtime.python_for(notebook).parents[1])), (
            f"convshapes came from {module}, not from the notebook's own environment"
        )

    def test_shows_the_outputs_the_book_stores(self, runtime, notebook):
        differences = output_differences(nbformat.read(ROOT / notebook, as_version=4), runtime.execute(notebook))
        assert not differences, "\n".join(differences)

    def test_writes_no_stderr_outside_expected_warnings(self, runtime, notebook):
        noisy = stderr_outside_expected_warnings(runtime.execute(notebook))
        assert noisy == [], f"cells {noisy} write to stderr on the {self.profile.name} profile"

    def test_every_error_is_quoted_in_the_prose_as_this_runtime_words_it(self, runtime, notebook):
        assert unquoted_errors(runtime.execute(notebook)) == []

    def test_each_example_does_what_the_behaviour_file_records_for_this_runtime(self, runtime, notebook):
        record = json.loads(BEHAVIOURS.read_text())["examples"]
        settings = {f"{self.profile.name} oneDNN {onednn}" for onednn in ONEDNN}
        differing = []
        for cell in runtime.execute(notebook).cells:
            if not is_example(cell):
                continue
            groups = record[example_key(notebook, cell)]["outcomes"]
            expected = [
                {k: v for k, v in group.items() if k != "settings"}
                for group in groups
                if settings & set(group["settings"])
            ]
            if outcome(cell) not in expected:
                differing.append(f"{cell.source.splitlines()[0]!r}: {outcome(cell)}, recorded {expected}")
        assert differing == [], "\n".join(differing)


class RunsExercises(RunsOnAProfile):
    """Every untouched exercise, on the class's profile."""

    @pytest.mark.parametrize("path", EXERCISES)
    def test_an_untouched_exercise_gets_feedback_from_the_key_its_install_cell_brought(self, runtime, path):
        executed = runtime.execute(path)
        lines = [
            printed_text(cell).strip()
            for cell in executed.cells
            if cell.cell_type == "code" and cell.source.startswith("checks.check(")
        ]
        assert lines and all(line.startswith("FAIL") and "not answered yet" in line for line in lines), lines


# nbval runs every chapter and solution on the locked versions in the same test run, comparing every output with
# the stored one (stderr included), and the Colab profiles run each from its own install cell. So the locked
# profile runs in full only what no other profile runs: the notebooks that need torch. It still runs every
# untouched exercise.
LOCKED_AS_TESTED = replace(LOCKED_PROFILE, left_out=tuple(path for path in RUNNABLE if path not in NEEDS_TORCH))
PROFILES = tuple(LOCKED_AS_TESTED if profile is LOCKED_PROFILE else profile for profile in selected_profiles())


class TestOnTheLockedVersions(RunsNotebooks, RunsExercises):
    profile = LOCKED_AS_TESTED


def classes_for(profile: Profile) -> dict[str, type]:
    """A profile's notebooks as three classes (chapters, solutions, untouched exercises), so xdist can spread them."""
    suffix = profile.name.replace("-", "_").replace(".", "_")
    return {
        f"TestChaptersOn_{suffix}": type("Chapters", (RunsNotebooks,), {"profile": profile, "folders": ("notebooks",)}),
        f"TestSolutionsOn_{suffix}": type(
            "Solutions", (RunsNotebooks,), {"profile": profile, "folders": ("solutions",)}
        ),
        f"TestExercisesOn_{suffix}": type("Exercises", (RunsExercises,), {"profile": profile}),
    }


# Only the profiles this run selects get test classes: the others are not collected, rather than skipped.
for _profile in PROFILES:
    if _profile is not LOCKED_AS_TESTED:
        globals().update(classes_for(_profile))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.name)
def test_the_test_classes_run_every_notebook_of_a_profile_once(profile):
    ran = [path for cls in RunsNotebooks.__subclasses__() if cls.profile is profile for path in cls.notebooks()]
    assert sorted(ran) == profile.runnable()
    assert [cls for cls in RunsExercises.__subclasses__() if cls.profile is profile], (
        "no class runs the untouched exercises"
    )


def test_ci_runs_every_profile_and_a_developer_the_lock_and_colabs_latest_runtime():
    names = [profile.name for profile in selected_profiles()]
    if REQUIRE_ALL_PROFILES:
        assert names == [profile.name for profile in ALL_PROFILES]
    else:
        assert names == list(DEVELOPER_PROFILES)
    colab = colab_profiles()
    assert {"locked", colab[0].name} == set(DEVELOPER_PROFILES)
    assert colab[0].name == "colab-latest"


def test_every_colab_runtime_file_is_a_profile_with_tensorflow_keras_and_tf_keras_pinned():
    for profile in colab_profiles():
        for package in ("tensorflow", "keras", "tf_keras", "numpy", "ipykernel", "ipython"):
            assert profile.version_of(package), f"{profile.name} pins no {package}"


@pytest.mark.parametrize("path", EVERY_NOTEBOOK)
def test_notebook_asks_colab_for_a_gpu_runtime(path):
    metadata = nbformat.read(ROOT / path, as_version=4).metadata
    assert metadata.get("accelerator") == "GPU"
    assert metadata.get("colab", {}).get("gpuType"), "Colab picks the GPU type from metadata.colab.gpuType"


def test_every_notebook_runs_from_its_own_install_cell_on_one_profile_or_the_other():
    assert sorted({path for profile in PROFILES for path in profile.runnable()}) == RUNNABLE
    assert LOCKED_AS_TESTED.runnable() == list(NEEDS_TORCH), "nbval already runs the others on the locked versions"


@pytest.mark.parametrize("path", RUNNABLE)
def test_every_stored_error_is_quoted_in_the_prose(path):
    """The locked versions' wording: nbval checks in the same run that a fresh kernel raises these very errors."""
    assert unquoted_errors(nbformat.read(ROOT / path, as_version=4)) == []


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda profile: profile.name)
def test_a_profile_leaves_out_only_notebooks_that_exist(profile):
    missing = [path for path in profile.left_out if not (ROOT / path).is_file()]
    assert not missing, f"the {profile.name} profile leaves out notebooks that do not exist: {missing}"


@pytest.mark.parametrize("profile", colab_profiles(), ids=lambda profile: profile.name)
def test_a_colab_profile_leaves_out_exactly_the_notebooks_that_import_torch(profile):
    importing = {path for path in EVERY_NOTEBOOK if imports_torch(nbformat.read(ROOT / path, as_version=4))}
    assert importing, "no notebook imports torch: the colab profiles need not leave any out"
    assert sorted(importing - set(profile.left_out)) == [], "import torch, yet run on a colab profile"
    assert sorted(set(profile.left_out) - importing) == [], "left out of a colab profile without importing torch"


def test_the_locked_profile_installs_the_torch_that_make_test_installs():
    makefile_pin = re.search(r"^TORCH := (\S+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert makefile_pin and makefile_pin.group(1) == TORCH_REQUIREMENT
    assert TORCH_REQUIREMENT in LOCKED_PROFILE.requirements


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import torch", True),
        ("import numpy as np, torch.nn as nn", True),
        ("from torch import nn", True),
        ("from torch.nn import functional", True),
        ("import torchvision", False),
        ("x = 'import torch'", False),
        ("from . import torch_helpers", False),
        ("%load_ext convshapes\nimport torch", True),
        ("!pip install torch\nimport numpy", False),
    ],
)
def test_imports_torch_reads_import_statements(source, expected):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("import torch"), nbformat.v4.new_code_cell(source)]
    )
    assert imports_torch(notebook) is expected


def runtime_label(profile: Profile) -> str:
    """How the README and chapter 1 name a runtime in their table of tested runtimes."""
    if profile is LOCKED_PROFILE:
        return "the book's lock"
    version = profile.name.removeprefix("colab-")
    return "Colab, latest" if version == "latest" else f"Colab {version}"


@pytest.mark.parametrize("path", ["README.md", "notebooks/01_setup_and_conventions.ipynb"])
def test_the_readme_and_chapter_1_name_every_tested_runtime_with_the_versions_its_profile_pins(path):
    text = (ROOT / path).read_text()
    if path.endswith(".ipynb"):
        text = "\n".join(cell.source for cell in nbformat.read(ROOT / path, as_version=4).cells)
    rows = {
        cells[0]: cells[1:6]
        for line in text.splitlines()
        if line.startswith("| ") and len(cells := [cell.strip() for cell in line.strip("|").split("|")]) >= 6
    }
    for profile in ALL_PROFILES:
        versions = [profile.python_version, *(profile.version_of(name) for name in ("tensorflow", "keras", "tf_keras"))]
        assert rows.get(runtime_label(profile)) == [*versions, profile.version_of("numpy")], runtime_label(profile)
