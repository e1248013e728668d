#!/usr/bin/python3
"""The PyTorch script template (engine/io/pytorch_script.py, embedded into the engine at build time) is
Python as it stands: it compiles (what `python3 -m py_compile` checks) with every section of it, so a
syntax error shows here rather than in the first script a user exports. The scripts filled in from it
are run against the engine by pytorch_script_check.py.

Usage: /usr/bin/python3 tests/reference/pytorch_template_check.py   Exit code 0 = it compiles, 1 = not.
"""
import os
import py_compile
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATE = os.path.join(ROOT, "engine/io/pytorch_script.py")

with tempfile.TemporaryDirectory() as tmp:  # the byte code goes here, not beside the template
    try:
        py_compile.compile(TEMPLATE, cfile=os.path.join(tmp, "template.pyc"), doraise=True)
    except py_compile.PyCompileError as e:
        print(f"FAIL: {e.msg}")
        sys.exit(1)
print(f"ok: {os.path.relpath(TEMPLATE, ROOT)} compiles")
