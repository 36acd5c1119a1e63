# ---- agent stage: keep these lines byte-identical in every sandbox-images/*/Dockerfile so the
# ---- build cache builds the agent once and every image reuses it.
FROM debian:bookworm-slim AS agent
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
COPY common/agent/agent.c /build/agent.c
RUN gcc -O2 -static -Wall -Wextra -o /build/agent /build/agent.c
# ---- end of agent stage
