// Starts the upload validation in its worker thread. In the built service (dist/) the
// thread's code is JavaScript beside this file; run from the TypeScript sources (the tests),
// it is not, and a worker starts without the loader its parent has, so tsx is registered here.
import { existsSync } from 'node:fs';

const compiled = new URL('./validate-upload-thread.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./validate-upload-thread.ts');
}
