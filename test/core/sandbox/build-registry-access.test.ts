// What image builds get of the caller's registry access: build arguments and extra CA certificates (no Docker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificatesFile, extraCertificates, registryBuildArgs } from '../../../src/core/sandbox/build-registry-access';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

test('extra CA certificates: ours, else Node\'s, else npm\'s cafile; a file without a certificate is none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-'));
  const pem = join(dir, 'ca.pem');
  const junk = join(dir, 'junk.txt');
  writeFileSync(pem, PEM);
  writeFileSync(junk, 'not a certificate');
  assert.equal(extraCertificates({ npm_config_cafile: pem })?.toString(), PEM);
  assert.equal(extraCertificates({ NODE_EXTRA_CA_CERTS: pem, npm_config_cafile: junk })?.toString(), PEM);
  assert.equal(extraCertificates({ MPLSANDBOX_BUILD_CA_CERTS: junk, NODE_EXTRA_CA_CERTS: pem }), undefined);
  assert.equal(extraCertificates({ NODE_EXTRA_CA_CERTS: join(dir, 'missing.pem') }), undefined);
  assert.equal(extraCertificates({}), undefined);
  assert.equal(certificatesFile('build-ca', Buffer.from(PEM)).name, 'build-ca/extra-ca.crt');
  // Without certificates the folder still exists (a Dockerfile's COPY of it must not fail).
  assert.equal(certificatesFile('build-ca', undefined).name, 'build-ca/README');
});

test('registry settings become build arguments; unset ones are left out', () => {
  assert.deepEqual(registryBuildArgs({ NPM_CONFIG_REGISTRY: 'http://mirror:4873/', HTTPS_PROXY: '', PATH: '/bin' }), { NPM_CONFIG_REGISTRY: 'http://mirror:4873/' });
});
