# Build: the wasm UI and the server, then a small image that runs as non-root.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The embedded store's SQLite is pure Go: a static binary needs no libc.
RUN CGO_ENABLED=0 make build && mkdir -p /empty-data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/bin/console /usr/local/bin/console
COPY --from=build /src/web /srv/web
COPY --from=build --chown=nonroot:nonroot /empty-data /data
ENV ADDR=:8080 \
    DATA_DIR=/data \
    WEB_DIR=/srv/web
USER nonroot
EXPOSE 8080
VOLUME /data
ENTRYPOINT ["/usr/local/bin/console"]
CMD ["serve"]
