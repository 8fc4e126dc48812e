import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The service worker is built as its own entry with a fixed name, so it can control the whole origin.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { main: 'index.html', sw: 'src/sw/sw.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/openapi.json': 'http://localhost:3000', '/docs': 'http://localhost:3000' },
  },
});
