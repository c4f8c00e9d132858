"""Test runs never touch a real student's answers: every run (unit, nbval, browser) saves to a temp folder."""
import os
import tempfile

os.environ["SOURCELAB_ANSWERS"] = tempfile.mkdtemp(prefix="sourcelab-test-answers-")
