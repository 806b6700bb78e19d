#!/bin/sh
# Builds a base image for the container image from Debian packages alone, as a `docker save` tarball
# that Jib reads with -Dimage.base=tar://FILE: for machines that reach Debian's package archive but no
# container registry (air-gapped builds, this project's CI). The image is Debian 12 (minbase) with
# bash (the probes) and openjdk-17-jre-headless, which is the same JVM build as a Debian 12 build
# machine's JDK 17, so that the class-data-sharing archive recorded by the build maps in the image.
#
#   deploy/image/debian-base.sh deploy/target/base/debian-openjdk17.tar
#   ./mvnw -B -Pimage package -pl deploy -am -Dimage.base=tar://$PWD/deploy/target/base/debian-openjdk17.tar
#
# Needs mmdebstrap (apt-get install mmdebstrap) and root or user namespaces.
set -eu
out=${1:?usage: debian-base.sh OUTPUT.tar}
suite=${DEBIAN_SUITE:-bookworm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mmdebstrap --quiet --variant=minbase --include=bash,openjdk-17-jre-headless \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  "$suite" "$work/layer.tar"
digest=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"]},"rootfs":{"type":"layers","diff_ids":["sha256:$digest"]}}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["framegate-base:debian-$suite-openjdk17"],"Layers":["layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out (layer sha256:$digest)"
