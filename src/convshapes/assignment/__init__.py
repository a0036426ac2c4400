"""From solution notebooks to exercises, and from a student's answers back to a checkable notebook.

The steps, one module each: ``markers`` (answer regions and their stubs), ``questions`` (which cell
answers or checks which question), ``generate`` (solutions -> exercises), ``rebuild`` (master check
cells + a student's answer cells), ``run`` (execute in a fresh kernel) and ``score`` (compare with
the reference pass lines).
"""
