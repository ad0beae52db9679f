# The newsline image: the CLI with the stages and the schema registry (not `newsline local`'s
# in-process broker). Built from the sources with the Maven wrapper.
#   docker build -t newsline .
#   docker run --rm newsline --help
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl cli -am package \
 && cli/src/main/docker/image-layout cli/target /image

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/newsline newsline \
 && mkdir -p /var/lib/newsline/input /var/lib/newsline/state \
 && chown -R newsline:newsline /var/lib/newsline
WORKDIR /opt/newsline
# one layer per rate of change: third-party libraries, then newsline's jars, then the scripts
COPY --from=build /image/deps/ /opt/newsline/
COPY --from=build /image/app/ /opt/newsline/
COPY --from=build /image/bin/ /opt/newsline/bin/
USER newsline
# C1 only, as the `newsline` launcher runs: on 2 cores C2's compilations cost about half of the CPU
# per article over runs of thousands of articles (docs/benchmarks.md). A long-lived service on many
# cores may drop -XX:TieredStopAtLevel=1 for C2's faster NLP once warm.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1"
ENTRYPOINT ["java", "-jar", "/opt/newsline/newsline.jar"]
CMD ["--help"]
