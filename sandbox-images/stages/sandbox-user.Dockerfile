COPY common/setup-user.sh /opt/mplsandbox/setup-user.sh
RUN /opt/mplsandbox/setup-user.sh
COPY --from=agent /build/agent /opt/mplsandbox/agent
USER sandbox
WORKDIR /sandbox
# The agent is the container's main process; the host drives it over the attached stdin/stdout.
ENTRYPOINT ["/opt/mplsandbox/agent"]
