"""``python -m klimatkalk``: the ``klimatkalk`` command, where the script is not on the PATH."""

from __future__ import annotations

from klimatkalk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
