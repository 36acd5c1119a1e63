// The sandbox's jest mode: test files in the work dir (/sandbox), JavaScript or TypeScript (as SandboxFusion's
// jest mode takes them), compiled by Babel with presets resolved from here, since the work dir has no node_modules.
const babel = {
  babelrc: false,
  configFile: false,
  presets: [require.resolve('@babel/preset-typescript')],
  plugins: [require.resolve('@babel/plugin-transform-modules-commonjs')],
};
module.exports = {
  rootDir: '/sandbox',
  testEnvironment: 'node',
  transform: { '\\.[cm]?[jt]sx?$': [require.resolve('babel-jest'), babel] },
  // Programs may import jest's own helpers (`@jest/globals`) from the image's install.
  modulePaths: ['/opt/jest/node_modules'],
  // The root filesystem is read-only at run time; the cache lives in the /tmp tmpfs.
  cacheDirectory: '/tmp/jest-cache',
  watchman: false,
  haste: { enableSymlinks: false },
};
