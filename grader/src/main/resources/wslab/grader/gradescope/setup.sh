#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's Docker image (Ubuntu; written for
# the Ubuntu 22.04 base image). It installs what the grader needs: a JDK 17 (a full JDK: the grader
# compiles the lessons with javax.tools and counts a server's heap through the attach API), and a headless
# Chrome with the chromedriver of the same build.
#
# Why Google Chrome and not Ubuntu's Chromium: on Ubuntu 22.04 the `chromium-browser` and
# `chromium-chromedriver` packages only install the snap, and snapd does not run inside Docker, so
# neither would start. Google's Chrome .deb is a real package: apt resolves its libraries. Its driver
# comes from Chrome for Testing, which publishes a chromedriver for every Chrome build; LATEST_RELEASE_<build>
# names the newest one for the installed Chrome's MAJOR.MINOR.BUILD, so browser and driver always match.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

apt-get update -qq

# A JDK 17 or newer: Ubuntu 22.04's own package, unless the image already has one.
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 || true)"
if ! command -v javac >/dev/null 2>&1 || [ "${java_major:-0}" -lt 17 ]; then
  apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless
fi

apt-get install -y -qq --no-install-recommends ca-certificates curl unzip

# Bubblewrap, the sandbox each student's server runs in, as a user of its own (setpriv, prlimit: util-linux).
# Where the container forbids the namespaces it needs, the grader runs without it and its reports say so.
apt-get install -y -qq --no-install-recommends bubblewrap util-linux

# Google Chrome, stable channel.
curl -fsSL -o /tmp/google-chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb
apt-get install -y -qq /tmp/google-chrome.deb
rm -f /tmp/google-chrome.deb

# The chromedriver for the same MAJOR.MINOR.BUILD, from Chrome for Testing.
chrome_version="$(google-chrome --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | head -n 1)"
driver_version="$(curl -fsSL "https://googlechromelabs.github.io/chrome-for-testing/LATEST_RELEASE_${chrome_version%.*}")"
curl -fsSL -o /tmp/chromedriver.zip \
  "https://storage.googleapis.com/chrome-for-testing-public/${driver_version}/linux64/chromedriver-linux64.zip"
rm -rf /opt/chromedriver-linux64
unzip -q /tmp/chromedriver.zip -d /opt
rm -f /tmp/chromedriver.zip
chmod 755 /opt/chromedriver-linux64/chromedriver
ln -sf /opt/chromedriver-linux64/chromedriver /usr/local/bin/chromedriver

# Fail the image build now, not every submission later, if any of it does not run.
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
if [ "${java_major:-0}" -lt 17 ]; then
  echo "setup.sh: java on the PATH is version ${java_major:-unknown}, not 17 or newer" >&2
  exit 1
fi
# run_autograder uses this java, whatever JAVA_HOME the image sets.
readlink -f "$(command -v java)" > /autograder/source/java-path
java -version
javac -version
google-chrome --version
chromedriver --version
bwrap --version
google-chrome --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --dump-dom about:blank >/dev/null
chmod 755 /autograder/source/run_autograder 2>/dev/null || true

# A trial run, as every grading runs, of a lesson whose server ends at once: it writes the grader's class-data
# archive into the image (~/.cache/wslab/grader), which every submission's grading then starts from (about 1 s
# less processor time each). Its result is thrown away; without the archive, gradings start as before.
if [ ! -e /autograder/submission ]; then
  mkdir -p /autograder/submission/receiver/src/main/java
  echo 'public class Trial { public static void main(String[] args) { } }' \
    > /autograder/submission/receiver/src/main/java/Trial.java
  WSLAB_LESSONS=receiver /autograder/source/run_autograder >/dev/null 2>&1 || true
  rm -rf /autograder/submission /autograder/results/results.json
fi
ls -l ~/.cache/wslab/grader/ 2>/dev/null || echo "setup.sh: no class-data archive for the grader; it starts without one"
