# stdout is exactly what charm-tools 3.0.9 printed for this built charm (tests/parity/cases/yaml-types).
diff -u expected_output stdout.txt
