# Shared set-up for scripts/quickstart and scripts/test: Graphviz and a virtual environment.
# Sourced, not run. Works as root on a fresh Debian/Ubuntu machine, or as a user with sudo.

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "cannot install $* here: no apt-get; install it by hand"
    say "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
        || { as_root apt-get update >/dev/null && as_root apt-get install -y --no-install-recommends "$@" >/dev/null; } \
        || die "apt-get could not install $*"
}

ensure_graphviz() {
    command -v dot >/dev/null 2>&1 || apt_install graphviz fonts-dejavu-core
    dot -V >/dev/null 2>&1 || die "Graphviz's dot is installed but does not run"
}

# ensure_venv EXTRAS: a .venv in the repository with argmap installed (editable) plus EXTRAS.
ensure_venv() {
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
        || die "argmap needs Python 3.11 or newer as python3"
    if [ ! -x .venv/bin/python ]; then
        say "creating .venv"
        python3 -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv && python3 -m venv .venv; } \
            || die "could not create a virtual environment"
    fi
    say "installing argmap$1 into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".$1" \
        || die "pip could not install argmap$1"
}

# ensure_node_tools: the real readers some tests use (the Argdown CLI, Mermaid's parser) in .tools/.
ensure_node_tools() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    for package in @argdown/cli mermaid jsdom axe-core; do
        if [ ! -d ".tools/node_modules/$package" ]; then
            say "installing the Argdown CLI, Mermaid's parser and axe-core into .tools"
            npm install --prefix .tools --no-audit --no-fund --silent \
                @argdown/cli@1.7.5 mermaid@11.17.2 jsdom@29.1.1 axe-core@4.14.1 \
                || die "npm could not install the test tools"
            break
        fi
    done
}

# ensure_test_programs: what some tests read outputs with: Chromium and ChromeDriver (the HTML
# report in a real browser), pdftotext (text of PDF maps).
ensure_test_programs() {
    missing=""
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
    command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
    [ -z "$missing" ] || apt_install $missing
}
