/** The domain of AWS service endpoints in a region: the China regions (cn-north-1, cn-northwest-1) are their own partition. */
export function awsDomainOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
