"""The settings a bundle carries into Gradescope's container: which master, which limits, who sees the hints."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..settings import GradingSettings

CONFIG_NAME = "convshapes-autograder.json"
VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")  # Gradescope's visibility values


@dataclass(frozen=True)
class AutograderConfig:
    """One assignment's grading settings, as ``convshapes autograder`` was asked for them."""

    assignment: str  # the master's file stem, e.g. shape_arithmetic
    master: str  # the master's file name inside /autograder/source
    cell_timeout: int
    total_timeout: int  # seconds one submission may run; Gradescope's own timeout must be longer
    visibility: str = "visible"

    def __post_init__(self):
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)}, got {self.visibility!r}")

    def grading_settings(self, sandbox: bool, unprivileged_uid: int | None) -> GradingSettings:
        return GradingSettings(
            cell_timeout=self.cell_timeout,
            total_timeout=self.total_timeout,
            sandbox=sandbox,
            unprivileged_uid=unprivileged_uid,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True) + "\n"

    @classmethod
    def read(cls, source: Path) -> AutograderConfig:
        return cls(**json.loads((source / CONFIG_NAME).read_text()))
