// The records a run read, kept in a temporary file rather than in memory: a list of a million
// papers holds gigabytes of text, and the collection needs each record only when it groups it
// and again when its paper is written.
#pragma once

#include "mlsys/indexer/paper_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mlsys::indexer {

class RecordSpool : public RecordSink {
  public:
    // An unnamed file in $TMPDIR (else /tmp): the system removes it when the run ends, however
    // it ends. Throws IndexError when no such file can be made.
    RecordSpool();
    ~RecordSpool() override;
    RecordSpool(const RecordSpool&) = delete;
    RecordSpool& operator=(const RecordSpool&) = delete;

    void add(ReadRecord record) override;
    std::size_t size() const { return ends_.size(); }
    // The record appended `i`-th. Safe from several threads at once, once appending is over.
    ReadRecord record(std::size_t i) const;
    // Every record, in memory: for a list known to be small.
    std::vector<ReadRecord> records() const;

  private:
    void encode(const ReadRecord& record);
    void flush();
    std::uint32_t file_number(const std::string& file);

    int fd_ = -1;
    std::string folder_;               // where the file is, for messages
    std::vector<std::uint64_t> ends_;  // where each record ends in the file
    std::uint64_t flushed_ = 0;        // bytes written to the file; the rest are in `pending_`
    std::string pending_;
    std::vector<std::string> files_;  // each input file named once; records hold its number
    std::unordered_map<std::string, std::uint32_t> file_numbers_;
};

}  // namespace mlsys::indexer
