// Which encoding an input is in, and reading it as UTF-8.
//
// Schools save exports from Excel, which writes three encodings: "CSV UTF-8" (UTF-8, usually
// with a byte order mark), "Unicode text" (UTF-16, little-endian, with a byte order mark) and
// plain "CSV (Comma delimited)" (Windows-1252). Every reader works on UTF-8, so an input in
// one of the others is converted first, and a note says which encoding was assumed. Nothing is
// guessed beyond that: text with a valid multi-byte UTF-8 sequence is UTF-8 even when some of
// its bytes are not (those are reported where they are), and bytes that fit none of the three
// are left for the reader to report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accredit/diagnostic.h"
#include "accredit/enum_table.h"
#include "accredit/source.h"

namespace accredit::internal {

enum class TextEncoding : std::uint8_t { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };
inline constexpr EnumName<TextEncoding> kTextEncodingNames[] = {
    {TextEncoding::kUtf8, "utf-8", "UTF-8"},
    {TextEncoding::kUtf16Le, "utf-16le", "UTF-16, little-endian (Excel's \"Unicode text\")"},
    {TextEncoding::kUtf16Be, "utf-16be", "UTF-16, big-endian"},
    {TextEncoding::kWindows1252, "windows-1252",
     "Windows-1252 (Excel's plain \"CSV (Comma delimited)\")"},
};
static_assert(InDeclarationOrder(kTextEncodingNames));

// The encoding `bytes` are in: UTF-16 by its byte order mark; UTF-8 when valid, or when it
// holds a valid multi-byte sequence, a NUL byte, or a byte Windows-1252 leaves undefined;
// otherwise Windows-1252.
TextEncoding DetectEncoding(std::string_view bytes);

// `bytes` in `encoding` as UTF-8 (a UTF-16 byte order mark becomes a UTF-8 one); nullopt for
// kUtf8 (nothing to do) and for UTF-16 that is not valid (an unpaired surrogate, an odd
// length), which is left for the reader to report.
std::optional<std::string> ConvertToUtf8(std::string_view bytes, TextEncoding encoding);

// Converts `text` to UTF-8 in place when it is in another encoding (DetectEncoding), and
// returns the encoding it was read as: kUtf8 when it was left as it is.
TextEncoding ToUtf8(std::string& text);

// The `assumed-encoding` note, at `source`, for an input read as `encoding`; nothing for UTF-8.
void NoteEncoding(TextEncoding encoding, SourceId source, Diagnostics& diagnostics);

}  // namespace accredit::internal
