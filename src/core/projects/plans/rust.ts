// Rust: a crate (a Cargo.toml at or above the entry) is built by cargo, offline, with dependencies
// vendored in the dependency image; the binary run is the one whose source is the entry (src/main.rs,
// src/bin/NAME.rs, a [[bin]] path) or, for a library file, the crate's default binary. Diagnostics come
// from cargo's JSON messages, which carry rustc's own.
import { parse as parseToml } from 'smol-toml';
import { dirOf, join, nearestUp, PROJECT_OUT_DIR, relativeTo, type PlanInput, type ProjectPlan } from './types';

interface CargoManifest {
  package?: { name?: string };
  bin?: { name?: string; path?: string }[];
}

/** The binary target of a crate whose source is `file` (relative to the crate), else the default one. */
export function cargoBinary(manifestText: string, file: string): string | undefined {
  let manifest: CargoManifest;
  try {
    manifest = parseToml(manifestText) as CargoManifest;
  } catch {
    return undefined;
  }
  const declared = (manifest.bin ?? []).find((b) => b.path?.replace(/^\.\//, '') === file);
  if (declared?.name) return declared.name;
  const bin = /^src\/bin\/([^/]+?)(?:\.rs|\/main\.rs)$/.exec(file);
  if (bin) return bin[1];
  if (file === 'src/main.rs') return manifest.package?.name;
  return manifest.bin?.[0]?.name ?? manifest.package?.name;
}

export const CARGO_TARGET_DIR = `/sandbox/${PROJECT_OUT_DIR}/target`;

export function planRust(input: PlanInput): ProjectPlan | undefined {
  const { paths, entry } = input;
  const has = new Set(paths);
  const crate = nearestUp(dirOf(entry), (d) => has.has(join(d, 'Cargo.toml')));
  if (crate === undefined) return undefined;
  const name = cargoBinary(input.read(join(crate, 'Cargo.toml')), relativeTo(crate, entry));
  if (!name) return undefined;
  return {
    // The dependency image's /.cargo/config.toml (found above every folder) points crates-io at its vendored copies.
    compile: ['cargo', 'build', '--offline', '--quiet', '--message-format=json', '--bin', name],
    compileOutput: cargoCompileOutput,
    run: [`${CARGO_TARGET_DIR}/debug/${name}`],
    cwd: crate || undefined,
    env: { CARGO_TARGET_DIR, CARGO_HOME: '/tmp/cargo-home', CARGO_TERM_COLOR: 'never' },
    description: `cargo build --offline --bin ${name}${crate ? ` in ${crate}` : ''}`,
  };
}

/**
 * cargo's JSON messages (on stdout) as rustc's own JSON lines (what the rustc parser reads) and as the
 * text a person reads (each message's rendering, then cargo's closing lines from stderr).
 */
export function cargoCompileOutput(out: { stdout: string; stderr: string }): { forDiagnostics: string; forDisplay: string } {
  const messages: string[] = [];
  const rendered: string[] = [];
  for (const line of out.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const m = JSON.parse(line) as { reason?: string; message?: { rendered?: string | null } };
      if (m.reason !== 'compiler-message' || !m.message) continue;
      messages.push(JSON.stringify(m.message));
      if (m.message.rendered) rendered.push(m.message.rendered);
    } catch {
      // Not one of cargo's messages.
    }
  }
  return { forDiagnostics: messages.join('\n'), forDisplay: `${rendered.join('')}${out.stderr}` };
}
