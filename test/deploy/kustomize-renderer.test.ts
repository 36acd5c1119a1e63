/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are plain JSON, walked by their Kubernetes field paths */
// The kustomize subset renderer used to check deploy/kubernetes: each feature on a small tree of its own.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyJsonPatch, renderKustomization } from '../support/kustomize';

const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
after(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 't-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers: [{name: init, image: example/tool}]
      containers: [{name: app, image: example/app:1.0}, {name: other, image: other/app:2}]
---
apiVersion: v1
kind: Namespace
metadata: {name: ns1}
`;

describe('kustomize subset renderer', () => {
  test('resources from files and nested folders, namespace on namespaced objects only, images by name', () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources: [app.yaml]\nnamespace: ns1\n',
      'base/app.yaml': deployment,
      'kustomization.yaml': 'resources: [base, extra.yaml]\nimages:\n  - {name: example/app, newName: reg.local/app, newTag: "7"}\n  - {name: example/tool, newTag: "3"}\n',
      'extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: "1"}\n',
    });
    const objects = renderKustomization(dir);
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`), ['Deployment/web', 'Namespace/ns1', 'ConfigMap/cm']);
    assert.equal(objects[0].metadata.namespace, 'ns1');
    assert.equal(objects[1].metadata.namespace, undefined, 'a Namespace has no namespace');
    assert.equal(objects[2].metadata.namespace, undefined, "the parent's own resources keep theirs");
    const spec = (objects[0].spec as any).template.spec;
    assert.equal(spec.containers[0].image, 'reg.local/app:7');
    assert.equal(spec.containers[1].image, 'other/app:2', 'an image without a rule stays');
    assert.equal(spec.initContainers[0].image, 'example/tool:3');
  });

  test('JSON 6902 patches by target, from a file or inline', () => {
    const dir = tree({
      'app.yaml': deployment,
      'p.yaml': '- op: remove\n  path: /spec/template/spec/initContainers/0\n- op: add\n  path: /spec/template/spec/containers/-\n  value: {name: third, image: x}\n',
      'kustomization.yaml': 'resources: [app.yaml]\npatches:\n  - path: p.yaml\n    target: {kind: Deployment, name: web}\n  - patch: |\n      - op: replace\n        path: /metadata/name\n        value: ns2\n    target: {kind: Namespace}\n',
    });
    const [d, ns] = renderKustomization(dir);
    const spec = (d.spec as any).template.spec;
    assert.deepEqual(spec.initContainers, []);
    assert.deepEqual(spec.containers.map((c: any) => c.name), ['app', 'other', 'third']);
    assert.equal(ns.metadata.name, 'ns2');
  });

  test('what is outside the subset, or wrong, is an error', () => {
    assert.throws(() => renderKustomization(tree({ 'kustomization.yaml': 'resources: []\ncommonLabels: {a: b}\n' })), /'commonLabels' is outside the kustomize subset/);
    assert.throws(() => renderKustomization(tree({ 'kustomization.yaml': 'resources: [missing.yaml]\n' })), /does not exist/);
    assert.throws(
      () => renderKustomization(tree({ 'a.yaml': deployment, 'kustomization.yaml': 'resources: [a.yaml]\npatches:\n  - patch: "[]"\n    target: {kind: Service}\n' })),
      /matches no object/,
    );
    assert.throws(() => renderKustomization(tree({ 'a.yaml': 'a: &x 1\nb: *x\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', 'kustomization.yaml': 'resources: [a.yaml]\n' })), /alias/i);
    assert.throws(() => applyJsonPatch({ a: [1] }, [{ op: 'replace', path: '/a/3', value: 2 }]), /out of range/);
    assert.throws(() => applyJsonPatch({ a: {} }, [{ op: 'remove', path: '/a/b' }]), /does not exist/);
    assert.throws(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), /test \/a failed/);
  });
});
