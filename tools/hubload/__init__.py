"""The class-on-a-hub load test (tools/loadtest.py) and its small version in tests/test_hub.py share this code."""
