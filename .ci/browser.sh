# Installs headless Chromium and its WebDriver server for the desk's browser
# test (desk/tests/browser.rs) and exports CHROMEDRIVER. Meant to be sourced
# (`source .ci/browser.sh`) by a bash script running as root: it installs
# Debian's `chromium` and `chromium-driver` without prompts, unless
# /usr/bin/chromedriver already exists.

browser_ci_install() {
    if [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    echo "browser.sh: /usr/bin/chromedriver not found; installing chromium and chromium-driver" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
    if [ ! -x /usr/bin/chromedriver ]; then
        echo "browser.sh: /usr/bin/chromedriver still not found after installing chromium-driver" >&2
        return 1
    fi
}

browser_ci_install
export CHROMEDRIVER=/usr/bin/chromedriver
echo "browser.sh: $("$CHROMEDRIVER" --version)"
