"""Every committed notebook is canonical, asks Colab for a GPU, and keeps to the house rules."""

import ast
import re

import pytest
from notebook_files import ROOT, code_cells, committed_notebooks, read, tags

from convshapes.notebook.format import NOTEBOOK_METADATA, canonical_text
from convshapes.notebook.install_cell import INSTALL_CELL_SOURCE
from convshapes.notebook.machine_paths import MACHINE_PATH

NOTEBOOKS = committed_notebooks()
EXECUTED = [path for path in NOTEBOOKS if path.parent.name in ("notebooks", "solutions")]
ids = [str(path.relative_to(ROOT)) for path in NOTEBOOKS]
executed_ids = [str(path.relative_to(ROOT)) for path in EXECUTED]
TF_KERAS = re.compile(r"\btf\.keras\b|\btensorflow\.keras\b|\btf_keras\b")


def uses_legacy_api(source: str) -> bool:
    """``tf.keras`` or ``tf_keras`` (Keras 2), or ``input_shape=`` passed to a layer class (not to our own check functions)."""
    if TF_KERAS.search(source):
        return True
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return bool(re.search(r"\b[A-Z]\w*\([^)]*\binput_shape\s*=", source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and any(keyword.arg == "input_shape" for keyword in node.keywords):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name[:1].isupper():
                return True
    return False


RAW_FLOAT = re.compile(r"\d\.\d{5,}")


def test_the_book_has_notebooks():
    assert len(EXECUTED) >= 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_file_is_canonical_json(path):
    assert path.read_text(encoding="utf-8") == canonical_text(read(path)), (
        f"{path.name} is not canonical: run `python -m convshapes.notebook.format {path.relative_to(ROOT)}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_asks_colab_for_a_gpu_and_uses_python3(path):
    metadata = read(path).metadata
    assert metadata["kernelspec"]["name"] == "python3"
    assert metadata["accelerator"] == NOTEBOOK_METADATA["accelerator"] == "GPU"
    assert metadata["colab"]["gpuType"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_first_code_cell_is_the_install_cell_with_its_source_hidden_on_the_website(path):
    first = code_cells(read(path))[0]
    assert first.source == INSTALL_CELL_SOURCE, (
        "the first code cell must be convshapes.notebook.install_cell.INSTALL_CELL_SOURCE"
    )
    assert "hide-input" in tags(first)


def test_the_install_cell_installs_convshapes_on_colab_only():
    assert 'if "google.colab" in sys.modules:' in INSTALL_CELL_SOURCE
    assert (
        "git+https://github.com/convshapes/convshapes@main" in INSTALL_CELL_SOURCE
        and "--no-deps" in INSTALL_CELL_SOURCE
    )


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_no_stored_output_shows_a_path_of_the_machine_that_ran_it(path):
    for cell in code_cells(read(path)):
        for output in cell.outputs:
            texts = [
                output.get("text", ""),
                output.get("evalue", ""),
                *output.get("traceback", []),
                output.get("data", {}).get("text/plain", ""),
            ]
            found = [MACHINE_PATH.search(text).group() for text in texts if MACHINE_PATH.search(text)]
            assert not found, f"machine path {found[0]!r} in the output of {cell.source[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_keras3_idioms_outside_original_examples(path):
    offenders = [
        cell.source.splitlines()[0]
        for cell in code_cells(read(path))
        if not {"original-example", "historical-example"} & set(tags(cell)) and uses_legacy_api(cell.source)
    ]
    assert not offenders, f"input_shape=, tf.keras or tf_keras outside original or historical examples: {offenders}"


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_every_code_cell_has_stored_outputs_from_one_run(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert None not in counts, f"{path.name} has unexecuted cells: run make notebooks"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name} was not run top to bottom in one kernel"


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_errors_and_stderr_only_where_tagged(path):
    for cell in code_cells(read(path)):
        if any(output.output_type == "error" for output in cell.outputs):
            assert "raises-exception" in tags(cell), f"untagged error in: {cell.source[:80]!r}"
        if any(output.get("name") == "stderr" for output in cell.outputs):
            assert "expected-warning" in tags(cell), f"stderr output in: {cell.source[:80]!r}"
            assert cell.metadata.get("mystnb", {}).get("output_stderr") == "show"


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_tagged_error_cells_really_raise(path):
    for cell in code_cells(read(path)):
        if "raises-exception" in tags(cell):
            assert any(output.output_type == "error" for output in cell.outputs), cell.source[:80]


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_no_raw_floats_in_compared_text(path):
    for cell in code_cells(read(path)):
        for output in cell.outputs:
            text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
            assert not RAW_FLOAT.search(text), f"raw float in output of {cell.source[:80]!r}: {text[:200]!r}"


@pytest.mark.parametrize("path", EXECUTED, ids=executed_ids)
def test_every_figure_has_a_caption_and_alt_text(path):
    for cell in code_cells(read(path)):
        if any("image/png" in output.get("data", {}) for output in cell.outputs):
            mystnb = cell.metadata.get("mystnb", {})
            assert mystnb.get("figure", {}).get("caption"), f"figure without caption: {cell.source[:80]!r}"
            assert mystnb.get("image", {}).get("alt"), f"figure without alt text: {cell.source[:80]!r}"


def test_legacy_api_detection():
    assert uses_legacy_api("layers.Conv1D(32, 3, input_shape=(100, 3))")
    assert uses_legacy_api("from tensorflow.keras import layers")
    assert not uses_legacy_api("checks.check_model('q', build, input_shape=(100, 3), output_shape=(10,))")
    assert not uses_legacy_api("keras.Input(shape=(100, 3))")
