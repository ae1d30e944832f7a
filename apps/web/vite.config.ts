import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

export default defineConfig({
  plugins: [react(), precompress()],
  // Two pages: the SPA, and the light login page served at /login (issue 21 item 12: no React or antd to fetch and run
  // before the form shows). Paths are relative to this folder.
  input: { index: 'index.html', login: 'login.html' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every route is its own chunk; the largest shared chunk (antd, React) stays below this.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
