import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { UsageError } from '../../core/errors.js'

/**
 * Where a Redshift load puts its files (parts, chunk records, manifests, copy.sql): an S3 prefix,
 * or a local directory with the same layout. Keys are relative to the stage's root.
 */
export interface Stage {
  /** The root, as given (`s3://bucket/prefix`, `file:///dir`), without a trailing slash. */
  readonly root: string
  urlOf(key: string): string
  /** A local directory for parts being written before they are put. */
  scratch(): Promise<string>
  /** Puts a finished local file at `key` (the file is gone afterwards). */
  putFile(key: string, path: string): Promise<void>
  putText(key: string, text: string): Promise<void>
  /** The object's text, or undefined when there is none. */
  getText(key: string): Promise<string | undefined>
  close(): Promise<void>
}

/** S3 multipart part size: parts above it are uploaded in pieces of this size, several at once. */
export const MULTIPART_BYTES = 8 * 1024 * 1024

export function openStage(url: string, o: { s3Endpoint?: string } = {}): Stage {
  if (/^file:/i.test(url)) return new FileStage(url)
  const m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url)
  if (!m) {
    throw new UsageError('LOAD_STAGE_INVALID', `--stage ${url}: expected s3://bucket/prefix or file:///directory`, {
      hint: 'Name an S3 prefix the cluster can read (s3://bucket/prefix), or a local directory with --stage-only.',
    })
  }
  if (/['\\]/.test(url)) throw new UsageError('LOAD_STAGE_INVALID', `--stage ${url}: quotes and backslashes cannot appear in a COPY source`, { hint: 'Choose a prefix without them.' })
  return new S3Stage(m[1] as string, (m[2] as string).replace(/\/+$/, ''), o.s3Endpoint)
}

class FileStage implements Stage {
  readonly root: string
  private readonly dir: string
  constructor(url: string) {
    this.dir = fileURLToPath(url).replace(/\/+$/, '')
    this.root = `file://${this.dir}`
  }
  urlOf(key: string): string {
    return `${this.root}/${key}`
  }
  async scratch(): Promise<string> {
    await mkdir(join(this.dir, '.scratch'), { recursive: true })
    return mkdtemp(join(this.dir, '.scratch', 'w-'))
  }
  async putFile(key: string, path: string): Promise<void> {
    await mkdir(dirname(join(this.dir, key)), { recursive: true })
    await rename(path, join(this.dir, key))
  }
  async putText(key: string, text: string): Promise<void> {
    const to = join(this.dir, key)
    await mkdir(dirname(to), { recursive: true })
    // Written aside and renamed: a reader never sees half a record.
    await writeFile(`${to}.tmp`, text)
    await rename(`${to}.tmp`, to)
  }
  async getText(key: string): Promise<string | undefined> {
    return readFile(join(this.dir, key), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined
      throw err
    })
  }
  async close(): Promise<void> {
    await rm(join(this.dir, '.scratch'), { recursive: true, force: true })
  }
}

class S3Stage implements Stage {
  readonly root: string
  private readonly client: S3Client
  private scratchDir: string | undefined
  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
    endpoint: string | undefined,
  ) {
    this.root = `s3://${bucket}${prefix ? `/${prefix}` : ''}`
    this.client = new S3Client({
      region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      // Plain PUTs with a Content-MD5-free body: S3-compatible servers that predate the SDK's
      // default CRC32 trailers accept them, and S3 checks the multipart ETags anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  }
  private keyOf(key: string): string {
    return this.prefix ? `${this.prefix}/${key}` : key
  }
  urlOf(key: string): string {
    return `s3://${this.bucket}/${this.keyOf(key)}`
  }
  async scratch(): Promise<string> {
    this.scratchDir ??= await mkdtemp(join(tmpdir(), 'godwit-stage-'))
    return mkdtemp(join(this.scratchDir, 'w-'))
  }
  async putFile(key: string, path: string): Promise<void> {
    // lib-storage sends one PUT below MULTIPART_BYTES, a multipart upload above it.
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: this.keyOf(key), Body: createReadStream(path) }, partSize: MULTIPART_BYTES, queueSize: 4 })
    await upload.done()
    await rm(path, { force: true })
  }
  async putText(key: string, text: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key), Body: text }))
  }
  async getText(key: string): Promise<string | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }))
      return await r.Body?.transformToString()
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey' || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined
      throw err
    }
  }
  async close(): Promise<void> {
    this.client.destroy()
    if (this.scratchDir) await rm(this.scratchDir, { recursive: true, force: true })
  }
}
