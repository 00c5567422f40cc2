// Verifies accredit's signed credentials (VC-JWT: ID.clr.jwt, ID.jwt) with an implementation
// nobody here wrote: the npm package jose (tests/browser/package.json pins it; .ci/install-deps
// installs it with npm ci in tests/browser).
//
//   node jose_check.mjs KEY TOKEN-FILE... [--key KEY TOKEN-FILE...]...
//
// KEY is the issuer's did.json (a did:web issuer), or the word did:key: the key is then the
// issuer's own id, read from the token's kid (did:key:z6Mk...#z6Mk..., multibase base58btc of
// 0xed 0x01 and the 32 bytes of an Ed25519 public key, decoded here); --key KEY changes it for
// the files after it. Every non-empty line of every file is a token. For each: jose.jwtVerify
// accepts it (EdDSA only, typ JWT, at the fixed date 2027-09-01, after the examples' validFrom
// of 2027-08-12); its kid is the issuer's verification method (an assertion method of the
// did.json, or did:key:X#X); and its claims say what the credential says: iss is issuer.id,
// jti is id, nbf is validFrom in seconds, sub is credentialSubject.id (absent when that is).
// Then a copy with one character of the payload changed, and one with a character of the
// signature changed, must each be rejected by jose for its signature. Prints one line, "jose
// VERSION accepted N tokens, rejected M changed copies", and exits 0; exits 1 naming each
// token that fails, 2 on a usage error or when jose is not installed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const CURRENT_DATE = new Date("2027-09-01T00:00:00Z");

const USAGE = "usage: node jose_check.mjs KEY TOKEN-FILE... [--key KEY TOKEN-FILE...]... " +
              "(KEY: the issuer's did.json, or did:key)";
// The token files, each with the key it is checked with.
const groups = [];
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; ++i) {
    if (i === 0 && args[i] !== "--key") groups.push({ key: args[i], files: [] });
    else if (args[i] === "--key") groups.push({ key: args[++i], files: [] });
    else groups[groups.length - 1].files.push(args[i]);
  }
  if (!groups.length || groups.some((g) => g.key === undefined || !g.files.length)) {
    console.error(USAGE);
    process.exit(2);
  }
}

