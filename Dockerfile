# madoguchi: build with the Rust toolchain, run on a small Debian image as a non-root user with /data for the database.

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs rustfmt.toml ./
COPY migrations migrations
COPY src src
# Declared in Cargo.toml: cargo refuses a manifest whose bench targets are missing.
COPY bench bench
COPY flows flows
COPY locales locales
RUN cargo build --release --locked --bin madoguchi

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin madoguchi \
 && mkdir -p /data /srv/madoguchi \
 && chown madoguchi:madoguchi /data
COPY --from=build /src/target/release/madoguchi /usr/local/bin/madoguchi
# The operators' flows and wording, editable by mounting over these folders.
COPY flows /srv/madoguchi/flows
COPY locales /srv/madoguchi/locales
WORKDIR /srv/madoguchi
USER madoguchi
VOLUME ["/data"]
ENV MADOGUCHI_BIND=0.0.0.0:8080 \
    MADOGUCHI_DATABASE_URL=sqlite:///data/madoguchi.db
EXPOSE 8080
ENTRYPOINT ["madoguchi"]
CMD ["serve"]
