// A tiny static file server: the one scripts/serve runs and the browser
// tests start, so the tests load the page exactly as a teacher does.
//
//   node scripts/static_server.mjs <folder> [port] [host]
//
// It serves .wasm as application/wasm (so the browser compiles it while it
// streams in) and .js/.mjs as text/javascript (ES modules refuse any other
// type). It sends no-store, so a reload after a rebuild never shows a stale
// module beside new glue.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Maps a URL path to a file under `root`, or null if it escapes `root`. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Serves `root` on `host:port` (port 0 picks a free one). Resolves to
 * `{ url, port, close }` once listening; `close()` resolves when it stops.
 */
export async function serveStatic(root, { port = 0, host = "127.0.0.1" } = {}) {
  const folder = resolve(root);
  const server = createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let file = fileFor(folder, request.url ?? "/");
    if (!file) {
      response.writeHead(403).end("forbidden\n");
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        // Relative links in index.html resolve against the URL, so a folder
        // must be asked for with its trailing slash.
        const [pathname, query] = (request.url ?? "/").split(/(?=\?)/);
        if (!pathname.endsWith("/")) {
          response.writeHead(301, { Location: `${pathname}/${query ?? ""}` }).end();
          return;
        }
        file = join(file, "index.html");
        info = await stat(file);
      }
      response.writeHead(200, {
        "Content-Type": MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": info.size,
        "Cache-Control": "no-store",
      });
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end(`not found: ${request.url}\n`);
    }
  });
  // Browsers keep connections alive; without this, close() would wait for
  // them to time out.
  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(port, host, resolveListen);
  });
  const actualPort = server.address().port;
  const shownHost = host === "127.0.0.1" || host === "0.0.0.0" ? "localhost" : host;
  return {
    url: `http://${shownHost}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = "www", port = "8000", host = "127.0.0.1"] = process.argv.slice(2);
  try {
    const { url } = await serveStatic(root, { port: Number(port), host });
    console.log(`\nDescent is being served from ${root}/ at ${url}\n(Ctrl-C stops it)`);
  } catch (error) {
    if (error.code === "EADDRINUSE") {
      console.error(`Port ${port} is in use. Pick another: PORT=${Number(port) + 1} scripts/serve`);
    } else {
      console.error(`Cannot serve ${root}/ on ${host}:${port}: ${error.message}`);
    }
    process.exit(1);
  }
}
