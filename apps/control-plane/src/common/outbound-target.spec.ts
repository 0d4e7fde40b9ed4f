import { describe, expect, it } from 'vitest';
import { BLOCKED_TARGET_MESSAGE, httpUrlProblem, isPrivateAddress, outboundTargetProblem } from './outbound-target';

describe('webhook targets', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(httpUrlProblem('https://hooks.example.org/ade?token=1')).toBeNull();
    expect(httpUrlProblem('http://hooks.example.org:8080/')).toBeNull();
    expect(httpUrlProblem('ftp://hooks.example.org/')).toBe('must be an http or https URL');
    expect(httpUrlProblem('file:///etc/passwd')).toBe('must be an http or https URL');
    expect(httpUrlProblem('javascript:alert(1)')).toBe('must be an http or https URL');
    expect(httpUrlProblem('/relative')).toBe('must be an absolute http or https URL');
  });

  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:10.1.2.3', '64:ff9b::a9fe:a9fe', '[::1]', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses private targets by literal or by what the host resolves to, unless allowed', async () => {
    const resolve = async (host: string) => ({ 'public.test': ['93.184.216.34'], 'mixed.test': ['93.184.216.34', '10.0.0.1'], 'localhost': ['127.0.0.1', '::1'] })[host] ?? [];
    expect(await outboundTargetProblem('https://public.test/hook', false, resolve)).toBeNull();
    expect(await outboundTargetProblem('https://mixed.test/hook', false, resolve)).toBe(BLOCKED_TARGET_MESSAGE);
    expect(await outboundTargetProblem('http://localhost:8080/hook', false, resolve)).toBe(BLOCKED_TARGET_MESSAGE);
    expect(await outboundTargetProblem('http://169.254.169.254/latest/meta-data', false, resolve)).toBe(BLOCKED_TARGET_MESSAGE);
    expect(await outboundTargetProblem('http://[::1]:9000/', false, resolve)).toBe(BLOCKED_TARGET_MESSAGE);
    expect(await outboundTargetProblem('https://nowhere.test/', false, resolve)).toBe('host could not be resolved');
    expect(await outboundTargetProblem('http://127.0.0.1:9000/', true, resolve)).toBeNull();
    expect(await outboundTargetProblem('ftp://public.test/', true, resolve)).toBe('must be an http or https URL');
  });
});
