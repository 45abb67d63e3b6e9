import fs from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.FLOORWATCH_E2E_DATA;
  if (dir && dir.includes('floorwatch-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
