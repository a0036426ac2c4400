"""``convshapes grade``: grade a class's notebooks against a master, one small step per module.

discover (find submissions) -> load (read and validate a submission) -> reference (the master's
expected facts, from a trusted run) -> export (rebuild: master cells, student answers, export cells)
-> sandbox (execute in bubblewrap) -> verdict (judge the exported facts in this clean process)
-> gradebook (CSV, JSON, per-student results and feedback, written atomically).
"""
