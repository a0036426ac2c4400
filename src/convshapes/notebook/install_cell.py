"""Every notebook's first cell, folded on the website: installs convshapes on Colab, imports TensorFlow quietly."""

INSTALL_CELL_SOURCE = """\
# On Colab, install this book's helper package (it brings no dependencies of its own).
import os
import subprocess
import sys
import warnings

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # keep TensorFlow's start-up log out of the outputs
# Show a warning as "UserWarning: message", without the path of the library file that raised it.
warnings.formatwarning = lambda message, category, *location: f"{category.__name__}: {message}\\n"
if "google.colab" in sys.modules:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "convshapes @ git+https://github.com/convshapes/convshapes@main"],
        check=True,
    )

from convshapes.quiet_start import import_tensorflow_quietly

import_tensorflow_quietly()  # hides only the start-up lines known to be harmless; any other line still shows"""
