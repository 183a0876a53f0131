#include "mlsys/indexer/record_spool.h"

#include "mlsys/schema/schema.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string_view>
#include <system_error>
#include <variant>

namespace mlsys::indexer {

namespace {

// A record's bytes: numbers as LEB128, a text as its length and bytes, a list as its length
// and texts; the paper's fields in the field table's order, then its extra keys as JSON.
class Encoder {
  public:
    explicit Encoder(std::string& out) : out_(out) {}

    void number(std::uint64_t value) {
        while (value >= 0x80) {
            out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
            value >>= 7;
        }
        out_.push_back(static_cast<char>(value));
    }
    void text(std::string_view value) {
        number(value.size());
        out_.append(value);
    }
    void texts(const std::vector<std::string>& values) {
        number(values.size());
        for (const std::string& value : values) text(value);
    }

  private:
    std::string& out_;
};

class Decoder {
  public:
    explicit Decoder(std::string_view in) : in_(in) {}

    std::uint64_t number() {
        std::uint64_t value = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            const auto byte = static_cast<unsigned char>(next(1).front());
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return value;
        }
        damaged();
    }
    // A count of items each at least one byte long: never more than the bytes left.
    std::uint64_t count() {
        const std::uint64_t value = number();
        if (value > in_.size() - at_) damaged();
        return value;
    }
    std::string text() {
        const std::uint64_t size = number();
        return std::string(next(size));
    }
    std::vector<std::string> texts() {
        std::vector<std::string> values(count());
        for (std::string& value : values) value = text();
        return values;
    }

    bool done() const { return at_ == in_.size(); }
    [[noreturn]] static void damaged() { throw IndexError("the temporary file of records read is damaged"); }

  private:
    std::string_view next(std::uint64_t size) {
        if (size > in_.size() - at_) damaged();
        const std::string_view part = in_.substr(at_, size);
        at_ += size;
        return part;
    }

    std::string_view in_;
    std::size_t at_ = 0;
};

// A year of either sign as an unsigned number (0, -1, 1, -2, … as 0, 1, 2, 3, …).
std::uint64_t zigzag(int value) {
    const auto wide = static_cast<std::int64_t>(value);
    return (static_cast<std::uint64_t>(wide) << 1) ^ static_cast<std::uint64_t>(wide >> 63);
}
int unzigzag(std::uint64_t value) {
    return static_cast<int>(static_cast<std::int64_t>(value >> 1) ^ -static_cast<std::int64_t>(value & 1));
}

void encode_paper(const Paper& paper, Encoder& out) {
    for (const schema::Field& field : schema::kFields) {
        std::visit(
            [&](auto member) {
                const auto& value = paper.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, std::string>) {
                    out.text(value);
                } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
                    out.texts(value);
                } else {
                    out.number(value ? 1 : 0);
                    if (value) out.number(zigzag(*value));
                }
            },
            field.member);
    }
    const bool no_extra = paper.extra.is_object() && paper.extra.empty();
    out.text(no_extra ? std::string() : paper.extra.dump());
}

Paper decode_paper(Decoder& in) {
    Paper paper;
    for (const schema::Field& field : schema::kFields) {
        std::visit(
            [&](auto member) {
                auto& value = paper.*member;
                using Value = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<Value, std::string>) {
                    value = in.text();
                } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
                    value = in.texts();
                } else {
                    if (in.number() != 0) value = unzigzag(in.number());
                }
            },
            field.member);
    }
    const std::string extra = in.text();
    try {
        if (!extra.empty()) paper.extra = Json::parse(extra);
    } catch (const Json::exception&) {
        Decoder::damaged();
    }
    return paper;
}

std::string temporary_folder() {
    const char* folder = std::getenv("TMPDIR");
    return folder && *folder ? folder : "/tmp";
}

// An unnamed file in `folder` (O_TMPFILE), else one named and unlinked at once where the
// file system has no unnamed files.
int open_unnamed_file(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
    std::string name = folder + "/mlsys-index-records-XXXXXX";
    const int named = ::mkostemp(name.data(), O_CLOEXEC);
    if (named >= 0) ::unlink(name.c_str());
    return named;
}

// `error`: the errno of the call that failed, 0 for a file that ended early.
[[noreturn]] void spool_failed(const std::string& folder, const char* what, int error) {
    const std::string why = error ? std::generic_category().message(error) : "the file ended early";
    throw IndexError(std::string("cannot ") + what + " the temporary file of records read in " + folder + ": " + why +
                     " (TMPDIR names another folder)");
}

}  // namespace

RecordSpool::RecordSpool() : folder_(temporary_folder()) {
    fd_ = open_unnamed_file(folder_);
    if (fd_ < 0) spool_failed(folder_, "make", errno);
}

RecordSpool::~RecordSpool() {
    ::close(fd_);
}

std::uint32_t RecordSpool::file_number(const std::string& file) {
    const auto [it, added] = file_numbers_.emplace(file, static_cast<std::uint32_t>(files_.size()));
    if (added) files_.push_back(file);
    return it->second;
}

void RecordSpool::add(ReadRecord record) {
    const std::size_t before = pending_.size();
    try {
        encode(record);
    } catch (...) {
        pending_.resize(before);  // no part of a record left to precede the next
        throw;
    }
    ends_.push_back(flushed_ + pending_.size());
    if (pending_.size() >= (1U << 20)) flush();
}

void RecordSpool::encode(const ReadRecord& record) {
    Encoder out(pending_);
    out.number(file_number(record.where.file));
    out.number(record.where.line);
    out.number(static_cast<std::uint64_t>(record.id_origin));
    out.number(record.repeats.size());
    for (const SourceLocation& repeat : record.repeats) {
        out.number(file_number(repeat.file));
        out.number(repeat.line);
    }
    encode_paper(record.paper, out);
}

void RecordSpool::flush() {
    std::size_t written = 0;
    while (written < pending_.size()) {
        const ssize_t n =
            ::pwrite(fd_, pending_.data() + written, pending_.size() - written, static_cast<off_t>(flushed_ + written));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) spool_failed(folder_, "write", n < 0 ? errno : ENOSPC);
        written += static_cast<std::size_t>(n);
    }
    flushed_ += pending_.size();
    pending_.clear();
}

ReadRecord RecordSpool::record(std::size_t i) const {
    const std::uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    const std::uint64_t end = ends_[i];
    std::string bytes;
    if (begin >= flushed_) {
        bytes = pending_.substr(begin - flushed_, end - begin);
    } else {
        bytes.resize(end - begin);
        std::size_t read = 0;
        while (read < bytes.size()) {
            const ssize_t n = ::pread(fd_, bytes.data() + read, bytes.size() - read, static_cast<off_t>(begin + read));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) spool_failed(folder_, "read", n < 0 ? errno : 0);
            read += static_cast<std::size_t>(n);
        }
    }
    Decoder in(bytes);
    ReadRecord record;
    const auto location = [&] {
        const std::uint64_t file = in.number();
        if (file >= files_.size()) Decoder::damaged();
        return SourceLocation{files_[file], in.number()};
    };
    record.where = location();
    record.id_origin = static_cast<IdOrigin>(in.number());
    record.repeats.resize(in.count());
    for (SourceLocation& repeat : record.repeats) repeat = location();
    record.paper = decode_paper(in);
    if (!in.done()) Decoder::damaged();
    return record;
}

std::vector<ReadRecord> RecordSpool::records() const {
    std::vector<ReadRecord> all;
    all.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) all.push_back(record(i));
    return all;
}

}  // namespace mlsys::indexer
