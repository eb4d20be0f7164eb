/** How every Playwright run here launches Debian's Chromium (e2e and the benchmark share them). */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Real WebGPU through SwiftShader (software): slow, but it runs the WebGPU code path. */
export const SWIFTSHADER_WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];
