// Base58 with the Bitcoin alphabet ("base58btc"), as multibase (prefix 'z') writes the keys of
// a did:key.
#pragma once

#include <string>
#include <string_view>

namespace accredit::internal {

std::string Base58BtcEncode(std::string_view bytes);

}  // namespace accredit::internal
