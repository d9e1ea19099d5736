"""flake8-nosecrets: find hardcoded secrets in Python source (flake8 codes NSC), and move them out."""

from __future__ import annotations

__version__ = "0.1.0"

from .findings import Finding, redact  # noqa: E402
from .options import Options  # noqa: E402
from .scanner import scan_source  # noqa: E402

__all__ = ["Finding", "Options", "__version__", "redact", "scan_source"]
