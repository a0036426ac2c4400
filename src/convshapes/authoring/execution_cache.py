"""Let the book build reuse executions that the test suite has just validated.

nbval checks that a notebook's stored outputs are what a fresh run prints; when every cell of a
notebook passes, its stored outputs are a validated execution, so ``make test`` puts them in the
jupyter-cache that ``jupyter-book build`` reads and ``make book`` does not run the notebook again. The
cache is keyed by the notebook's code (jupyter-cache's own hash) and, through a stamp file, by the
convshapes sources: when they change, ``make book`` empties the cache and everything runs afresh."""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

BOOK_CACHE = Path("_build/.jupyter_cache")
STAMP = "convshapes-sources.sha256"


def sources_digest() -> str:
    """SHA-256 over every Python source of the convshapes package, in a stable order."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_current(cache: Path = BOOK_CACHE) -> bool:
    """Empty ``cache`` unless it was filled with the current convshapes sources; return whether it was kept."""
    stamp, digest = cache / STAMP, sources_digest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return True
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    stamp.write_text(digest + "\n")
    return False


def store_validated(notebooks: list[Path], cache: Path = BOOK_CACHE) -> None:
    """Put notebooks whose stored outputs were just validated into the book's execution cache."""
    from jupyter_cache import get_cache

    ensure_current(cache)
    store = get_cache(str(cache))
    for path in notebooks:
        store.cache_notebook_file(str(path.resolve()), check_validity=False, overwrite=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=BOOK_CACHE)
    arguments = parser.parse_args(argv)
    kept = ensure_current(arguments.cache)
    print(f"execution cache {arguments.cache}: {'kept' if kept else 'emptied (convshapes changed or no cache yet)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
