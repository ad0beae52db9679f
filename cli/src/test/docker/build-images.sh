#!/usr/bin/env bash
# Builds the images ContainerStagesIT runs, with nothing pulled from a registry (none may be
# reachable): a Java runtime image made from the local JDK (jlink, plus the shared libraries it
# links, on an empty base), and the newsline image on top of it with the CLI jar and its libraries.
#   build-images.sh CLI_TARGET_DIR NEWSLINE_TAG
set -euo pipefail
target="$1"; newsline_tag="$2"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
modules=java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.zipfs,jdk.naming.dns
# the runtime image is built once per JDK and module list
jre_tag="newsline-it/jre:$(printf '%s %s' "$("$java_home/bin/java" -version 2>&1 | head -1)" "$modules" | sha256sum | cut -c1-12)"
work="$target/docker"
rm -rf "$work" && mkdir -p "$work/jre/rootfs" "$work/newsline"

if ! docker image inspect "$jre_tag" >/dev/null 2>&1; then
  echo "building $jre_tag from $java_home"
  rootfs="$work/jre/rootfs"
  "$java_home/bin/jlink" --add-modules "$modules" \
    --strip-debug --no-man-pages --no-header-files --output "$rootfs/opt/java"
  # the libraries the JDK links, and those the native code in the jars needs (ONNX Runtime, the
  # tokenizers): the C++ runtime and the rest of glibc
  { for f in "$rootfs/opt/java/bin/java" $(find "$rootfs/opt/java/lib" -name '*.so'); do
      ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true
    done
    for n in libstdc++.so.6 libgcc_s.so.1 libdl.so.2 libpthread.so.0 librt.so.1 libm.so.6 libz.so.1; do
      ldconfig -p | grep -m1 -oE "/[^ ]*/$n\$" || true
    done; } | sort -u | grep -v "^$rootfs" | while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")" && cp -L "$lib" "$rootfs$lib"
  done
  mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"
  mkdir -p "$rootfs/etc" && echo 'root:x:0:0:root:/root:/nonexistent' > "$rootfs/etc/passwd"
  printf 'FROM scratch\nCOPY rootfs/ /\nENV JAVA_HOME=/opt/java PATH=/opt/java/bin\n' > "$work/jre/Dockerfile"
  docker build -q -t "$jre_tag" "$work/jre" >/dev/null
fi

echo "building $newsline_tag"
cp "$target/newsline.jar" "$work/newsline/" && cp -r "$target/lib" "$work/newsline/lib"
cat > "$work/newsline/Dockerfile" <<DOCKERFILE
FROM $jre_tag
COPY newsline.jar /opt/newsline/newsline.jar
COPY lib /opt/newsline/lib
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50"
ENTRYPOINT ["java", "-jar", "/opt/newsline/newsline.jar"]
DOCKERFILE
docker build -q -t "$newsline_tag" "$work/newsline" >/dev/null
echo "images ready: $jre_tag $newsline_tag"
