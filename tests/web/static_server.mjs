// A static server of the built page on 127.0.0.1 (a free port), as any web server would serve
// it: for the page's test and its benchmark. Returns {origin, close()}.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
               '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png'};

export async function serve(webDir) {
  const server = http.createServer((request, response) => {
    const wanted = path.normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    let name = path.join(webDir, wanted);
    if (wanted.endsWith('/')) name = path.join(name, 'index.html');
    if (!name.startsWith(webDir + path.sep) || !fs.existsSync(name) ||
        fs.statSync(name).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {'Content-Type': types[path.extname(name)] ?? 'application/octet-stream'});
    fs.createReadStream(name).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close()};
}
