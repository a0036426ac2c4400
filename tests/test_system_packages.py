"""tools/system-packages.sh: nothing to do when all is there; one clear line when it may not install."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from notebook_files import ROOT

SCRIPT = ROOT / "tools" / "system-packages.sh"


def run_script(env: dict[str, str], as_unprivileged_user: bool = False) -> subprocess.CompletedProcess:
    """Run the script, fed on stdin so that an unprivileged user needs no access to the checkout."""
    prefix = [shutil.which("runuser"), "-u", "nobody", "--"] if as_unprivileged_user and os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, shutil.which("bash"), "-s"],
        input=SCRIPT.read_text(),
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_with_everything_installed_it_does_nothing():
    result = run_script(dict(os.environ))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_without_root_or_sudo_it_stops_with_one_line_naming_the_package_and_the_command():
    with tempfile.TemporaryDirectory() as folder:  # a PATH with apt-get, bwrap and the basics, but no sudo
        tools = Path(folder)
        tools.chmod(0o755)
        for name in ("id", "apt-get", "env", "bwrap"):
            (tools / name).symlink_to(shutil.which(name))
        result = run_script({"PATH": folder, "CONVSHAPES_CHROMIUM": f"{folder}/no-chromium"}, as_unprivileged_user=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "chromium" in result.stderr and "bubblewrap" not in result.stderr
    assert "sudo apt-get install -y --no-install-recommends chromium" in result.stderr
