/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
| Registers the TypeScript loader (ts-node with swc) and hands over to bin/console.ts.
*/
import 'ts-node-maintained/register/esm'

await import('./bin/console.js')
