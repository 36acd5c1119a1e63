// `mplsandbox images push` / `pull` for real: a registry (Debian's docker-registry) on 127.0.0.1, an image
// pushed to it, its local name removed, pulled back under that name. The image is a throwaway of this test.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Dockerode from 'dockerode';
import { managedContainerLabels } from '../../../src/core/sandbox/container-labels';
import { buildContextImage, imageExists, listFiles } from '../../../src/core/sandbox/images';
import { pullImage, pushImage, registryAuth, RegistryError } from '../../../src/core/sandbox/registry';
import { httpStatus } from '../../../src/cluster/http-status';
import { needs } from '../../support/tiers';

const docker = new Dockerode();
const probeTag = `mplsandbox-test/registry-probe:${process.pid}`;
const credentials = { MPLSANDBOX_REGISTRY_USERNAME: 'mplsandbox-test', MPLSANDBOX_REGISTRY_PASSWORD: 'not-a-secret-registry-password' };

describe('images through a registry (real Docker)', { timeout: 600_000, ...needs('docker') }, () => {
  let registry: Dockerode.Container;
  let address = '';

  before(async () => {
    const registryImage = await buildContextImage(docker, { files: listFiles(join(import.meta.dirname, '..', '..', 'fixtures', 'registry'), '.'), tag: 'mplsandbox-test/registry:2', image: 'registry', labels: {} });
    registry = await docker.createContainer({
      Image: registryImage,
      Labels: managedContainerLabels(),
      ExposedPorts: { '5000/tcp': {} },
      HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, AutoRemove: false },
    });
    await registry.start();
    const port = (await registry.inspect()).NetworkSettings.Ports['5000/tcp'][0].HostPort;
    address = `127.0.0.1:${port}`;
    for (let i = 0; i < 60; i++) {
      // Up once it answers at all: 401, since it wants a login.
      const status = await httpStatus(`http://${address}/v2/`);
      if (status === 401 || status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // A small image of our own, distinct from every real one: the base with a label.
    await buildContextImage(docker, { files: [{ name: 'Dockerfile', content: Buffer.from(`FROM debian:bookworm-slim\nLABEL probe=${process.pid}\n`), mode: 0o644 }], tag: probeTag, image: 'registry-probe', labels: {} });
  });

  after(async () => {
    await registry?.remove({ force: true });
    for (const tag of [probeTag, `${address}/${probeTag}`]) await docker.getImage(tag).remove({ force: true }).catch(() => {});
  });

  test('push with the login from the environment, remove the local name, pull: the image is back under its local name', async () => {
    await assert.rejects(pushImage(docker, probeTag, address, registryAuth(address, {})), (err: Error) => err instanceof RegistryError && /auth/i.test(err.message), 'anonymous: refused, and said so');
    const auth = registryAuth(address, credentials);
    const ref = await pushImage(docker, probeTag, address, auth);
    assert.equal(ref, `${address}/${probeTag}`);
    await docker.getImage(probeTag).remove();
    await docker.getImage(ref).remove();
    assert.equal(await imageExists(docker, probeTag), false);
    await pullImage(docker, probeTag, address, auth);
    assert.equal(await imageExists(docker, probeTag), true);
    assert.equal((await docker.getImage(probeTag).inspect()).Config.Labels?.probe, String(process.pid));
  });

  test('pulling what the registry lacks is a RegistryError naming the reference (the CLI then builds it)', async () => {
    await assert.rejects(pullImage(docker, 'mplsandbox-test/never-pushed:0', address, registryAuth(address, credentials)), (err: Error) => err instanceof RegistryError && err.message.includes(`${address}/mplsandbox-test/never-pushed:0`));
  });
});
