# kairos-stages as a scratch image: one static binary plus the pinned artifacts it installs.
#
#   docker build -t kairos-stages .
#   # then, in your image:
#   FROM kairos-stages AS kairos-stages
#   FROM ubuntu:24.04
#   COPY --from=kairos-stages / /kairos-stages/
#   RUN /kairos-stages/kairos-stages run --stage all --version 1.0.0 --artifacts-dir /kairos-stages/artifacts
#   RUN /kairos-stages/kairos-stages validate && rm -rf /kairos-stages

# Build on Alpine: a musl NativeAOT binary linked fully static runs on glibc and musl bases alike.
FROM mcr.microsoft.com/dotnet/sdk:10.0-alpine AS build
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

FROM scratch
COPY --from=build /out/kairos-stages /kairos-stages
COPY --from=build /out/artifacts /artifacts
ENTRYPOINT ["/kairos-stages"]
