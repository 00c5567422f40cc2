#!/usr/bin/env bash
# Signed transcripts from end to end with a fresh key (ctest credentials.round-trip): a centre
# makes a key (accredit keys new: a file only its owner can read, a did:key), publishes it
# as a did:web (keys public --did-json), signs the transcripts of examples/sixth-form
# (transcript --sign --issuer), and a college checks them with the did.json (verify: exit 0);
# without the key verify cannot check them (exit 2), and a token with one byte of its payload
# changed is not valid (exit 1). The tokens' JSON validates against the Open Badges 3.0 and
# CLR 2.0 schemas (tests/schemas/) when python3 is installed; and when node and jose are
# (tests/browser/node_modules, .ci/install-deps), jose accepts every fresh token and rejects
# changed ones (jose_check.mjs), and jose_check.mjs fails on the changed token.
# Usage: round_trip.sh ACCREDIT ROOT
set -u
accredit=$1
root=$2
here=$root/tests/credentials
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export NO_COLOR=1 ACCREDIT_RULES_PATH=
fail=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAIL: $what"
    fail=1
  fi
}
at=(--at 2027-09-01)  # after the examples' validFrom (12 August 2027)

# The centre's key: a new file, readable by its owner alone; its id, a did:key.
did=$("$accredit" keys new -o centre.key 2>keys.err)
check "keys new: exit 0" test $? = 0
check "keys new: the key file is mode 600" test "$(stat -c %a centre.key 2>/dev/null)" = 600
check "keys new: prints a did:key of an Ed25519 key ($did)" \
  grep -Eq '^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$' <<<"$did"
"$accredit" keys public centre.key --did-web did:web:school.example --did-json did.json \
  >public.txt 2>public.err
check "keys public --did-web --did-json: exit 0" test $? = 0
check "keys public: the same did:key as keys new" grep -qxF "  $did" public.txt
check "keys public: did.json names did:web:school.example" \
  grep -qF "\"id\":\"did:web:school.example#${did#did:key:}\"" did.json

# The transcripts of examples/sixth-form, signed by did:web:school.example.
"$accredit" transcript "$root/examples/sixth-form/cohort.csv" -o out --sign centre.key \
  --issuer did:web:school.example >transcript.out 2>transcript.err
check "transcript --sign --issuer: exit 0" test $? = 0
clr=(out/*.clr.jwt)
badges=()  # ID.jwt: the learners' Open Badges 3.0 credentials, one token a line
for f in out/*.jwt; do
  case $f in *.clr.jwt) ;; *) badges+=("$f") ;; esac
done
check "transcript --sign: a signed transcript (ID.clr.jwt) per learner (25)" test ${#clr[@]} = 25
check "transcript --sign: their credentials (ID.jwt) per learner (25)" test ${#badges[@]} = 25
if [ $fail != 0 ]; then
  cat keys.err public.err transcript.err
  exit 1
fi

# A college checks them with the did.json the centre publishes.
"$accredit" verify "${clr[@]}" --key did.json "${at[@]}" >verify.out 2>verify.err
check "verify ID.clr.jwt --key did.json: exit 0" test $? = 0
check "verify ID.clr.jwt: 25 valid" grep -q '^25 tokens checked: 25 valid, 0 not valid' verify.out
"$accredit" verify out/F0001.jwt --key did.json "${at[@]}" >verify-badges.out 2>verify-badges.err
check "verify F0001.jwt --key did.json: exit 0" test $? = 0
check "verify F0001.jwt: every credential valid" \
  grep -Eq '^([0-9]+) tokens checked: \1 valid, 0 not valid' verify-badges.out
# Without the key of a did:web issuer nothing can be checked (nothing is fetched).
"$accredit" verify out/F0001.jwt "${at[@]}" >no-key.out 2>no-key.err
check "verify without --key: exit 2" test $? = 2
check "verify without --key: says the key is not given [no-key]" grep -qF '[no-key]' no-key.err
# One byte of a token's payload changed (the middle of its second part): not valid.
awk -F. '{ i = int(length($2) / 2); c = substr($2, i, 1) == "A" ? "B" : "A"
           print $1 "." substr($2, 1, i - 1) c substr($2, i + 1) "." $3; exit }' \
  out/F0001.clr.jwt >changed.clr.jwt
check "the changed token differs from the signed one by one byte" \
  test "$(cmp -l out/F0001.clr.jwt changed.clr.jwt | wc -l)" = 1
"$accredit" verify changed.clr.jwt --key did.json "${at[@]}" >changed.out 2>changed.err
check "verify a token with a payload byte changed: exit 1" test $? = 1
check "verify a changed token: the signature does not match [bad-signature]" \
  grep -qF '[bad-signature]' changed.err

# The JSON inside the tokens: Open Badges 3.0 and CLR 2.0 (tests/schemas/).
if command -v python3 >/dev/null; then
  python3 "$root/tests/schema_check.py" "$root/tests/schemas/clr-credential.schema.json" \
    "${clr[@]}" >schema.out 2>&1
  check "the ClrCredentials validate against clr-credential.schema.json" test $? = 0
  python3 "$root/tests/schema_check.py" \
    "$root/tests/schemas/ob3-achievement-credential.schema.json" "${badges[@]}" >>schema.out 2>&1
  check "the OpenBadgeCredentials validate against ob3-achievement-credential.schema.json" \
    test $? = 0
  [ $fail = 0 ] || head -20 schema.out
else
  echo "skipped: the schema checks (python3 is not installed)"
fi

# An implementation nobody here wrote: jose.
if command -v node >/dev/null && [ -d "$root/tests/browser/node_modules/jose" ]; then
  node "$here/jose_check.mjs" did.json "${clr[@]}" "${badges[@]}" >jose.out 2>jose.err
  check "jose accepts every fresh token and rejects changed copies ($(cat jose.out))" test $? = 0
  [ -s jose.err ] && head -20 jose.err
  node "$here/jose_check.mjs" did.json changed.clr.jwt >jose-changed.out 2>jose-changed.err
  check "jose_check.mjs fails on the changed token" test $? = 1
  check "jose_check.mjs: jose rejected its signature" \
    grep -qF 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' jose-changed.err
else
  echo "skipped: the jose check (needs node, and jose in tests/browser/node_modules:" \
    ".ci/install-deps)"
fi
exit $fail
