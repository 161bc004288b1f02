#!/bin/sh
echo "has a shebang but no x bit"
