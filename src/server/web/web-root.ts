/**
 * Where the built console is: `dist/web` of the package this code belongs to, found by walking
 * up from this module (it runs from src/ under tsx, from dist/server/ or from a CLI chunk).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the console's index.html, or null when the console was not built. */
export function findWebRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'web');
      if (existsSync(join(root, 'index.html'))) return root;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
