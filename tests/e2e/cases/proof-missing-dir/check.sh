# Upstream prints this bare line (no "E: " prefix) and exits 200.
grep -qx "Unable to read from $PWD/nope" stdout.txt
