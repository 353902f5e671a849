/** How a staging target (Redshift) is loaded: where its files go and how COPY reads them. */
export interface LoadStagingOptions {
  /** `s3://bucket/prefix` or `file:///dir`. */
  readonly stage?: string
  readonly iamRole?: string
  /** Parts per chunk; read from the cluster when absent. */
  readonly slices?: number
  /** Write parts, manifests and copy.sql; never connect to the target. */
  readonly stageOnly?: boolean
  /** The S3 endpoint (an S3-compatible server); AWS's own otherwise. */
  readonly s3Endpoint?: string
}
