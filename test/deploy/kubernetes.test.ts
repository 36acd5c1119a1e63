/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are plain JSON, walked by their Kubernetes field paths */
// deploy/kubernetes, rendered as `kubectl kustomize` would (test/support/kustomize.ts), checked against the
// Kubernetes API schemas (kubernetes-models' validators for types, formats and required fields, and its
// TypeScript interfaces through the compiler for unknown or misspelt fields) and for the settings that
// make the service safe to run: probes, drain, resources, isolation, who may reach it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { imagesCommand } from '../../src/cli/commands/images';
import { serveCommand } from '../../src/cli/commands/serve';
import { MAX_TIMEOUT_SECONDS } from '../../src/service/request-fields';
import { renderKustomization, type KubeObject } from '../support/kustomize';

const repoRoot = join(import.meta.dirname, '..', '..');
const variants = { sidecar: join(repoRoot, 'deploy', 'kubernetes'), 'node-engine': join(repoRoot, 'deploy', 'kubernetes', 'node-engine') } as const;

type Validating = new (data: any) => { validate(): void };
/** apiVersion/kind → the module and interface of its kubernetes-models type (an ES module: imported, not required). */
const MODELS: Record<string, { module: string; iface: string }> = {
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1', iface: 'IDeployment' },
  'autoscaling/v2/HorizontalPodAutoscaler': { module: 'kubernetes-models/autoscaling/v2', iface: 'IHorizontalPodAutoscaler' },
  'networking.k8s.io/v1/NetworkPolicy': { module: 'kubernetes-models/networking.k8s.io/v1', iface: 'INetworkPolicy' },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1', iface: 'IPodDisruptionBudget' },
  'v1/ConfigMap': { module: 'kubernetes-models/v1', iface: 'IConfigMap' },
  'v1/Namespace': { module: 'kubernetes-models/v1', iface: 'INamespace' },
  'v1/Service': { module: 'kubernetes-models/v1', iface: 'IService' },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1', iface: 'IServiceAccount' },
};
/** Validates an object against its API schema (throws naming the field). */
async function validate(o: KubeObject): Promise<void> {
  const m = modelOf(o);
  assert.ok(m, `${o.apiVersion} ${o.kind} is not a type this test knows`);
  const mod = (await import(m.module)) as Record<string, Validating>;
  new mod[o.kind](o).validate();
}
const modelOf = (o: KubeObject) => MODELS[`${o.apiVersion}/${o.kind}`];

/**
 * Type-checks each object as an object literal of its API type: TypeScript's excess-property check finds
 * every field the API does not have, at any depth (the JSON schema validators allow unknown fields).
 */
function unknownFieldErrors(objects: KubeObject[]): string[] {
  const file = join(repoRoot, 'test', 'deploy', '__rendered_manifests__.ts');
  const imports = [...new Set(objects.map((o) => modelOf(o)))].map((m) => `import type { ${m.iface} } from '${m.module}';`);
  const body = objects.map((o, i) => `export const o${i}: ${modelOf(o).iface} = ${JSON.stringify(o, null, 1)};`);
  const source = [...imports, ...body].join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const line = where ? source.split('\n')[where.line].trim() : '';
    return `${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (at ${line})`;
  });
}

function one(objects: KubeObject[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `exactly one ${kind}`);
  return found[0];
}
const containersOf = (pod: any): any[] => [...(pod.initContainers ?? []), ...pod.containers];
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('the schema checks can fail', () => {
  test('a misspelt field, a wrong type and a missing required field are each found', async () => {
    const bad = structuredClone(one(renderKustomization(variants.sidecar), 'Deployment'));
    bad.spec.template.spec.containers[0].readinesProbe = bad.spec.template.spec.containers[0].readinessProbe;
    assert.match(unknownFieldErrors([bad]).join('\n'), /readinesProbe/);
    const wrongType = structuredClone(one(renderKustomization(variants.sidecar), 'Deployment'));
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
    await assert.rejects(validate(wrongType), /containerPort/);
    const missing = structuredClone(one(renderKustomization(variants.sidecar), 'Deployment'));
    delete missing.spec.selector;
    await assert.rejects(validate(missing), /selector/);
  });
});

