import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Keyed digests and sealing for secrets we must match or deliver but never store in plain text. */
export class SecretKeeper {
  private readonly hmacKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(installSecret: Buffer) {
    this.hmacKey = Buffer.from(hkdfSync('sha256', installSecret, Buffer.alloc(0), 'lockerwall credential hmac', 32));
    this.sealKey = Buffer.from(hkdfSync('sha256', installSecret, Buffer.alloc(0), 'lockerwall outbox seal', 32));
  }

  pickupCodeDigest(code: string): string {
    return createHmac('sha256', this.hmacKey).update(`code:${code}`).digest('hex');
  }

  badgeDigest(matchKey: string): string {
    return createHmac('sha256', this.hmacKey).update(`badge:${matchKey}`).digest('hex');
  }

  /** AES-256-GCM; the outbox keeps a pickup code only in this form, and only until it is delivered. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  unseal(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body) throw new Error('sealed value is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}

/** Session tokens are random; only their SHA-256 is stored. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
