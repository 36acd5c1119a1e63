# Sourced by the provisioning scripts (bash). `npm start` and `npm test` run them under npm, which
# exports its own configuration to every child: npm_config_user_agent naming the outer Node (code-server's
# postinstall reads the Node major from it and refused Node 24 as "v20"), npm_config_loglevel=silent
# from `npm run -s` (a nested install would fail without a word), npm_config_node_gyp/nodedir pointing
# at the outer toolchain, npm_config_local_prefix/prefix, npm_package_*, npm_lifecycle_*, NODE,
# INIT_CWD, and PATH entries for node_modules/.bin and npm's node-gyp shim. A nested npm or node-gyp
# takes all of that as its own configuration. clean_npm_env removes it, so that nested installs behave
# exactly as when the script is run from a shell. npmrc files are still read as usual, and the network
# settings a user may have given on the outer command line (registry, proxies, CA) are kept, since a
# nested install needs them to reach the same registry.
clean_npm_env() {
  local name keep
  for name in $(compgen -e); do
    case "$name" in
      npm_config_registry|npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|npm_config_cafile|npm_config_ca|npm_config_strict_ssl)
        keep=1 ;;
      npm_*|NODE|INIT_CWD) keep=0 ;;
      *) keep=1 ;;
    esac
    [ "$keep" = 0 ] && unset "$name"
  done
  local entry cleaned=""
  local IFS=:
  for entry in $PATH; do
    case "$entry" in
      */node_modules/.bin|*/node-gyp-bin|"") ;;
      *) cleaned="${cleaned:+$cleaned:}$entry" ;;
    esac
  done
  PATH="$cleaned"
  export PATH
}
