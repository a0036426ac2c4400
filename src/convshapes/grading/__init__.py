"""``convshapes grade`` and ``convshapes check``: grade notebooks against a master, one small step per module.

discover (find submissions) -> load (read and validate a submission) -> reference (the master's
expected facts, from a trusted run) -> rebuild and export (master cells, student answers, check cells
reduced to a graded call that exports the answer's facts) -> sandbox (execute under nbval, in bubblewrap) -> verdict (judge the exported facts in this
clean process) -> gradebook (CSV, JSON, per-student results and feedback, written atomically)
-> lms (the Canvas and plain gradebooks ``--format`` asks for).
``settings`` holds a run's limits, ``status`` how a submission ended; ``check`` is the same pipeline
for one notebook, without the sandbox; ``autograder`` packs it for Gradescope, one upload per container.
"""