// jose from tests/browser/node_modules, where npm ci puts it.
const require = createRequire(new URL("../browser/package.json", import.meta.url));
let jose, joseVersion;
try {
  jose = require("jose");
  joseVersion = require("jose/package.json").version;
} catch (e) {
  console.error(`jose is not installed in tests/browser/node_modules: run .ci/install-deps ` +
                `(it runs npm ci in tests/browser) (${e.message})`);
  process.exit(2);
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58Decode(text) {
  let n = 0n;
  for (const c of text) {
    const digit = BASE58.indexOf(c);
    if (digit < 0) throw new Error(`"${c}" is not a base58 digit`);
    n = n * 58n + BigInt(digit);
  }
  const bytes = [];
  for (; n > 0n; n /= 256n) bytes.unshift(Number(n % 256n));
  for (const c of text) {  // each leading "1" is a leading zero byte
    if (c !== "1") break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

// The Ed25519 public key (a JWK) of did:key:z6Mk...: multibase "z" (base58btc) of the
// multicodec ed25519-pub (varint 0xed 0x01) and the 32-byte key.
function didKeyJwk(did) {
  const m = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m) throw new Error(`${did} is not a base58btc did:key`);
  const bytes = base58Decode(m[1]);
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    throw new Error(`${did} is not an Ed25519 did:key (0xed01 and 32 bytes)`);
  }
  return { kty: "OKP", crv: "Ed25519", x: bytes.subarray(2).toString("base64url") };
}

// The key jose checks a token with, from its protected header: in did:key mode (didDocument
// null), the key the kid names, which must be did:key:X#X; else the assertion method of the
// did.json that the kid names. Returns the method's controller and its public key (a JWK).
function methodOf(kid, didDocument, keyName) {
  if (typeof kid !== "string") throw new Error("the protected header has no kid");
  if (didDocument === null) {
    const [did, fragment, ...rest] = kid.split("#");
    if (rest.length || fragment !== did.slice("did:key:".length)) {
      throw new Error(`kid ${kid} is not a did:key's method (did:key:X#X)`);
    }
    return { controller: did, jwk: didKeyJwk(did) };
  }
  const assertion = (didDocument.assertionMethod ?? [])
    .map((m) => (typeof m === "string" ? m : m.id));
  const method = (didDocument.verificationMethod ?? []).find((m) => m.id === kid);
  if (!method || !assertion.includes(kid)) {
    throw new Error(`kid ${kid} is not an assertion method of ${keyName} ` +
                    `(its methods: ${assertion.join(", ") || "none"})`);
  }
  return { controller: didDocument.id, jwk: method.publicKeyJwk };
}

function readDidDocument(keyName) {
  if (keyName === "did:key") return null;
  try {
    return JSON.parse(readFileSync(keyName, "utf8"));
  } catch (e) {
    console.error(`${keyName}: cannot read the did.json: ${e.message}`);
    process.exit(2);
  }
}

const options = { algorithms: ["EdDSA"], typ: "JWT", currentDate: CURRENT_DATE };

// The token with the character at index i changed to another base64url character (one byte).
function changedAt(token, i) {
  return token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
}

const failures = [];
let accepted = 0;
let rejected = 0;

// Checks every token of the file with the key of the did.json (null: did:key mode).
async function checkFile(file, didDocument, keyName) {
  const methodFor = (header) => methodOf(header.kid, didDocument, keyName);
  const getKey = async (header) => jose.importJWK(methodFor(header).jwk, "EdDSA");
  let lines;
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
  if (lines.every((line) => line === "")) failures.push(`${file}: no tokens`);
  for (const [index, token] of lines.entries()) {
    if (token === "") continue;
    const where = `${file}:${index + 1}`;
    const fail = (message) => failures.push(`${where}: ${message}`);
    try {
      const { payload, protectedHeader } = await jose.jwtVerify(token, getKey, options);
      ++accepted;
      const method = methodFor(protectedHeader);
      const issuerId = typeof payload.issuer === "string" ? payload.issuer : payload.issuer?.id;
      if (method.controller !== issuerId) {
        fail(`signed with ${protectedHeader.kid}, a key of ${method.controller}, ` +
             `but issued by ${issuerId}`);
      }
      if (payload.iss !== issuerId) fail(`iss ${payload.iss} is not issuer.id ${issuerId}`);
      if (payload.jti !== payload.id) fail(`jti ${payload.jti} is not id ${payload.id}`);
      const validFrom = Date.parse(payload.validFrom) / 1000;
      if (!Number.isInteger(validFrom) || payload.nbf !== validFrom) {
        fail(`nbf ${payload.nbf} is not validFrom ${payload.validFrom} in seconds (${validFrom})`);
      }
      const subjectId = payload.credentialSubject?.id;
      if (payload.sub !== subjectId) {
        fail(`sub ${payload.sub} is not credentialSubject.id ${subjectId}`);
      }
    } catch (e) {
      fail(`not verified: ${e.code ?? e.name}: ${e.message}`);
      continue;
    }
    // One character changed in the middle of the payload, then of the signature (the middle of
    // a segment: its last character may carry only padding bits).
    const [header, payload] = token.split(".");
    const changes = {
      payload: header.length + 1 + Math.floor(payload.length / 2),
      signature: header.length + 1 + payload.length + 1 +
                 Math.floor((token.length - header.length - payload.length - 2) / 2),
    };
    for (const [part, i] of Object.entries(changes)) {
      try {
        await jose.jwtVerify(changedAt(token, i), getKey, options);
        fail(`jose accepted it with a character of its ${part} changed (at ${i})`);
      } catch (e) {
        if (e.code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") ++rejected;
        else fail(`with a character of its ${part} changed, jose rejected it, but not for its ` +
                  `signature: ${e.code ?? e.name}: ${e.message}`);
      }
    }
  }
}

for (const { key: keyName, files } of groups) {
  const didDocument = readDidDocument(keyName);
  for (const file of files) await checkFile(file, didDocument, keyName);
}

for (const f of failures) console.error(f);
if (failures.length) {
  console.error(`jose ${joseVersion}: ${failures.length} failure(s); ${accepted} tokens ` +
                `accepted, ${rejected} changed copies rejected`);
  process.exit(1);
}
console.log(`jose ${joseVersion} accepted ${accepted} tokens, rejected ${rejected} changed copies`);
