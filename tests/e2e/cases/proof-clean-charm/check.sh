# Nothing to report: upstream prints no lines at all.
if [ -s stdout.txt ]; then echo "stdout should be empty" >&2; exit 1; fi
