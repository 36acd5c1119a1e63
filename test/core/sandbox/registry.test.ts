import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryAuth, registryReference, RegistryError } from '../../../src/core/sandbox/registry';

test('registry references keep the local name under the registry, and bad registry names say what to give', () => {
  assert.equal(registryReference('registry.example.com', 'mplsandbox/python:0123456789ab'), 'registry.example.com/mplsandbox/python:0123456789ab');
  assert.equal(registryReference('127.0.0.1:5000/team/', 'mplsandbox/server:abc'), '127.0.0.1:5000/team/mplsandbox/server:abc');
  assert.throws(() => registryReference('', 'mplsandbox/python:x'), RegistryError);
  assert.throws(() => registryReference('https://registry.example.com', 'mplsandbox/python:x'), /host\[:port\]\[\/path\]/);
});

test('registry credentials come from the environment only when both are set', () => {
  assert.equal(registryAuth('r.example:5000/x', {}), undefined);
  assert.equal(registryAuth('r.example:5000/x', { MPLSANDBOX_REGISTRY_USERNAME: 'u' }), undefined);
  assert.deepEqual(registryAuth('r.example:5000/x', { MPLSANDBOX_REGISTRY_USERNAME: 'u', MPLSANDBOX_REGISTRY_PASSWORD: 'p' }), { username: 'u', password: 'p', serveraddress: 'r.example:5000' });
});
