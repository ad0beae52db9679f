#!/usr/bin/env bash
# Builds the images ComposeStackIT runs docker-compose.yml with, pulling nothing from a registry
# (none may be reachable):
#  - a base: a Java runtime made from the local JDK (jlink) with the shared libraries it links, and
#    bash plus the few coreutils the images' scripts use, on an empty image (what eclipse-temurin
#    and apache/kafka give the real images: a JRE and a shell);
#  - newsline: the packaged CLI on that base, laid out as the Dockerfile lays it out (same script,
#    same layers, same user 10001, same entry point);
#  - kafka: Apache Kafka from its jars on Maven Central (kafka/pom.xml) on that base, started as the
#    apache/kafka image starts (kafka/run: KAFKA_* variables through KafkaDockerWrapper, kafka.Kafka).
# Tags are content hashes, so concurrent builds of different trees never overwrite each other's.
#   build-images.sh CLI_TARGET_DIR    last line: NEWSLINE_IMAGE=<tag> KAFKA_IMAGE=<tag>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
target="$(cd "$1" && pwd)"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
modules=java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.zipfs,jdk.naming.dns
tools="bash mkdir chown chgrp chmod stat id cat ls"
work="$target/docker"
rm -rf "$work" && mkdir -p "$work"
hash() { sha256sum | cut -c1-12; }

# the base is built once per JDK, module list and tool list
base="newsline-it/base:$(printf '%s %s %s' "$("$java_home/bin/java" -version 2>&1 | head -1)" "$modules" "$tools" | hash)"
if ! docker image inspect "$base" >/dev/null 2>&1; then
  echo "building $base from $java_home"
  rootfs="$work/base/rootfs"
  mkdir -p "$rootfs/usr/bin"
  "$java_home/bin/jlink" --add-modules "$modules" \
    --strip-debug --no-man-pages --no-header-files --output "$rootfs/opt/java"
  for t in $tools; do cp -L "$(command -v "$t")" "$rootfs/usr/bin/"; done
  ln -s usr/bin "$rootfs/bin" && ln -s bash "$rootfs/usr/bin/sh"
  # the libraries the JDK and the tools link, and those the native code in the jars needs (ONNX
  # Runtime, the tokenizers): the C++ runtime and the rest of glibc
  { for f in "$rootfs/opt/java/bin/java" $(find "$rootfs/opt/java/lib" -name '*.so') "$rootfs"/usr/bin/*; do
      ldd "$f" 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' || true
    done
    for n in libstdc++.so.6 libgcc_s.so.1 libdl.so.2 libpthread.so.0 librt.so.1 libm.so.6 libz.so.1; do
      ldconfig -p | grep -m1 -oE "/[^ ]*/$n\$" || true
    done; } | sort -u | grep -v "^$rootfs" | while read -r lib; do
    mkdir -p "$rootfs$(dirname "$lib")" && cp -L "$lib" "$rootfs$lib"
  done
  mkdir -p "$rootfs/tmp" && chmod 1777 "$rootfs/tmp"
  mkdir -p "$rootfs/etc" && echo 'root:x:0:0:root:/root:/bin/bash' > "$rootfs/etc/passwd" && echo 'root:x:0:' > "$rootfs/etc/group"
  printf 'FROM scratch\nCOPY rootfs/ /\nENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin\n' > "$work/base/Dockerfile"
  docker build -q -t "$base" "$work/base" >/dev/null
fi

# newsline: the Dockerfile's final stage, on the base instead of eclipse-temurin:17-jre
ctx="$work/newsline"
"$root/cli/src/main/docker/image-layout" "$target" "$ctx"
mkdir -p "$ctx/etc" "$ctx/var/lib/newsline/input" "$ctx/var/lib/newsline/state"
printf 'root:x:0:0:root:/root:/bin/bash\nnewsline:x:10001:10001::/var/lib/newsline:/usr/sbin/nologin\n' > "$ctx/etc/passwd"
printf 'root:x:0:\nnewsline:x:10001:\n' > "$ctx/etc/group"
cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM $base
COPY etc/ /etc/
COPY --chown=10001:10001 var/ /var/
WORKDIR /opt/newsline
COPY deps/ /opt/newsline/
COPY app/ /opt/newsline/
COPY bin/ /opt/newsline/bin/
USER newsline
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1"
ENTRYPOINT ["java", "-jar", "/opt/newsline/newsline.jar"]
CMD ["--help"]
DOCKERFILE
newsline="newsline-it/newsline:$( (cd "$ctx" && find . -type f | sort | xargs sha256sum) | hash)"
echo "building $newsline"
docker build -q -t "$newsline" "$ctx" >/dev/null

# kafka: the broker's jars from Maven Central, the apache/kafka image's layout, user and volumes
ctx="$work/kafka"
mkdir -p "$ctx/opt/kafka/libs" "$ctx/opt/kafka/config" "$ctx/opt/kafka/logs" "$ctx/etc/kafka/docker" \
  "$ctx/var/lib/kafka/data" "$ctx/mnt/shared/config"
"$root/mvnw" -B -q -ntp -f "$here/kafka/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$ctx/opt/kafka/libs" </dev/null
cp "$here"/kafka/{run,server.properties,log4j2.yaml,tools-log4j2.yaml} "$ctx/etc/kafka/docker/"
printf 'root:x:0:0:root:/root:/bin/bash\nappuser:x:1000:1000::/home/appuser:/bin/bash\n' > "$ctx/passwd"
printf 'root:x:0:\nappuser:x:1000:\n' > "$ctx/group"
cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM $base
COPY passwd group /etc/
COPY --chown=1000:1000 opt/ /opt/
COPY --chown=1000:0 etc/ /etc/
COPY --chown=1000:0 var/ /var/
COPY --chown=1000:1000 mnt/ /mnt/
USER appuser
VOLUME ["/var/lib/kafka/data", "/mnt/shared/config"]
EXPOSE 9092
CMD ["/etc/kafka/docker/run"]
DOCKERFILE
kafka="newsline-it/kafka:$( (cd "$ctx" && find . -type f | sort | xargs sha256sum) | hash)"
echo "building $kafka"
docker build -q -t "$kafka" "$ctx" >/dev/null

echo "NEWSLINE_IMAGE=$newsline KAFKA_IMAGE=$kafka"