for (const [variant, dir] of Object.entries(variants)) {
  describe(`deploy/kubernetes (${variant})`, () => {
    const objects = renderKustomization(dir);
    const deployment = one(objects, 'Deployment');
    const pod = deployment.spec.template.spec;
    const podLabels = deployment.spec.template.metadata.labels;
    const server = pod.containers.find((c: any) => c.name === 'server');

    test('every object is a known API type that passes the API schema, with no unknown field', async () => {
      for (const o of objects) await validate(o);
      assert.deepEqual(unknownFieldErrors(objects), []);
      assert.deepEqual(objects.map((o) => o.kind).sort(), ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
      for (const o of objects) if (o.kind !== 'Namespace') assert.equal(o.metadata.namespace, 'mplsandbox', `${o.kind} in the mplsandbox namespace`);
    });

    test('readiness on /healthz, liveness on /v1/ping, on the server port', () => {
      const port = server.ports.find((p: any) => p.name === 'http');
      assert.equal(port.containerPort, 8080);
      assert.deepEqual(server.readinessProbe.httpGet, { path: '/healthz', port: 'http' });
      assert.deepEqual(server.livenessProbe.httpGet, { path: '/v1/ping', port: 'http' });
      assert.ok(server.args.includes('--host') && server.args[server.args.indexOf('--host') + 1] === '0.0.0.0');
      assert.ok(server.args.includes('--token-file'), 'a non-loopback bind needs a token');
      assert.equal(server.args[0], 'serve');
      for (const flag of server.args.filter((a: string) => a.startsWith('--'))) assert.ok(serveCommand.usage.includes(flag), `mplsandbox serve takes ${flag}`);
      const tokenMount = server.volumeMounts.find((m: any) => server.args[server.args.indexOf('--token-file') + 1].startsWith(`${m.mountPath}/`));
      const tokenVolume = pod.volumes.find((v: any) => v.name === tokenMount.name);
      assert.equal(tokenVolume.secret.secretName, 'mplsandbox-token', 'the token comes from a Secret the operator creates');
      assert.ok(!objects.some((o) => o.kind === 'Secret'), 'no secret is shipped in the manifests');
    });

    test('the drain fits in the grace period: preStop pause + the longest run + removing warm containers', () => {
      const pause = Number(server.lifecycle.preStop.exec.command[1]);
      assert.equal(server.lifecycle.preStop.exec.command[0], 'sleep');
      assert.ok(pause >= 3, 'long enough for endpoints to drop the pod');
      // The longest compile and run a request may ask for (the service's upper limits) plus a margin.
      const longestRunSeconds = MAX_TIMEOUT_SECONDS + MAX_TIMEOUT_SECONDS;
      assert.ok(pod.terminationGracePeriodSeconds >= pause + longestRunSeconds + 10, `grace ${pod.terminationGracePeriodSeconds} s`);
      assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0);
    });

    test('every container has CPU and memory requests and limits, limits at least the requests', () => {
      const qty = (q: string | number) => {
        const s = String(q);
        const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti)?$/.exec(s);
        assert.ok(m, `quantity ${s}`);
        return Number(m[1]) * ({ m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }[m[2] as 'm'] ?? 1);
      };
      for (const c of containersOf(pod)) {
        for (const r of ['cpu', 'memory']) {
          assert.ok(c.resources?.requests?.[r] !== undefined && c.resources?.limits?.[r] !== undefined, `${c.name}: ${r} request and limit`);
          assert.ok(qty(c.resources.limits[r]) >= qty(c.resources.requests[r]), `${c.name}: ${r} limit ≥ request`);
        }
      }
    });

    test('isolation: only the engine is privileged; the server and its helpers are unprivileged', () => {
      assert.equal(pod.automountServiceAccountToken, false);
      assert.equal(pod.hostNetwork ?? false, false);
      assert.equal(pod.hostPID ?? false, false);
      assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
      for (const c of containersOf(pod)) {
        if (c.name === 'engine') continue;
        const s = c.securityContext;
        assert.equal(s.runAsNonRoot, true, `${c.name} runs as non-root`);
        assert.equal(s.allowPrivilegeEscalation, false, c.name);
        assert.equal(s.readOnlyRootFilesystem, true, c.name);
        assert.deepEqual(s.capabilities.drop, ['ALL'], c.name);
        assert.ok(!s.privileged, c.name);
      }
      const engine = (pod.initContainers ?? []).find((c: any) => c.name === 'engine');
      const hostPaths = pod.volumes.filter((v: any) => v.hostPath);
      if (variant === 'sidecar') {
        assert.equal(engine.restartPolicy, 'Always', 'the engine is a native sidecar: up before the server, down after its drain');
        assert.equal(engine.securityContext.privileged, true);
        const storage = engine.volumeMounts.find((m: any) => m.mountPath === '/var/lib/docker');
        assert.ok(pod.volumes.find((v: any) => v.name === storage.name).emptyDir, "the engine's storage is the pod's own");
        assert.deepEqual(hostPaths, [], 'nothing of the node is mounted');
      } else {
        assert.equal(engine, undefined, 'no engine sidecar');
        assert.ok(!containersOf(pod).some((c) => c.securityContext?.privileged), 'nothing privileged');
        assert.deepEqual(hostPaths.map((v: any) => v.hostPath), [{ path: '/var/run/docker.sock', type: 'Socket' }], "only the node's engine socket");
      }
      // Every process that talks to the engine finds it where DOCKER_HOST says, through a mounted volume.
      for (const c of containersOf(pod).filter((c) => c.env?.some((e: any) => e.name === 'DOCKER_HOST'))) {
        const socket = c.env.find((e: any) => e.name === 'DOCKER_HOST').value.replace('unix://', '');
        assert.ok(c.volumeMounts.some((m: any) => socket === m.mountPath || socket.startsWith(`${m.mountPath}/`)), `${c.name} mounts ${socket}`);
      }
    });

    test('executor_pod_name is the pod name, from the downward API', () => {
      const env = server.env.find((e: any) => e.name === 'MY_POD_NAME');
      assert.deepEqual(env.valueFrom, { fieldRef: { fieldPath: 'metadata.name' } });
    });

    test('Service, HPA and PDB select these pods; the NetworkPolicy admits only labelled clients on the service port', () => {
      const svc = one(objects, 'Service');
      assert.ok(matches(svc.spec.selector, podLabels));
      assert.equal(svc.spec.ports[0].targetPort, 'http');
      const hpa = one(objects, 'HorizontalPodAutoscaler');
      assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
      assert.ok(hpa.spec.minReplicas >= 2 && hpa.spec.maxReplicas > hpa.spec.minReplicas);
      const pdb = one(objects, 'PodDisruptionBudget');
      assert.ok(matches(pdb.spec.selector.matchLabels, podLabels));
      assert.ok(pdb.spec.maxUnavailable < hpa.spec.minReplicas, 'a disruption always leaves a pod serving');
      const np = one(objects, 'NetworkPolicy');
      assert.ok(matches(np.spec.podSelector.matchLabels, podLabels));
      assert.ok(np.spec.policyTypes.includes('Ingress') && np.spec.policyTypes.includes('Egress'));
      for (const rule of np.spec.ingress) {
        assert.ok(rule.from?.length > 0, 'no ingress rule open to everyone');
        for (const peer of rule.from) assert.ok(peer.podSelector?.matchLabels && Object.keys(peer.podSelector.matchLabels).length > 0, 'peers are selected client pods');
        assert.deepEqual(rule.ports.map((p: any) => p.port), [svc.spec.ports[0].targetPort]);
      }
    });

    test("images come from the operator's registry, sandbox images through the images init step", () => {
      for (const c of containersOf(pod)) assert.match(c.image, /^registry\.example\.com\/mplsandbox\/(server|engine):/, `${c.name}: ${c.image}`);
      const config = one(objects, 'ConfigMap');
      assert.equal(config.data.MPLSANDBOX_IMAGE_REGISTRY, 'registry.example.com');
      const init = pod.initContainers.find((c: any) => c.name === 'images');
      assert.deepEqual(init.args.slice(0, 2), ['images', 'pull']);
      assert.ok(init.args.includes('--build-missing'), 'the offline build is the fallback');
      for (const flag of init.args.filter((a: string) => a.startsWith('--'))) assert.ok(imagesCommand.usage.includes(flag), `mplsandbox images takes ${flag}`);
    });
  });
}
