// Where a did:web issuer publishes its key (accredit/did_web.h): no cryptography, so the
// library without OpenSSL (the browser's) can say it too.
#include "accredit/did_web.h"

#include <string>

namespace accredit {

bool IsDidWeb(std::string_view did) {
  constexpr std::string_view kPrefix = "did:web:";
  if (did.substr(0, kPrefix.size()) != kPrefix || did.size() == kPrefix.size()) return false;
  // The host (a port is written %3A) and path segments: letters, digits and . - _ % :
  for (char c : did.substr(kPrefix.size())) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '%' ||
                         c == ':';
    if (!allowed) return false;
  }
  return did.back() != ':';
}

std::string DidWebUrl(std::string_view did) {
  std::string rest(did.substr(std::string_view("did:web:").size()));
  std::string host = rest.substr(0, rest.find(':'));
  for (std::size_t at = host.find("%3A"); at != std::string::npos; at = host.find("%3A", at)) {
    host.replace(at, 3, ":");
  }
  std::string path;
  if (rest.find(':') != std::string::npos) {
    path = rest.substr(rest.find(':'));
    for (char& c : path) {
      if (c == ':') c = '/';
    }
  } else {
    path = "/.well-known";
  }
  return "https://" + host + path + "/did.json";
}

}  // namespace accredit
