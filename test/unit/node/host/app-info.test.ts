import { describe, expect, it } from 'vitest';
import { AppInfo } from '../../../../shared/host/contract';
import { actorFor, analystName, appInfo } from '../../../../node/host/app-info';

describe('app-info', () => {
  it('describes the Electron host in the contract shape', () => {
    const info = appInfo({ version: '0.1.0', platform: 'linux', arch: 'x64', env: {}, username: () => 'jdoe' });
    expect(AppInfo.parse(info)).toEqual({ name: 'Signature Workbench', version: '0.1.0', host: 'electron', platform: 'linux-x64', user: 'jdoe' });
  });

  it('takes the analyst from SIGWB_ANALYST, else the signed-in user, else "unknown"', () => {
    expect(analystName({ SIGWB_ANALYST: ' A. Chemist ' }, () => 'jdoe')).toBe('A. Chemist');
    expect(analystName({}, () => 'jdoe')).toBe('jdoe');
    expect(
      analystName({}, () => {
        throw new Error('no passwd entry');
      }),
    ).toBe('unknown');
    expect(actorFor({ version: '1.2.3', env: {}, username: () => 'jdoe' })).toEqual({ user: 'jdoe', appVersion: '1.2.3' });
  });
});
