import { describe, expect, it } from 'vitest';
import { maskedSecret, secretHintOf, secretTypeOf } from './connector-secret';

const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const OPENSSH_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\nQyNTUxOQAAACDxWXYZ\n-----END OPENSSH PRIVATE KEY-----\n`;

describe('connector secrets, as the API shows them', () => {
  it('knows the type of each secret', () => {
    expect(secretTypeOf({ password: 'x' })).toBe('password');
    expect(secretTypeOf({ privateKey: OPENSSH_KEY })).toBe('privateKey');
    expect(secretTypeOf({ privateKey: OPENSSH_KEY, passphrase: 'p' })).toBe('privateKey');
    expect(secretTypeOf({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' })).toBe('accessKey');
  });

  it("hints with the last 4 characters of the main value: a password, a key's body (not its armor), an access key id", () => {
    expect(secretHintOf({ password: 'correct-horse-battery-staple' })).toBe('aple');
    expect(secretHintOf({ privateKey: OPENSSH_KEY, passphrase: 'unrelated-passphrase' })).toBe('WXYZ');
    expect(secretHintOf({ privateKey: OPENSSH_KEY.replace(/\n/g, '\r\n') })).toBe('WXYZ');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABCDEF\n\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----`;
    expect(secretHintOf({ privateKey: pem })).toBe('VTLw');
    expect(secretHintOf({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })).toBe('MPLE');
  });

  it('shows nothing of a value shorter than 12 characters', () => {
    expect(secretHintOf({ password: 'hunter2' })).toBeNull();
    expect(secretHintOf({ password: 'elevenchars' })).toBeNull();
    expect(secretHintOf({ password: 'twelve-chars' })).toBe('hars');
    expect(secretHintOf({ privateKey: '-----BEGIN KEY-----\nshort\n-----END KEY-----' })).toBeNull();
  });

  it('masks with twelve stars and the hint', () => {
    expect(maskedSecret('aple')).toBe('************aple');
    expect(maskedSecret(null)).toBe('************');
  });
});
