"""``convshapes autograder``: grade on Gradescope with the same pipeline as ``convshapes grade``.

bundle (build the zip: setup.sh, run_autograder, the master, the pinned runtime and convshapes as a wheel) ->
Gradescope builds an image with ``files/setup.sh`` -> for each submission ``files/run_autograder`` calls
container (find the one notebook, grade it, write /autograder/results/results.json; never crash).
``config`` is the assignment's settings, written by the bundle and read in the container.
"""
