"""Answer regions become runnable stubs that keep names and signatures but never the answer."""

import pytest

from convshapes.notebook.markers import STUB_COMMENT, MarkerError, stub_regions

SOLVED = '''import keras
# BEGIN SOLUTION
from keras import layers
target_shape = (7, 14, 32)
def build_model(steps, channels=3):
    """Build the fixed Example 1 model."""
    return keras.Sequential([keras.Input(shape=(steps, channels)), layers.Conv1D(32, 3)])
# END SOLUTION
print("after")
'''


def test_assignments_keep_their_names_and_lose_their_values():
    stubbed = stub_regions(SOLVED)
    assert "target_shape = ..." in stubbed
    assert "(7, 14, 32)" not in stubbed


def test_functions_keep_signature_and_docstring_and_return_ellipsis():
    stubbed = stub_regions(SOLVED)
    assert "def build_model(steps, channels=3):" in stubbed
    assert '"""Build the fixed Example 1 model."""' in stubbed
    assert "Conv1D" not in stubbed
    namespace = {}
    exec(compile(stubbed, "<stub>", "exec"), namespace)
    assert namespace["build_model"](100) is Ellipsis


def test_code_outside_the_region_and_imports_inside_it_are_kept():
    stubbed = stub_regions(SOLVED)
    assert stubbed.startswith("import keras\n" + STUB_COMMENT)
    assert "from keras import layers" in stubbed and stubbed.endswith('print("after")\n')
    assert "BEGIN SOLUTION" not in stubbed and "END SOLUTION" not in stubbed


def test_indented_regions_stay_indented():
    source = "for step in range(2):\n    # BEGIN SOLUTION\n    value = step * 2\n    # END SOLUTION\n"
    assert stub_regions(source) == f"for step in range(2):\n    {STUB_COMMENT}\n    value = ...\n"


def test_unbalanced_markers_are_reported():
    with pytest.raises(MarkerError, match="unbalanced"):
        stub_regions("# BEGIN SOLUTION\nx = 1\n")


def test_invalid_python_in_a_region_is_reported():
    with pytest.raises(MarkerError, match="not valid Python"):
        stub_regions("# BEGIN SOLUTION\nx = (\n# END SOLUTION\n")
