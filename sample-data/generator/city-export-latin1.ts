// DuckDB's CSV writer only writes UTF-8, and many of a city's systems export Latin-1
// (Windows-1252 for every character Portuguese text uses): the UTF-8 file is transcoded in a
// stream, one character a byte, and a character Latin-1 cannot hold is an error rather than
// a silently wrong byte.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

function latin1Encoder(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const encode = (text: string): Buffer => {
    // eslint-disable-next-line no-control-regex -- the range is the point: what Latin-1 holds
    const outside = /[^\u0000-\u00ff]/.exec(text);
    if (outside) throw new Error(`${file}: o caractere "${outside[0]}" não existe em Latin-1`);
    return Buffer.from(text, 'latin1');
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, encode(decoder.decode(chunk, { stream: true })));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        done(null, encode(decoder.decode()));
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Writes `target` as the Latin-1 bytes of the UTF-8 text in `source`. */
export async function transcodeToLatin1(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), latin1Encoder(source), createWriteStream(target));
}
