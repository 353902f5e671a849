import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** A local S3-compatible server (s3rver) on a free port, with one bucket, storing objects in a temporary directory. */
export interface LocalS3 {
  readonly endpoint: string
  readonly bucket: string
  /** The directory holding the objects: `<directory>/<bucket>/<key>._S3rver_object`. */
  readonly directory: string
  /** `METHOD /bucket/key?query` of every request the server received, in order. */
  readonly requests: readonly string[]
  stop(): Promise<void>
}

export async function startLocalS3(bucket = 'godwit-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'godwit-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  const requests: string[] = []
  const http = (server as unknown as { httpServer: import('node:http').Server }).httpServer
  http.prependListener('request', (req: import('node:http').IncomingMessage) => requests.push(`${req.method} ${req.url}`))
  // The SDK signs requests: any key pair is accepted by s3rver, but one must be there.
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER'
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER'
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    requests,
    async stop() {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
