# syntax=docker/dockerfile:1.7
#
# One image recipe for every Winback service: build with the repository root as context and
# SERVICE set to a folder under services/, e.g.
#
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=churn-processor \
#     -t winback/churn-processor:dev .
#
# Stage 1 runs the project's own build (Maven wrapper, the service and the modules it needs);
# stage 2 is a JRE with the executable jar, running as an unprivileged user.
# What goes into the context is trimmed by service.Dockerfile.dockerignore beside this file.

FROM eclipse-temurin:17-jdk-noble AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The Maven repository (and the Maven the wrapper fetches) is a build cache, not an image layer.
RUN --mount=type=cache,target=/root/.m2 \
    set -eu; \
    test -n "${SERVICE:-}" || { echo "build with --build-arg SERVICE=<folder under services/>" >&2; exit 2; }; \
    test -f "services/${SERVICE}/winback-service.properties" || { echo "services/${SERVICE} is not a Winback service" >&2; exit 2; }; \
    name="$(sed -n 's/^name=//p' "services/${SERVICE}/winback-service.properties")"; \
    ./mvnw -B -q -pl "services/${SERVICE}" -am package -DskipTests; \
    cp "services/${SERVICE}/target/${name:-$SERVICE}.jar" /service.jar

FROM eclipse-temurin:17-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="winback-${SERVICE}" \
      org.opencontainers.image.description="Winback ${SERVICE}"
# /data holds what a service keeps on disk: the processor's Kafka Streams state (the desk keeps its
# state in PostgreSQL, the topic monitor none).
RUN groupadd --system --gid 10001 winback \
 && useradd --system --uid 10001 --gid winback --home-dir /app --no-create-home winback \
 && mkdir -p /app /data \
 && chown winback:winback /data
COPY --from=build /service.jar /app/service.jar
ENV WINBACK_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
WORKDIR /app
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
