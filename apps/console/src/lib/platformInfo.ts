import { useEffect, useState } from 'react';
import { graphqlRequest, PLATFORM_INFO_QUERY } from './apiClient';
import type { PlatformInfo } from './types';

let cached: Promise<PlatformInfo | undefined> | undefined;

/** Public and fixed for the life of the server, so it is fetched once per page load. */
export const loadPlatformInfo = (): Promise<PlatformInfo | undefined> => {
  cached ??= graphqlRequest<{ platformInfo: PlatformInfo }>(PLATFORM_INFO_QUERY, {}, { auth: false })
    .then((data) => data.platformInfo)
    .catch(() => {
      cached = undefined;
      return undefined;
    });
  return cached;
};

export const usePlatformInfo = (): PlatformInfo | undefined => {
  const [info, setInfo] = useState<PlatformInfo | undefined>();
  useEffect(() => {
    let active = true;
    void loadPlatformInfo().then((value) => {
      if (active) setInfo(value);
    });
    return () => {
      active = false;
    };
  }, []);
  return info;
};
