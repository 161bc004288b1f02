# Create the charm (the case's command then builds it, with layer:basic from charm-build's own
# layers: CHARM_LAYERS_DIR points at an empty place).
set -e
"$CHARM_BUILD" create my-app > create.out
cat create.out
grep -qF "Created charm 'my-app' in my-app from the cpp-reactive template" create.out
grep -qF "charm-build -o /tmp/charms my-app" create.out
