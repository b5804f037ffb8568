// A worker thread starts without the TypeScript loader this process registered: register
// it here, as bin/opencsc.js does, then run the validation in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./validate-upload-thread.ts');
