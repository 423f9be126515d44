import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The tab, built into tab/dist and served by the Node server under /tab (src/server/tab-pages.ts).
 * Vite's own Oxc transform compiles the TSX with React's automatic runtime; @vitejs/plugin-react
 * would add only Fast Refresh for a dev server this project does not use.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fluent UI is one big bundle; the tab loads once per session inside Teams.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Fluent UI marks its modules 'use client' for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  logLevel: 'warn',
});
