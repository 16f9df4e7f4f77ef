// Stable place ids: the same row imported twice, on a device or on the server, gets the same id,
// so a re-import updates in place and changes nothing when nothing changed. The id has the shape
// of a ULID (26 characters of Crockford base 32) because every synced record id does.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 128 bits of a text (four rounds of a 32-bit multiply-xorshift mix; not cryptographic). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 0x9e3779b1
  let h2 = 0x85ebca77
  let h3 = 0xc2b2ae3d
  let h4 = 0x27d4eb2f
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x85ebca6b)
    h2 = Math.imul(h2 ^ c, 0xc2b2ae35)
    h3 = Math.imul(h3 ^ c, 0x27d4eb2d)
    h4 = Math.imul(h4 ^ c, 0x165667b1)
    h1 ^= h2 >>> 13
    h2 ^= h3 >>> 15
    h3 ^= h4 >>> 11
    h4 ^= h1 >>> 17
  }
  const finish = (h: number, k: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b ^ k)
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
    return (h ^ (h >>> 16)) >>> 0
  }
  return [finish(h1, 1), finish(h2 ^ h1, 2), finish(h3 ^ h2, 3), finish(h4 ^ h3, 4)]
}

/** A ULID-shaped id from a text: 26 base-32 characters, the first at most `7` as in a ULID. */
export function stableId(text: string): string {
  const words = hash128(text)
  let bits = ''
  for (const w of words) bits += w.toString(2).padStart(32, '0')
  bits = `00${bits}` // 130 bits: 26 characters of 5 bits, the first one below 8
  let out = ''
  for (let i = 0; i < 130; i += 5) out += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)]
  return out
}

/**
 * What identifies a place across imports: the producer's id with its pivot (SIRET/RNA) when
 * the file gives an id, else the row's name, address and postcode (normalised by the caller).
 */
export function placeIdentity(parts: { sourceId: string | null; pivot: string | null; source: string | null; nameKey: string; addressKey: string; postcode: string }): string {
  if (parts.sourceId) return stableId(`id|${parts.source ?? ''}|${parts.pivot ?? ''}|${parts.sourceId}`)
  return stableId(`row|${parts.nameKey}|${parts.addressKey}|${parts.postcode}`)
}
