// esbuild bundles the webview's stylesheets (webview/main.ts imports them for their side effect).
declare module '*.css';
