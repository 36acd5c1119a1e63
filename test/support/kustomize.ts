/**
 * A renderer for the subset of kustomize that deploy/kubernetes uses — `resources` (files and folders
 * with their own kustomization), `namespace`, `images` and JSON 6902 `patches` with a kind/name target —
 * so that tests can check what `kubectl kustomize` renders where no kubectl is installed. Anything outside
 * the subset is an error rather than silently ignored, so a manifest change that needs real kustomize
 * cannot pass here by accident.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

const SUPPORTED_KEYS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
/** Kinds that have no namespace (the ones this project could plausibly add). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass', 'CustomResourceDefinition', 'PersistentVolume', 'RuntimeClass']);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}
interface PatchRule {
  path?: string;
  patch?: string;
  target?: { kind?: string; name?: string };
}
export type JsonPatchOp = { op: 'add' | 'remove' | 'replace' | 'test'; path: string; value?: unknown };

function readYamlDocs(file: string): KubeObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS({ maxAliasCount: 0 }) as KubeObject | null;
    if (value === null) continue;
    if (!value.apiVersion || !value.kind || !value.metadata?.name) throw new Error(`${file}: an object needs apiVersion, kind and metadata.name`);
    out.push(value);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer '${path}' must start with /`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies RFC 6902 operations (add, remove, replace, test) in place; a missing path is an error, as in kustomize. */
export function applyJsonPatch(target: unknown, ops: JsonPatchOp[]): void {
  for (const op of ops) {
    const parts = pointer(op.path);
    const last = parts.pop();
    if (last === undefined) throw new Error(`patch ${op.op} of the whole document is not supported`);
    let parent: unknown = target;
    for (const p of parts) {
      const next = Array.isArray(parent) ? parent[Number(p)] : (parent as Record<string, unknown> | undefined)?.[p];
      if (next === undefined || next === null || typeof next !== 'object') throw new Error(`patch ${op.op} ${op.path}: ${p} does not exist`);
      parent = next;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length || (op.op !== 'add' && index >= parent.length)) {
        throw new Error(`patch ${op.op} ${op.path}: index ${last} is out of range (length ${parent.length})`);
      }
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'remove') parent.splice(index, 1);
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else if (JSON.stringify(parent[index]) !== JSON.stringify(op.value)) throw new Error(`patch test ${op.path} failed`);
    } else {
      const obj = parent as Record<string, unknown>;
      if (op.op !== 'add' && !(last in obj)) throw new Error(`patch ${op.op} ${op.path}: ${last} does not exist`);
      if (op.op === 'add' || op.op === 'replace') obj[last] = structuredClone(op.value);
      else if (op.op === 'remove') delete obj[last];
      else if (JSON.stringify(obj[last]) !== JSON.stringify(op.value)) throw new Error(`patch test ${op.path} failed`);
    }
  }
}

/** Every pod spec inside an object (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod). */
export function podSpecs(obj: KubeObject): Record<string, unknown>[] {
  type Spec = { template?: { spec?: Record<string, unknown> }; jobTemplate?: { spec?: Spec } };
  const spec = obj.spec as Spec | undefined;
  if (!spec) return [];
  if (obj.kind === 'Pod') return [spec as Record<string, unknown>];
  const pod = spec.template?.spec ?? spec.jobTemplate?.spec?.template?.spec;
  return pod ? [pod] : [];
}

function applyImages(obj: KubeObject, rules: ImageRule[]): void {
  for (const pod of podSpecs(obj)) {
    for (const key of ['initContainers', 'containers']) {
      for (const c of (pod[key] as { image?: string }[] | undefined) ?? []) {
        if (!c.image) continue;
        const at = c.image.indexOf('@');
        const withoutDigest = at >= 0 ? c.image.slice(0, at) : c.image;
        const colon = withoutDigest.lastIndexOf(':');
        const hasTag = colon > withoutDigest.lastIndexOf('/');
        const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
        const rule = rules.find((r) => r.name === name);
        if (!rule) continue;
        const tag = rule.digest ? `@${rule.digest}` : rule.newTag !== undefined ? `:${rule.newTag}` : at >= 0 ? c.image.slice(at) : hasTag ? withoutDigest.slice(colon) : '';
        c.image = `${rule.newName ?? name}${tag}`;
      }
    }
  }
}

/** Renders the kustomization in `dir` (kustomization.yaml) to its objects, in resource order. */
export function renderKustomization(dir: string): KubeObject[] {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${dir} has no kustomization.yaml`);
  const k = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(k)) if (!SUPPORTED_KEYS.has(key)) throw new Error(`${file}: '${key}' is outside the kustomize subset this renderer implements`);
  let objects: KubeObject[] = [];
  for (const r of (k.resources as string[] | undefined) ?? []) {
    const p = resolve(dir, r);
    if (!existsSync(p)) throw new Error(`${file}: resource ${r} does not exist`);
    objects.push(...(statSync(p).isDirectory() ? renderKustomization(p) : readYamlDocs(p)));
  }
  for (const patch of (k.patches as PatchRule[] | undefined) ?? []) {
    const text = patch.patch ?? (patch.path ? readFileSync(resolve(dir, patch.path), 'utf8') : undefined);
    if (text === undefined) throw new Error(`${file}: a patch needs 'path' or 'patch'`);
    const ops = parse(text) as JsonPatchOp[];
    if (!Array.isArray(ops)) throw new Error(`${file}: only JSON 6902 patches (a list of operations) are in the subset`);
    const targets = objects.filter((o) => (!patch.target?.kind || o.kind === patch.target.kind) && (!patch.target?.name || o.metadata.name === patch.target.name));
    if (targets.length === 0) throw new Error(`${file}: patch target ${JSON.stringify(patch.target)} matches no object`);
    for (const t of targets) applyJsonPatch(t, ops);
  }
  if (typeof k.namespace === 'string') {
    const ns = k.namespace;
    objects = objects.map((o) => (CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: ns } }));
  }
  if (k.images) for (const o of objects) applyImages(o, k.images as ImageRule[]);
  return objects;
}
