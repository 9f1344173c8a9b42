# Multi-stage build of the budgetai executable from the official Swift image.
#   docker build -t budgetai .
ARG SWIFT_VERSION=6.3
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libhiredis-dev libargon2-dev libcurl4-openssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so source edits do not re-fetch them.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --product budgetai --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/budgetai" /budgetai

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libhiredis0.14 libargon2-1 libcurl4 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app budgetai
WORKDIR /app
COPY --from=build /budgetai /app/budgetai
COPY migrations /app/migrations
COPY schema.graphql /app/schema.graphql
ENV MIGRATIONS_DIR=/app/migrations \
    SCHEMA_PATH=/app/schema.graphql \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    LOG_FORMAT=json
USER 10001
EXPOSE 8080
ENTRYPOINT ["/app/budgetai"]
CMD ["serve"]
