import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The manifest lets bench/ui-size.ts tell the employee bundle from the lazily loaded staff screens.
    manifest: true,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.LOCKERWALL_API ?? 'http://127.0.0.1:8080' },
  },
});
