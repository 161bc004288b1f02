set -e
ln -s README.md layers/base/README.link
ln -s hooks layers/base/hooks-link
