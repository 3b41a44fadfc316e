import http from 'node:http'

/** A local HTTP receiver for webhook tests: records every JSON body; `failFirst` answers the first n requests with 500. */
export async function startWebhookReceiver(opts: { failFirst?: number } = {}) {
  const received: unknown[] = []
  let requests = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      requests++
      if (requests <= (opts.failFirst ?? 0)) return void res.writeHead(500).end('try again')
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/hook`, received, requests: () => requests, close: () => new Promise<void>((r) => server.close(() => r())) }
}
