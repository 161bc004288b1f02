# Create the charm with -t and -p (the case's command then builds it, with layer:basic from
# charm-build's own layers: CHARM_LAYERS_DIR points at an empty place).
set -e
"$CHARM_BUILD" create sh-app -t shell-reactive -p src/sh-app --maintainer 'Jane Doe <jane@example.com>' > create.out
cat create.out
grep -qF "Created charm 'sh-app' in src/sh-app from the shell-reactive template" create.out
