/**
 * The AWS node types the cost levels use, with the DBUs each bills per hour. The i3 family is
 * Databricks' storage-optimized reference type: i3.xlarge (4 vCPUs, 30.5 GiB) is 1 DBU per hour
 * and each size up doubles both (Databricks AWS pricing, instance types). Rates differ by cloud,
 * tier and Photon; check them against your account's price list.
 */
export const NODE_TYPES = {
  'i3.xlarge': { vcpus: 4, memoryGiB: 30.5, dbuPerHour: 1 },
  'i3.2xlarge': { vcpus: 8, memoryGiB: 61, dbuPerHour: 2 },
  'i3.4xlarge': { vcpus: 16, memoryGiB: 122, dbuPerHour: 4 },
} as const;

export type NodeTypeId = keyof typeof NODE_TYPES;

export function isKnownNodeType(value: string): value is NodeTypeId {
  return Object.hasOwn(NODE_TYPES, value);
}
