# kairos-stages as a scratch image: one static binary plus the pinned artifacts it installs.
#
#   docker build -t kairos-stages .
#   # then, in your image:
#   FROM kairos-stages AS kairos-stages
#   FROM ubuntu:24.04
#   COPY --from=kairos-stages / /kairos-stages/
#   RUN /kairos-stages/kairos-stages run --stage all --version 1.0.0 --artifacts-dir /kairos-stages/artifacts
#   RUN /kairos-stages/kairos-stages validate && rm -rf /kairos-stages
#
# Where Microsoft's SDK image cannot be pulled, build from a binary build/publish.sh made on the host
# (needs BuildKit, or podman/buildah, which build only the stages the target needs):
#
#   bash build/publish.sh linux-x64 out/linux-x64
#   out/linux-x64/kairos-stages artifacts fetch --all --dest out/linux-x64/artifacts
#   DOCKER_BUILDKIT=1 docker build --build-arg BUILD=published -t kairos-stages .
#
# BUILD=sdk (the default) compiles a static musl binary inside the SDK image; BUILD=published copies PUBLISHED/kairos-stages
# and PUBLISHED/artifacts from the build context (PUBLISHED defaults to out/linux-x64; a linux-x64 publish is a
# glibc binary: it runs in glibc bases such as Debian or Ubuntu, not in Alpine nor by itself in this scratch image).
ARG BUILD=sdk

# Build on Alpine: a musl NativeAOT binary linked fully static runs on glibc and musl bases alike.
FROM mcr.microsoft.com/dotnet/sdk:10.0-alpine AS build-sdk
RUN apk add --no-cache bash clang lld build-base zlib-dev zlib-static openssl-dev openssl-libs-static
WORKDIR /src
COPY . .
ARG TARGETARCH
RUN case "${TARGETARCH:-amd64}" in arm64) rid=linux-musl-arm64 ;; *) rid=linux-musl-x64 ;; esac \
 && bash build/publish.sh "$rid" /out \
 && mkdir -p /out/artifacts

# Prefetch every pinned artifact (all variants and providers) so builds need no network.
ARG PREFETCH=1
RUN if [ "$PREFETCH" = 1 ]; then /out/kairos-stages artifacts fetch --all --dest /out/artifacts; fi

# The host's build/publish.sh output and its 'artifacts fetch --all' directory, as the SDK stage leaves them.
FROM scratch AS build-published
ARG PUBLISHED=out/linux-x64
COPY ${PUBLISHED}/kairos-stages /out/kairos-stages
COPY ${PUBLISHED}/artifacts /out/artifacts

FROM build-${BUILD} AS build

FROM scratch
COPY --from=build /out/kairos-stages /kairos-stages
COPY --from=build /out/artifacts /artifacts
ENTRYPOINT ["/kairos-stages"]
