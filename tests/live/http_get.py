#!/usr/bin/env python3
"""GET a URL; print the body to stdout and `status <code>` to stderr. Exit 0 on any HTTP answer,
1 when no answer came (refused, timeout). For the live twin's shell tests."""
import sys
import urllib.error
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2]) if len(sys.argv) > 2 else 10) as r:
        sys.stdout.write(r.read().decode())
        sys.stderr.write(f"status {r.status}\n")
except urllib.error.HTTPError as e:
    sys.stdout.write(e.read().decode())
    sys.stderr.write(f"status {e.code}\n")
except Exception as e:  # noqa: BLE001 - any failure to get an answer is the caller's error
    sys.stderr.write(f"no answer: {e}\n")
    sys.exit(1)
