// Reading one records input in pieces: the streaming half of the records pipeline.
//
// A national cohort is millions of rows. When an input is sorted by learner, its learners can
// be read, evaluated and written a piece at a time, on several threads, in memory that does
// not grow with the input. A RecordStream splits one input (CSV, JSON Lines, or a workbook's
// sheet, turned into CSV text as it is read) into chunks of whole records that end where a
// learner's rows end, and reads each chunk into learners exactly as ReadRecordInputs() reads
// the whole input, provided the input keeps one promise: each learner's rows are together,
// and learners come in ascending order of id (byte order, as `LC_ALL=C sort` leaves them).
// Whether an input keeps it is only known once it is read, so Settle() checks each chunk in
// input order, and a caller that finds the promise broken starts again: with a weaker promise
// (RestartGrouped), by learner (Regroup), or with ReadRecordInputs() (which groups any order).
//
// Chunks are cut only where a record ends; a chunk that met a fault which could have changed
// where records end in the whole input (a bad quote, an over-long record, NUL bytes) breaks the
// promise too, so a malformed file is always read whole and reported exactly as before.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accredit/diagnostic.h"
#include "accredit/read_options.h"
#include "accredit/records.h"
#include "accredit/rules.h"
#include "accredit/source.h"

namespace accredit {

// A piece of an input: whole records, in input order.
struct RecordChunk {
  std::size_t index = 0;         // 0, 1, 2, ... in input order
  std::string_view text;         // the records (into `storage`, or the registered source)
  std::uint32_t first_line = 1;  // the line of the input `text` starts on
  std::uint64_t end_offset = 0;  // bytes of the input up to the chunk's end, for progress
  std::string storage;           // owns `text` when the input is read from a file in blocks
  // A chunk of a regrouped stream (RecordStream::Regroup) holds learners rather than text:
  // the groups [first_group, end_group) of its index, and `text` is empty.
  std::size_t first_group = 0;
  std::size_t end_group = 0;
  // A chunk of a workbook's stream may hold no records but work: a piece of the sheet to turn
  // into CSV text on the thread that reads it (its number, from 1), or the fault that ends
  // the stream (kFaultPiece). Read() then gives no learners. 0 for a chunk of records.
  std::size_t piece = 0;
  static constexpr std::size_t kFaultPiece = SIZE_MAX;
};

// What one chunk holds.
struct ChunkRecords {
  RecordSet records;  // its learners in order of first appearance, and its rows' accounting
  // Whether the chunk keeps the stream's promise on its own: learner ids ascending, and no
  // fault that could have moved a record boundary. Settle() adds the check across chunks.
  bool in_order = true;
};

// The default chunk size. Smaller chunks keep a chunk's learners in cache between reading and
// evaluating them. On the 1M-learner benchmark (bench/RESULTS.md): 128 KiB ran about 8 %
// faster than 512 KiB (--jobs 1, with 10.5 MiB of memory rather than 15.7) and 2 MiB 25 %
// slower (--jobs 2); since the reading and the writing of a learner got faster (stop 34),
// 64 KiB runs sorted CSV 3 % faster than 128 KiB at --jobs 2 and 7 % at --jobs 1, unsorted
// CSV 7 % faster, and JSON Lines as fast; 32 KiB runs 4 % slower than 64.
inline constexpr std::size_t kDefaultChunkBytes = std::size_t{1} << 16;

namespace internal {
class LearnerPool;
class RowMemo;
}  // namespace internal

// What one reading thread keeps from a chunk to the next. The rows it has resolved against the
// rules, by their fields but the learner id and date, so that a row a cohort repeats ("GCSE,
// mathematics, 5" for thousands of learners) is resolved once; and the memory of the learners
// of chunks already written, given back with Recycle(), for the learners of the next. One per
// thread, for one stream's chunks; reading with it gives the learners and diagnostics reading
// without it gives.
class ReadScratch {
 public:
  ReadScratch();
  ~ReadScratch();
  ReadScratch(ReadScratch&&) noexcept;
  ReadScratch& operator=(ReadScratch&&) noexcept;

  // Gives back learners read with this scratch once they are no longer needed.
  void Recycle(std::vector<Learner>&& learners);

  internal::RowMemo& rows() { return *rows_; }
  internal::LearnerPool& learners() { return *learners_; }

