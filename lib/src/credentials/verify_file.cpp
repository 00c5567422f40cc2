// The files `accredit verify` reads: tokens and keys (VerifyTokenFile, ReadVerificationKeyFile
// in accredit/verify.h), opened as every untrusted file is.
#include <fmt/format.h>

#include "accredit/vc_jwt.h"
#include "accredit/verify.h"
#include "base/untrusted_file.h"
#include "workflow/as_of_date.h"

namespace accredit {

namespace {

// Why `in` could not be read, for a message: "" when it was.
std::string FileFaultText(const internal::FileText& in, const std::string& path,
                          std::string_view kind, std::uint64_t limit) {
  using internal::FileFault;
  switch (in.fault) {
    case FileFault::kNone:
      return {};
    case FileFault::kCannotOpen:
    case FileFault::kReadError:
      return fmt::format("cannot read '{}': {}", path, internal::ErrnoText(in.error));
    case FileFault::kFolder:
      return fmt::format("'{}' is a folder, not {}", path, kind);
    case FileFault::kNotRegular:
      return fmt::format("'{}' is not a regular file (a pipe, socket or device): save it first",
                         path);
    case FileFault::kTooLarge:
    case FileFault::kGrew:
      return fmt::format("'{}' is larger than the {} MiB {} may be", path, limit >> 20, kind);
  }
  return fmt::format("cannot read '{}'", path);
}

}  // namespace

std::vector<VerifiedToken> VerifyTokenFile(const std::string& path, SourceSet& sources,
                                           const VerifyOptions& options, Diagnostics& diagnostics) {
  internal::FileText in = path == "-" ? internal::ReadStandardInput(kMaxTokenFileBytes)
                                      : internal::ReadUntrustedFile(path, kMaxTokenFileBytes);
  const std::string name = path == "-" ? "<stdin>" : path;
  if (!in.ok()) {
    VerifiedToken unread;
    unread.location = Location{sources.AddName(name), 0, 0, {}};
    const bool large =
        in.fault == internal::FileFault::kTooLarge || in.fault == internal::FileFault::kGrew;
    diagnostics.Error(large ? DiagnosticCode("too-large") : DiagnosticCode("io-error"),
                      FileFaultText(in, name, "a file of signed credentials", kMaxTokenFileBytes),
                      unread.location);
    return {std::move(unread)};
  }
  const SourceId source = sources.Add(name, std::move(in.text));
  sources.SetPersonal(source);
  return VerifyTokens(source, sources.Get(source).text, options, diagnostics);
}

std::optional<long long> ParseVerifyTime(std::string_view text, std::string& error) {
  if (std::optional<long long> when = ParseDateTime(text)) return when;
  if (text.find('T') != std::string_view::npos && text.find(':') != std::string_view::npos) {
    error = fmt::format(
        "--at '{}' is not a date-time\nnote: write it with its zone, as 2027-09-01T09:00:00Z "
        "or 2027-09-01T10:00:00+01:00",
        text);
    return std::nullopt;
  }
  if (std::optional<Date> date = internal::ParseAsOfDate(text, error, "--at")) {
    return date->days * 86400LL;
  }
  return std::nullopt;
}

std::vector<VerificationKey> ReadVerificationKeyFile(const std::string& path, std::string& error) {
  constexpr std::uint64_t kMaxKeyFileBytes = 1u << 20;
  internal::FileText in = internal::ReadUntrustedFile(path, kMaxKeyFileBytes);
  if (!in.ok()) {
    error = FileFaultText(in, path, "a key file", kMaxKeyFileBytes);
    return {};
  }
  std::vector<VerificationKey> keys = ReadVerificationKeys(in.text, error);
  if (keys.empty()) error = fmt::format("'{}' gives no key to check with: {}", path, error);
  return keys;
}

}  // namespace accredit
