#!/usr/bin/env python3
"""Fails if a committed notebook carries outputs or execution counts: the repository keeps
notebooks stripped (`jupyter nbconvert --clear-output --inplace notebooks/*.ipynb`)."""
import json
import sys
from pathlib import Path

notebooks = sorted(Path(sys.argv[1] if len(sys.argv) > 1 else "notebooks").glob("*.ipynb"))
if not notebooks:
    sys.exit("no notebooks found")
dirty = []
for path in notebooks:
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], 1):
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            dirty.append(f"{path}: cell {number}")
if dirty:
    sys.exit("notebooks with outputs (strip them with jupyter nbconvert --clear-output --inplace):\n  "
             + "\n  ".join(dirty))
print(f"{len(notebooks)} notebooks stripped of outputs")
