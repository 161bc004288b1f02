# stdout is exactly what charm-tools 3.0.9's proof printed for this charm.
diff -u expected_output stdout.txt
