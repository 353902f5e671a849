import type { LoadTablePlan } from '../../../../src/engines/postgres/control-schema-load.js'

/** A Teradata table as a finished load run recorded it: what a cdc stream of that run captures. */
export const ORDERS_PLAN: LoadTablePlan = {
  schema: 'Sales', name: 'Orders', targetSchema: 'sales', targetName: 'orders', key: ['OrderId'], chunking: 'key-range', transfer: 'transcode',
  columns: [
    { name: 'OrderId', targetName: 'order_id', type: { kind: 'int', bytes: 8 }, pgType: 'bigint' },
    { name: 'Total', targetName: 'total', type: { kind: 'decimal', precision: 38, scale: 2 }, pgType: 'numeric(38,2)' },
    { name: 'UpdatedAt', targetName: 'updated_at', type: { kind: 'timestamp', precision: 6, tz: 'none' }, pgType: 'timestamp(6)' },
  ],
}