 private:
  std::unique_ptr<internal::RowMemo> rows_;
  std::unique_ptr<internal::LearnerPool> learners_;
};

class RecordStream {
 public:
  // Opens `path` ("-": standard input, which is read whole first) to be read in chunks of
  // about `chunk_bytes`. Returns nullptr, having emitted nothing, when the input cannot be
  // streamed: it cannot be opened or is not a regular file (ReadRecordInputs() reports why),
  // JSON that is not JSON Lines, CSV whose header row is bad or not in the first block, a
  // bad encoding, or a workbook with a fault or several sheets to read (`path` may name one:
  // "results.xlsx#KS5"). Otherwise the header's diagnostics (unknown columns...) go to
  // `diagnostics`, and the input is registered in `sources` (with its text when at most
  // kKeepSourceTextBytes, as ReadRecordInputs() does; a workbook's sheet as "FILE[SHEET]").
  static std::unique_ptr<RecordStream> Open(const std::string& path, const RuleSet& rules,
                                            const ReadOptions& options, SourceSet& sources,
                                            Diagnostics& diagnostics,
                                            std::size_t chunk_bytes = kDefaultChunkBytes);
  // Streams an input already in memory, registered in `sources` as `source` with its text (the
  // bytes of a dropped file in the browser), as Open() streams a file: the same chunks, the
  // same diagnostics. `sources` must outlive the stream. Returns nullptr when the input cannot
  // be streamed (empty, JSON that is not JSON Lines, a bad header...).
  static std::unique_ptr<RecordStream> OpenSource(SourceId source, const RuleSet& rules,
                                                  const ReadOptions& options,
                                                  const SourceSet& sources,
                                                  Diagnostics& diagnostics,
                                                  std::size_t chunk_bytes = kDefaultChunkBytes);
  virtual ~RecordStream() = default;

  // The next chunk, from one thread at a time; false at the end of the input (or after a read
  // error, which Finish() reports).
  virtual bool Next(RecordChunk& chunk) = 0;

  // Reads `chunk` into learners, with its diagnostics; safe to call from several threads, each
  // with a `scratch` of its own (null: none kept beyond the chunk).
  virtual ChunkRecords Read(const RecordChunk& chunk, Diagnostics& diagnostics,
                            ReadScratch* scratch) const = 0;

  // Gives back a chunk's `storage` once read, so its memory serves a later chunk (a fresh
  // block of memory for every chunk costs a page fault per page); safe from any thread.
  virtual void Recycle(std::string&& storage) = 0;

  // Called for each chunk's records in input order: false when the stream's promise is broken
  // (the caller must start again reading the whole input). Drops notes the whole input would
  // give once (an unknown JSON key) from later chunks.
  virtual bool Settle(ChunkRecords& records, Diagnostics& diagnostics) = 0;

  // After the last chunk: what the whole input gives at its end (`no-rows`, a read error).
  virtual void Finish(const Accounting& total, Diagnostics& diagnostics) = 0;

  // For a stream whose promise proved broken: starts it again from the first record with a
  // weaker promise, that each learner's rows are together, learners in any order (a school
  // export sorted by name, or JSON Lines of learner objects). Settle() then remembers a 64-bit
  // hash of every learner id it has settled (at most 16 bytes a learner) and breaks the promise
  // at a learner seen in an earlier chunk. False when the stream cannot start again (a file
  // that cannot seek; a regrouped stream).
  virtual bool RestartGrouped() { return false; }

  // For a stream whose promise proved broken: a stream over the same input that hands out its
  // learners in order of first appearance whatever the order of its rows, as reading the whole
  // input does, a chunk of learners at a time. It reads the whole input into memory again and
  // indexes the records of each learner (about 12 bytes a record), then reads each learner's
  // records where they lie. Its chunks' diagnostics are held back by Settle() and given in
  // input order by Finish(). Its own promise, that reading each learner's records apart gives
  // what reading the whole input gives, is checked by Settle() too: a fault that could have
  // moved a record boundary, or a learner first seen later than reading the whole input would
  // see it (its first row had no readable id), breaks it. Returns nullptr when the input
  // cannot be read so: JSON Lines, an input larger than ReadOptions::max_file_bytes or 4 GiB,
  // or a file that cannot be read again or has changed size.
  // `threads`: how many threads may read the input into memory and index it at once (1 or
  // more; 1 starts no thread).
  virtual std::unique_ptr<RecordStream> Regroup(unsigned /*threads*/) { return nullptr; }

  // The input's size in bytes (0 when not known), for progress.
  virtual std::uint64_t size() const = 0;
};

}  // namespace accredit
