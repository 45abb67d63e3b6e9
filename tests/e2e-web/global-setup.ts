import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The host serves build/renderer; without a build every page would be a 404. */
export default function globalSetup(): void {
  const index = path.join(repoRoot, 'build', 'renderer', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} is missing: build the renderer first (npm run build, or npx vite build).`);
  }
  fs.mkdirSync(path.join(repoRoot, 'test-results', 'screenshots'), { recursive: true });
}
