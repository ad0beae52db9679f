# The newsline image: the CLI with every stage. Built from the sources with the Maven wrapper.
#   docker build -t newsline .
#   docker run --rm newsline --help
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 newsline && mkdir -p /var/lib/newsline/input /var/lib/newsline/state && chown -R newsline /var/lib/newsline
WORKDIR /opt/newsline
COPY --from=build /src/cli/target/newsline.jar /opt/newsline/newsline.jar
COPY --from=build /src/cli/target/lib /opt/newsline/lib
USER newsline
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/newsline/newsline.jar"]
CMD ["--help"]
